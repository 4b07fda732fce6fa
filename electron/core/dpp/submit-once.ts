import type { Application } from '../../contract/application.ts';
import { fail, ok, type AppError, type Result } from '../../contract/result.ts';
import type { DppClient, SubmitAccepted } from './client.ts';
import { backoffDelay, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.ts';

export interface SubmitOutcome extends SubmitAccepted {
  /** True when the application was found at the DPP by a status lookup instead of a send's answer. */
  reconciled: boolean;
}

/** Errors after which the request is known NOT to have been applied: safe to send again. */
const NOT_APPLIED = new Set<AppError['code']>(['network', 'rate-limited']);
/** Errors after which we cannot tell: look the application up before any resend. */
const OUTCOME_UNKNOWN = new Set<AppError['code']>(['server-error', 'unknown-outcome', 'timeout']);

/**
 * Submit an application exactly once (dpp-api.md "Unknown outcomes and exactly-once"):
 * - the same Idempotency-Key on every attempt (but never relied upon: the real DPP may ignore it);
 * - retry with backoff only when the request is known not to have been applied, honouring 429's
 *   Retry-After;
 * - after a timeout, reset or 5xx, check the status by Direct address first: found → submitted;
 *   404 → send again; a 409 on that resend also means our earlier send arrived.
 * Final answers (invalid, unauthorized, forbidden, conflict on a first send) return at once.
 */
export async function submitExactlyOnce(
  client: DppClient,
  app: Application,
  idempotencyKey: string,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<Result<SubmitOutcome>> {
  let mustCheck = false;
  let checkedAfterUnknown = false;
  let lastError: AppError | undefined;

  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    if (attempt > 1) {
      const waitMs =
        lastError?.code === 'rate-limited' && lastError.retryAfterSeconds !== undefined
          ? lastError.retryAfterSeconds * 1000
          : backoffDelay(policy, attempt - 1);
      if (waitMs > policy.maxRetryAfterMs) break;
      await policy.sleep(waitMs);
    }

    if (mustCheck) {
      const found = await lookUp(client, app);
      if (!found.ok) {
        lastError = found.error;
        continue; // still unknown: try the lookup again after a pause
      }
      if (found.value) return found as Result<SubmitOutcome>;
      mustCheck = false;
      checkedAfterUnknown = true;
    }

    const sent = await client.submit(app, { idempotencyKey });
    if (sent.ok) return ok({ ...sent.value, reconciled: false });
    lastError = sent.error;

    if (sent.error.code === 'conflict' && checkedAfterUnknown) {
      const found = await lookUp(client, app);
      if (found.ok && found.value) return found as Result<SubmitOutcome>;
      return fail(sent.error);
    }
    if (OUTCOME_UNKNOWN.has(sent.error.code)) {
      mustCheck = true;
      continue;
    }
    if (!NOT_APPLIED.has(sent.error.code)) return fail(sent.error);
  }

  if (mustCheck) {
    return fail({
      code: 'unknown-outcome',
      message:
        'TA Desk could not confirm whether the DPP received this application. It will not be sent again until its status has been checked.',
    });
  }
  return fail(lastError ?? { code: 'internal', message: 'The application was not sent.' });
}

async function lookUp(client: DppClient, app: Application): Promise<Result<SubmitOutcome | null>> {
  const status = await client.status(app.directAddress);
  if (!status.ok) return status;
  if (!status.value) return ok(null);
  return ok({
    applicationId: status.value.applicationId ?? '(not given by the DPP)',
    status: status.value.status,
    submittedAt: status.value.statusDate ?? new Date().toISOString(),
    reconciled: true,
  });
}
