import { certificateFieldErrors, certificateSchema, type AnyCertificate } from '../../contract/certificates.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import { StoreConflictError } from '../store/repository.ts';
import { draftSaver, keepSecrets, withoutSecrets } from './drafts.ts';
import { AppFailure, guard } from './guard.ts';
import type { CoreServices } from './services.ts';

/** How long Submit waits for the first attempt before saying "queued, will be sent". */
const SUBMIT_WAIT_MS = 30_000;

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => {
    const timer: { unref?: () => void } = setTimeout(() => resolve(undefined), ms);
    timer.unref?.();
  });
}

/**
 * application.submit: validate against the active profile, turn the draft into an outbox row
 * (queued with its idempotency key), then wait a little for the first send so the TA usually
 * sees the DPP's answer at once; otherwise the outbox keeps trying.
 */
export function submitHandlers(services: Pick<CoreServices, 'repo' | 'envs' | 'actor' | 'outbox' | 'secrets'>): Pick<Handlers, 'application.submit'> {
  const { repo, envs, outbox, secrets } = services;
  const save = draftSaver(services);
  return {
    'application.submit': ({ draftId, certificateType = 'patient', application }) =>
      guard(async () => {
        const env = await envs.active();
        const parsed = certificateSchema(certificateType, { directDomain: env.profile.directDomain }).safeParse(application);
        if (!parsed.success) {
          throw new AppFailure({
            code: 'invalid',
            message: 'Some fields need attention before this application can be sent.',
            fields: certificateFieldErrors(certificateType, parsed.error),
          });
        }
        const typed = { certificateType, application: parsed.data } as AnyCertificate;
        // The draft (new or existing) becomes the outbox row: saved without its secrets (they go
        // to the keychain, kept until the DPP has them), then queued with its key.
        const values = withoutSecrets(typed.application as Record<string, unknown>, certificateType);
        const { id } = await save(draftId, values, certificateType);
        await keepSecrets(secrets, id, certificateType, typed.application);
        if (!(await outbox.queue(id, values))) throw new StoreConflictError('This application was already submitted.', 'queued');
        const first = await Promise.race([outbox.sendNow(id), delay(SUBMIT_WAIT_MS)]);
        outbox.kick();
        // Refused (invalid, credentials, conflict…): the row is back to editable, the error says why.
        if (first?.state === 'needs-attention' && first.error) throw new AppFailure({ ...first.error, draftId: id });
        const row = await repo.getApplication(id);
        return {
          id,
          state: row?.state ?? 'queued',
          applicationId: row?.applicationId ?? null,
          status: row?.dppStatus ?? null,
          submittedAt: row?.submittedAt ?? null,
          environmentName: env.name,
          pending: row?.state === 'submitted' ? undefined : (first?.error ?? outbox.lastError(id)),
        };
      }),
  };
}
