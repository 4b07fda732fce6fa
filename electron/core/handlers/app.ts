import { isCertificateType } from '../../contract/certificate-types.ts';
import { ok } from '../../contract/result.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import type { CoreServices } from './services.ts';

/** The settings key of the type picker's last choice (a certificate type name, never PHI). */
export const LAST_CERTIFICATE_TYPE_KEY = 'lastCertificateType';

/**
 * app.*: what the window shows in its header (and the type a new application starts as), the
 * activity that keeps the idle lock away, and the type picker's choice to remember.
 */
export function appHandlers({
  envs,
  lock,
  repo,
  version,
}: Pick<CoreServices, 'envs' | 'lock' | 'repo' | 'version'>): Pick<Handlers, 'app.info' | 'app.activity' | 'app.rememberCertificateType'> {
  return {
    'app.info': async () => {
      const [env, lastType] = await Promise.all([envs.active(), repo.getSetting(LAST_CERTIFICATE_TYPE_KEY)]);
      return ok({ ...envs.appInfo(env, version), ...(isCertificateType(lastType) ? { lastCertificateType: lastType } : {}) });
    },
    'app.activity': () => {
      lock.activity();
      return ok({ done: true as const });
    },
    'app.rememberCertificateType': async ({ certificateType }) => {
      await repo.setSetting(LAST_CERTIFICATE_TYPE_KEY, certificateType);
      return ok({ done: true as const });
    },
  };
}
