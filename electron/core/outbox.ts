import { randomUUID } from 'node:crypto';
import { secretFields, untickAttestation } from '../contract/certificates.ts';
import type { CertificateType } from '../contract/certificate-types.ts';
import type { AppError } from '../contract/result.ts';
import type { OutboxState } from '../contract/applications.ts';
import { createPacer } from './dpp/pacer.ts';
import { backoffDelay, DEFAULT_RETRY_POLICY } from './dpp/retry-policy.ts';
import type { Environment } from './environment.ts';
import { createLogger } from './log.ts';
import type { ApplicationRecord, ApplicationState, ApplicationValues, Transition } from './store/repository.ts';
import { attentionText, NEEDS_TA, OUTCOME_UNKNOWN } from './outbox/attention.ts';
import { checkForSend } from './outbox/check-for-send.ts';
import { createDrainLoop } from './outbox/drain.ts';
import { CHECKED_NOT_FOUND, createReconciler } from './outbox/reconcile.ts';
import type { Accepted, OutboxOptions, ProcessResult } from './outbox/types.ts';

// The pieces live under outbox/ (texts, reconciliation, worker loop); this file keeps the
// per-row send logic and the public API, so callers import from here as before.
export { attentionText } from './outbox/attention.ts';
export { RECONCILE_CAP_MS, UNCONFIRMED_AFTER_MS } from './outbox/reconcile.ts';
export type { OutboxOptions, ProcessResult } from './outbox/types.ts';

const log = createLogger('outbox');

const DOMAIN_TAKEN_AFTER_UNKNOWN =
  'The DPP says this Direct domain already has a certificate. TA Desk’s earlier send most likely arrived, but its Application ID never reached TA Desk: find it in the DPP portal before applying again.';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The exactly-once outbox (docs/dpp-contract.md, "Unknown outcomes"). Each state change is one
 * conditional transaction in the store, written BEFORE the network call it guards, so a crash
 * at any moment leaves a row that says what is known:
 * queued → sending (committed) → [request] → submitted | needs-attention | queued (retry) |
 * unknown-outcome (reconcile by status lookup before any resend). One worker sends at a time.
 */
export function createOutbox(options: OutboxOptions) {
  const { repo, envs, emit } = options;
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const now = options.now ?? (() => new Date());
  const maxBackoffMs = options.maxBackoffMs ?? 5 * 60_000;
  let online = true;
  // Enough side by side to keep the pace through a slow moment (GC, a WAL checkpoint); the
  // pacer, not the worker count, decides how fast requests leave.
  const concurrency = Math.max(1, options.concurrency ?? 6);
  const pacer = options.pacer ?? createPacer(() => now().getTime());
  /** Rows being processed: a row is never processed twice at once (sendNow joins the running one). */
  const inFlight = new Map<string, Promise<ProcessResult>>();
  /** The last refusal per row, with field errors, for the submit call waiting on it. */
  const lastErrors = new Map<string, AppError>();

  function processOnce(id: string): Promise<ProcessResult> {
    const current = inFlight.get(id);
    if (current) return current;
    const job = processAndAnnounce(id).finally(() => inFlight.delete(id));
    inFlight.set(id, job);
    return job;
  }

  async function state(): Promise<OutboxState> {
    const counts = await repo.countByState();
    return { online, queued: counts.queued ?? 0, sending: counts.sending ?? 0, unknown: counts['unknown-outcome'] ?? 0 };
  }

  async function announce(id: string) {
    options.onRowChanged(id);
    const row = await repo.getApplication(id);
    if (row) emit('application.changed', { id, state: row.state, dppStatus: row.dppStatus, applicationId: row.applicationId });
    emit('outbox.changed', await state());
  }

  async function move(id: string, t: Omit<Transition, 'audit'> & { auditDetail?: string }): Promise<boolean> {
    const moved = await repo.transition(id, {
      from: t.from,
      to: t.to,
      set: t.set,
      audit: t.auditDetail ? { actor: await options.actor(), action: 'submit', detail: t.auditDetail } : undefined,
    });
    return moved;
  }

  const later = (ms: number) => new Date(now().getTime() + ms).toISOString();
  const retryIn = (attempts: number) => Math.min(maxBackoffMs, Math.max(policy.baseDelayMs, backoffDelay(policy, attempts)));

  const validate = (row: ApplicationRecord, env: Environment) => checkForSend(row, env, options.secrets);

  async function park(id: string, from: ApplicationState[], error: AppError, type?: CertificateType): Promise<ProcessResult> {
    lastErrors.set(id, error);
    await move(id, {
      from,
      to: 'needs-attention',
      // Only our own wording is stored (the column is not encrypted): a DPP that quotes the
      // application back in its message would otherwise put PHI on disk in plain text.
      set: { attentionCode: error.code, attentionMessage: attentionText(error.code, type), nextAttemptAt: null },
      auditDetail: `needs attention: ${error.code}`,
    });
    return { state: 'needs-attention', error };
  }

  async function markSubmitted(row: ApplicationRecord, from: ApplicationState[], accepted: Accepted, how: string): Promise<ProcessResult> {
    online = true;
    await move(row.id, {
      from,
      to: 'submitted',
      set: {
        applicationId: accepted.applicationId ?? null,
        submittedAt: accepted.submittedAt,
        attentionCode: null,
        attentionMessage: null,
        nextAttemptAt: null,
      },
      auditDetail: how,
    });
    await repo.recordStatus(row.id, {
      status: accepted.status,
      statusDate: accepted.statusDate ?? accepted.submittedAt,
      comments: accepted.comments ?? null,
      actor: await options.actor(),
    });
    lastErrors.delete(row.id);
    // The DPP has the application, secrets included: the keychain lets them go.
    if (secretFields(row.certificateType).length > 0) await options.secrets?.forget(row.id);
    return { state: 'submitted' };
  }

  const reconcile = createReconciler({
    envs,
    emit,
    policy,
    now,
    maxBackoffMs,
    lastErrors,
    move,
    markSubmitted,
    later,
    wentOffline: () => {
      online = false;
    },
    heldByAnother: (applicationId, environmentId, rowId) => repo.applicationIdHeldByAnother(applicationId, environmentId, rowId),
  });
  const loop = createDrainLoop({ repo, now, concurrency, inFlight, processOnce });
  const drain = loop.drain;

  /**
   * An import batch paused or cancelled since this row was picked: the row stays queued (paused)
   * or goes back to Drafts (cancelled). Read synchronously and followed by the move with no await
   * between, so a pause is never overtaken by a send starting.
   */
  async function holdBack(row: ApplicationRecord, from: 'queued' | 'sending'): Promise<ProcessResult | undefined> {
    const { id } = row;
    const held = options.batchHold?.(id);
    if (held === 'cancelled') {
      // As a draft it no longer carries the batch's attestation (IAL2, users vetted; as History's reopen).
      const values = untickAttestation(row.values, row.certificateType);
      await move(id, { from: [from], to: 'draft', set: { values, nextAttemptAt: null }, auditDetail: 'returned to Drafts: its import batch was cancelled' });
      return { state: 'draft' };
    }
    if (held !== 'paused' && held !== 'queueing') return undefined;
    if (from === 'sending') await move(id, { from: ['sending'], to: 'queued', set: { nextAttemptAt: null } });
    return { state: 'queued' };
  }

  async function processRow(id: string): Promise<ProcessResult> {
    let row = await repo.getApplication(id);
    if (!row) return { state: 'draft', error: { code: 'not-found', message: 'This application no longer exists.' } };
    if (row.state !== 'queued' && row.state !== 'unknown-outcome') return { state: row.state, error: lastErrors.get(id) };
    const env = await envs.get(row.environmentId);
    if (!env) {
      return park(id, [row.state], { code: 'bad-request', message: 'The environment this application was queued for has been removed. Choose an environment and submit again.' });
    }
    const valid = await validate(row, env);
    if (!valid.ok) return park(id, [row.state], valid.error);

    if (row.state === 'unknown-outcome') {
      const outcome = await reconcile(row, env, valid.app);
      if (outcome !== 'send') return outcome;
      row = (await repo.getApplication(id)) ?? row;
    }

    // An import batch paused or cancelled since this row was picked: checked in the same tick as
    // the move below (no await between), so a pause is never overtaken by a send starting.
    const heldBefore = await holdBack(row, 'queued');
    if (heldBefore) return heldBefore;
    if (!(await move(id, { from: ['queued'], to: 'sending', set: { attempts: row.attempts + 1 } }))) {
      return { state: (await repo.getApplication(id))?.state ?? 'draft' };
    }
    const key = row.idempotencyKey ?? randomUUID();
    // The slot is taken right before the request leaves, so the pace the DPP sees is the pace kept.
    const slot = await pacer.acquire(sleep);
    // Waiting for the slot can take seconds: a pause or cancel meanwhile still stops this send
    // (nothing has left yet; the check and the move back happen in one tick, before the request).
    const heldAfter = await holdBack(row, 'sending');
    if (heldAfter) return heldAfter;
    const sent = await envs.clientFor(env).submitCertificate(valid.app, { idempotencyKey: key });
    if (sent.ok || sent.error.code !== 'rate-limited') pacer.answered(slot);
    if (sent.ok) return markSubmitted(row, ['sending'], { ...sent.value }, 'sent');

    const error = sent.error;
    if (error.code !== 'rate-limited') log.info(`send of ${id} failed: ${error.code}`);
    if (error.code === 'conflict' && row.attentionCode === CHECKED_NOT_FOUND && valid.app.certificateType === 'organization') {
      // Resent after an unknown outcome and the domain is taken: most likely our first send, whose number we never got.
      return park(id, ['sending'], { code: 'conflict', message: DOMAIN_TAKEN_AFTER_UNKNOWN });
    }
    if (error.code === 'conflict' && row.attentionCode === CHECKED_NOT_FOUND) {
      // Our earlier send did arrive (docs/dpp-contract.md: a 409 on a resend after a check is "found").
      await move(id, { from: ['sending'], to: 'unknown-outcome', set: { nextAttemptAt: null } });
      const again = await repo.getApplication(id);
      if (again) {
        const outcome = await reconcile(again, env, valid.app);
        if (outcome !== 'send') return outcome;
      }
      return park(id, ['queued'], error, row.certificateType);
    }
    if (NEEDS_TA.has(error.code)) return park(id, ['sending'], error, row.certificateType);
    if (OUTCOME_UNKNOWN.has(error.code)) {
      lastErrors.set(id, error);
      await move(id, { from: ['sending'], to: 'unknown-outcome', set: { nextAttemptAt: later(retryIn(row.attempts + 1)), lastCheckedAt: null } });
      return { state: 'unknown-outcome', error };
    }
    // Known not applied: refused connection or 429. Wait, then send again.
    if (error.code === 'network') online = false;
    const wait = Math.min(maxBackoffMs, error.code === 'rate-limited' ? (error.retryAfterSeconds ?? 1) * 1000 : retryIn(row.attempts + 1));
    if (error.code === 'rate-limited') pacer.limited(wait, slot);
    lastErrors.set(id, error);
    await move(id, { from: ['sending'], to: 'queued', set: { nextAttemptAt: later(wait) } });
    return { state: 'queued', error };
  }

  async function processAndAnnounce(id: string): Promise<ProcessResult> {
    try {
      return await processRow(id);
    } finally {
      await announce(id);
    }
  }

  return {
    state,
    /** False after the DPP could not be reached, until a request gets through again. */
    isOnline: () => online,
    /** Another part of the app reached the DPP (the status poller's probe): we are online again. */
    markOnline(): void {
      if (online) return;
      online = true;
      void state().then((s) => emit('outbox.changed', s));
      void drain();
    },
    lastError: (id: string) => lastErrors.get(id),

    /** On start: rows left in `sending` were cut off mid-request; their outcome is unknown. */
    async recover(): Promise<number> {
      const cut = await repo.listDue(['sending']);
      for (const row of cut) {
        await move(row.id, {
          from: ['sending'],
          to: 'unknown-outcome',
          set: { nextAttemptAt: null },
          auditDetail: 'interrupted while sending: will check status before any resend',
        });
      }
      return cut.length;
    },

    /** Draft → queued, with its idempotency key, in one transaction. `values` never hold a secret (the keychain does). */
    async queue(id: string, values: ApplicationValues): Promise<boolean> {
      const queued = await move(id, {
        from: ['draft', 'needs-attention'],
        to: 'queued',
        set: { values, idempotencyKey: randomUUID(), queuedAt: now().toISOString(), attentionCode: null, attentionMessage: null, attempts: 0, nextAttemptAt: null },
        auditDetail: 'queued',
      });
      if (queued) await announce(id);
      return queued;
    },

    /** Process one application now (the TA pressed Submit) and say how it went. */
    sendNow: (id: string) => processOnce(id),

    kick(): void {
      void drain();
    },

    /** Retry everything waiting, now (the TA pressed "Retry now"). */
    async retryAll(): Promise<void> {
      const rows = await repo.listDue(['queued', 'unknown-outcome']);
      for (const row of rows) await repo.transition(row.id, { from: [row.state], to: row.state, set: { nextAttemptAt: null } });
      await drain();
    },

    async stop(): Promise<void> {
      loop.stop();
      await Promise.allSettled(inFlight.values());
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
