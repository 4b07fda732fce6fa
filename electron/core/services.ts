import { randomUUID } from 'node:crypto';
import { applicationSchema, fieldErrorsFrom, type Application } from '../contract/application.ts';
import type { AppInfo } from '../contract/app-info.ts';
import { fail, ok, type Result } from '../contract/result.ts';
import type { SubmitReceipt } from '../contract/submission.ts';
import { createDppClient, type DppCredentials, type FetchFn } from './dpp/client.ts';
import type { RetryPolicy } from './dpp/retry-policy.ts';
import { submitExactlyOnce } from './dpp/submit-once.ts';
import type { Environment } from './environment.ts';
import type { Handlers } from './ipc/dispatch.ts';

export interface CoreOptions {
  version: string;
  environment: Environment;
  fetch: FetchFn;
  /** Read on each DPP call (from the keychain in the app); never cached here. */
  credentials: () => Promise<DppCredentials>;
  timeoutMs?: number;
  retryPolicy?: RetryPolicy;
}

/** The services behind the IPC channels; the same object serves Electron main and the preview host. */
export function createCoreServices(options: CoreOptions) {
  const { environment } = options;
  const dpp = createDppClient({
    baseUrl: environment.baseUrl,
    fetch: options.fetch,
    credentials: options.credentials,
    timeoutMs: options.timeoutMs,
  });
  const schema = applicationSchema({ directDomain: environment.profile.directDomain });

  function appInfo(): AppInfo {
    const { trustedAgent, organizationName, directDomain, defaultCountry, defaultState } = environment.profile;
    return {
      version: options.version,
      environmentName: environment.name,
      practice: environment.practice,
      profile: { trustedAgent, organizationName, directDomain, defaultCountry, defaultState },
    };
  }

  async function submitApplication(input: Application): Promise<Result<SubmitReceipt>> {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      return fail({
        code: 'invalid',
        message: 'Some fields need attention before this application can be sent.',
        fields: fieldErrorsFrom(parsed.error),
      });
    }
    const result = await submitExactlyOnce(dpp, parsed.data, randomUUID(), options.retryPolicy);
    if (!result.ok) return result;
    const { applicationId, status, submittedAt } = result.value;
    return ok({ applicationId, status, submittedAt, environmentName: environment.name });
  }

  const handlers: Handlers = {
    'app.info': () => ok(appInfo()),
    'application.submit': submitApplication,
  };

  return { appInfo, submitApplication, handlers, dpp };
}

export type CoreServices = ReturnType<typeof createCoreServices>;
