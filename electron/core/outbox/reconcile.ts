import type { AnyCertificate } from '../../contract/certificates.ts';
import type { AppError } from '../../contract/result.ts';
import type { RetryPolicy } from '../dpp/retry-policy.ts';
import type { EnvironmentService } from '../environments.ts';
import type { Environment } from '../environment.ts';
import type { Emit } from '../events.ts';
import type { ApplicationRecord } from '../store/repository.ts';
import { attentionText, UNCONFIRMED_TEXT } from './attention.ts';
import type { MarkSubmitted, Move, ProcessResult } from './types.ts';

// Reconciliation of unknown outcomes (docs/dpp-contract.md, "Unknown outcomes"): the status
// check that must come before any resend, and its backoff. Its own file because it is the part
// of exactly-once that decides whether a resend is safe.

/** Marks a row whose unknown outcome was checked and not found: a 409 on the resend means "it arrived". */
export const CHECKED_NOT_FOUND = 'checked-not-found';
/** An unknown outcome that could not be checked for a day: the TA should look it up themselves. */
const UNCONFIRMED = 'outcome-unconfirmed';
/** Longest wait between two status checks of an unknown outcome. */
export const RECONCILE_CAP_MS = 15 * 60_000;
/** After this long since it was queued, an unconfirmed application asks the TA to act. */
export const UNCONFIRMED_AFTER_MS = 24 * 60 * 60_000;

/** What reconcile shares with the outbox that owns it (its clock, store moves and online flag). */
export interface ReconcileDeps {
  envs: EnvironmentService;
  emit: Emit;
  policy: RetryPolicy;
  now: () => Date;
  maxBackoffMs: number;
  lastErrors: Map<string, AppError>;
  move: Move;
  markSubmitted: MarkSubmitted;
  /** ISO time `ms` from now. */
  later: (ms: number) => string;
  /** The DPP could not be reached: the outbox shows offline. */
  wentOffline: () => void;
  /** Another of our rows in this environment already holds this Application ID (repository). */
  heldByAnother: (applicationId: string, environmentId: string, rowId: string) => boolean;
}

export function createReconciler(deps: ReconcileDeps) {
  const { envs, emit, policy, now, maxBackoffMs, lastErrors, move, markSubmitted, later } = deps;
  /**
   * The wait before the next status check of an unknown outcome: twice the last gap between
   * checks (the row's last_checked_at is the memory, so a restart keeps the pace), from the
   * policy's base up to RECONCILE_CAP_MS, plus up to a tenth of jitter so rows spread out.
   */
  const reconcileWait = (row: ApplicationRecord) => {
    const gap = row.lastCheckedAt ? now().getTime() - Date.parse(row.lastCheckedAt) : 0;
    const wait = Math.min(RECONCILE_CAP_MS, Math.max(policy.baseDelayMs, 2 * gap));
    return Math.round(wait * (1 + policy.random() / 10));
  };

  /**
   * After an unknown outcome: look the application up by Direct address before anything else.
   * An organizational application has no address, and the DPP finds it only by the number we
   * never got: it is resent with the same key instead, which cannot make a second certificate
   * (the DPP refuses a domain that already has one with 409; the outbox then asks the TA).
   */
  return async function reconcile(row: ApplicationRecord, env: Environment, certificate: AnyCertificate): Promise<ProcessResult | 'send'> {
    if (certificate.certificateType === 'organization') {
      await move(row.id, { from: ['unknown-outcome'], to: 'queued', set: { attentionCode: CHECKED_NOT_FOUND, attentionMessage: null } });
      return 'send';
    }
    const found = await envs.clientFor(env).status(certificate.application.directAddress);
    if (!found.ok) {
      if (found.error.code === 'network') deps.wentOffline();
      if (found.error.code === 'unauthorized' || found.error.code === 'keychain' || found.error.code === 'forbidden') {
        // Cannot check without valid credentials: the TA must act; the row stays unresolved until then.
        lastErrors.set(row.id, found.error);
        await move(row.id, { from: ['unknown-outcome'], to: 'unknown-outcome', set: { attentionCode: found.error.code, attentionMessage: attentionText(found.error.code), nextAttemptAt: later(maxBackoffMs) } });
        return { state: 'unknown-outcome', error: found.error };
      }
      // Checked again with growing waits, never resent blind; after a day the TA is asked to act.
      const stale = row.queuedAt !== null && now().getTime() - Date.parse(row.queuedAt) >= UNCONFIRMED_AFTER_MS;
      const flag = stale && row.attentionCode !== UNCONFIRMED;
      await move(row.id, {
        from: ['unknown-outcome'],
        to: 'unknown-outcome',
        set: {
          nextAttemptAt: later(reconcileWait(row)),
          lastCheckedAt: now().toISOString(),
          ...(flag ? { attentionCode: UNCONFIRMED, attentionMessage: UNCONFIRMED_TEXT } : {}),
        },
        auditDetail: flag ? 'outcome still unknown after 24 hours of failed status checks: needs attention' : undefined,
      });
      if (flag) emit('app.notice', { level: 'warning', title: 'An application needs your attention', message: 'TA Desk could not confirm for 24 hours whether the DPP received an application. See the Outbox.' });
      return { state: 'unknown-outcome', error: found.error };
    }
    // The application found by this address may be an earlier one of ours (a renewal, or one made
    // again after a rejection, shares its address): that one is not this row's, so the lost send
    // did not arrive. It is sent again with the same Idempotency-Key, which the DPP answers as the
    // first time if it did arrive after all: never a second application, never a borrowed number.
    const earlier = found.value?.applicationId !== undefined && deps.heldByAnother(found.value.applicationId, env.id, row.id);
    if (found.value && !earlier) {
      return markSubmitted(
        row,
        ['unknown-outcome'],
        { applicationId: found.value.applicationId, status: found.value.status, submittedAt: found.value.statusDate ?? now().toISOString(), statusDate: found.value.statusDate, comments: found.value.comments },
        'reconciled: found at the DPP',
      );
    }
    // Not at the DPP: safe to send again, with the same Idempotency-Key.
    await move(row.id, { from: ['unknown-outcome'], to: 'queued', set: { attentionCode: CHECKED_NOT_FOUND, attentionMessage: null } });
    return 'send';
  };
}
