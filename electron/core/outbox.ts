import { randomUUID } from 'node:crypto';
import { applicationSchema, fieldErrorsFrom, type Application } from '../contract/application.ts';
import type { AppError } from '../contract/result.ts';
import type { OutboxState } from '../contract/applications.ts';
import { createPacer, type Pacer } from './dpp/pacer.ts';
import { backoffDelay, DEFAULT_RETRY_POLICY, type RetryPolicy } from './dpp/retry-policy.ts';
import type { EnvironmentService } from './environments.ts';
import type { Environment } from './environment.ts';
import type { Emit } from './events.ts';
import { createLogger } from './log.ts';
import type { ApplicationRecord, ApplicationState, Repository, Transition } from './store/repository.ts';

const log = createLogger('outbox');

/** Marks a row whose unknown outcome was checked and not found: a 409 on the resend means "it arrived". */
const CHECKED_NOT_FOUND = 'checked-not-found';
/** An unknown outcome that could not be checked for a day: the TA should look it up themselves. */
const UNCONFIRMED = 'outcome-unconfirmed';
/** Longest wait between two status checks of an unknown outcome. */
export const RECONCILE_CAP_MS = 15 * 60_000;
/** After this long since it was queued, an unconfirmed application asks the TA to act. */
export const UNCONFIRMED_AFTER_MS = 24 * 60 * 60_000;
const UNCONFIRMED_TEXT =
  'TA Desk has not been able to confirm for 24 hours whether the DPP received this application, so it has not sent it again. ' +
  'Look up the patient’s Direct address in the DataMotion portal or ask DataMotion support. TA Desk keeps checking every 15 minutes and updates this row when the DPP answers.';

/** Answers that need the TA: the application goes back to editable with the reason. */
const NEEDS_TA = new Set<AppError['code']>(['invalid', 'unauthorized', 'forbidden', 'keychain', 'bad-request', 'bad-response', 'conflict']);
/** Answers after which the DPP may or may not have the application: reconcile before any resend. */
const OUTCOME_UNKNOWN = new Set<AppError['code']>(['server-error', 'timeout', 'unknown-outcome']);

export interface ProcessResult {
  state: ApplicationState;
  error?: AppError;
}

export interface OutboxOptions {
  repo: Repository;
  envs: EnvironmentService;
  actor: () => Promise<string>;
  emit: Emit;
  /** Told about each application whose row changed (the history index listens). */
  onRowChanged: (id: string) => void;
  policy?: RetryPolicy;
  now?: () => Date;
  /** Longest wait between attempts for one application, however often it failed. */
  maxBackoffMs?: number;
  /** Applications sent side by side (each row is still sent by one worker at a time). */
  concurrency?: number;
  /** The app's one pacer, shared with batch status lookups: one idea of the DPP's rate. */
  pacer?: Pacer;
}

/** What a parked application shows, by cause: the TA's next step, never the DPP's own text. */
export function attentionText(code: AppError['code']): string {
  switch (code) {
    case 'invalid':
      return 'The DPP found problems with this application. Open it, fix the marked fields and submit again.';
    case 'unauthorized':
      return 'The DPP did not accept the TA credentials. Check the username and password in Settings, then submit again.';
    case 'forbidden':
      return 'The DPP refused it: this account may not act as Trusted Agent for the organization.';
    case 'conflict':
      return 'The Direct address is already in use at the DPP. Check the address, or find the patient in History.';
    case 'keychain':
      return 'The OS keychain is not available, so the DPP password could not be read. Unlock or start the keychain, then submit again.';
    default:
      return 'The DPP answered in a way TA Desk could not use. Submit again; if it happens again, tell support.';
  }
}

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
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let stopped = false;
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
  const retryIn = (attempts: number) => Math.min(maxBackoffMs, Math.max(policy.baseDelayMs, backoffDelay(policy, attempts)));

  function validate(row: ApplicationRecord, env: Environment): { ok: true; app: Application } | { ok: false; error: AppError } {
    const parsed = applicationSchema({ directDomain: env.profile.directDomain }).safeParse(row.values);
    if (parsed.success) return { ok: true, app: parsed.data };
    return {
      ok: false,
      error: { code: 'invalid', message: 'Some fields need attention before this application can be sent.', fields: fieldErrorsFrom(parsed.error) },
    };
  }

  async function park(id: string, from: ApplicationState[], error: AppError): Promise<ProcessResult> {
    lastErrors.set(id, error);
    await move(id, {
      from,
      to: 'needs-attention',
      // Only our own wording is stored (the column is not encrypted): a DPP that quotes the
      // application back in its message would otherwise put PHI on disk in plain text.
      set: { attentionCode: error.code, attentionMessage: attentionText(error.code), nextAttemptAt: null },
      auditDetail: `needs attention: ${error.code}`,
    });
    return { state: 'needs-attention', error };
  }

  async function markSubmitted(row: ApplicationRecord, from: ApplicationState[], accepted: { applicationId: string | undefined; status: string; submittedAt: string; statusDate?: string | undefined; comments?: string | undefined }, how: string): Promise<ProcessResult> {
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
    return { state: 'submitted' };
  }

  /** After an unknown outcome: look the application up by Direct address before anything else. */
  async function reconcile(row: ApplicationRecord, env: Environment, app: Application): Promise<ProcessResult | 'send'> {
    const found = await envs.clientFor(env).status(app.directAddress);
    if (!found.ok) {
      if (found.error.code === 'network') online = false;
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
    if (found.value) {
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
  }

  async function processRow(id: string): Promise<ProcessResult> {
    let row = await repo.getApplication(id);
    if (!row) return { state: 'draft', error: { code: 'not-found', message: 'This application no longer exists.' } };
    if (row.state !== 'queued' && row.state !== 'unknown-outcome') return { state: row.state, error: lastErrors.get(id) };
    const env = await envs.get(row.environmentId);
    if (!env) {
      return park(id, [row.state], { code: 'bad-request', message: 'The environment this application was queued for has been removed. Choose an environment and submit again.' });
    }
    const valid = validate(row, env);
    if (!valid.ok) return park(id, [row.state], valid.error);

    if (row.state === 'unknown-outcome') {
      const outcome = await reconcile(row, env, valid.app);
      if (outcome !== 'send') return outcome;
      row = (await repo.getApplication(id)) ?? row;
    }

    if (!(await move(id, { from: ['queued'], to: 'sending', set: { attempts: row.attempts + 1 } }))) {
      return { state: (await repo.getApplication(id))?.state ?? 'draft' };
    }
    const key = row.idempotencyKey ?? randomUUID();
    // The slot is taken right before the request leaves, so the pace the DPP sees is the pace kept.
    const slot = await pacer.acquire(sleep);
    const sent = await envs.clientFor(env).submit(valid.app, { idempotencyKey: key });
    if (sent.ok) return markSubmitted(row, ['sending'], { ...sent.value }, 'sent');

    const error = sent.error;
    if (error.code !== 'rate-limited') log.info(`send of ${id} failed: ${error.code}`);
    if (error.code === 'conflict' && row.attentionCode === CHECKED_NOT_FOUND) {
      // Our earlier send did arrive (docs/dpp-contract.md: a 409 on a resend after a check is "found").
      await move(id, { from: ['sending'], to: 'unknown-outcome', set: { nextAttemptAt: null } });
      const again = await repo.getApplication(id);
      if (again) {
        const outcome = await reconcile(again, env, valid.app);
        if (outcome !== 'send') return outcome;
      }
      return park(id, ['queued'], error);
    }
    if (NEEDS_TA.has(error.code)) return park(id, ['sending'], error);
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

  /**
   * Send everything that is due, `concurrency` rows at a time, paced to what the DPP allows;
   * then sleep until the next row is due.
   */
  async function drain(): Promise<void> {
    if (running || stopped) return;
    running = true;
    try {
      for (;;) {
        const due = (await repo.listDue(['queued', 'unknown-outcome'])).filter(
          (r) => !inFlight.has(r.id) && (!r.nextAttemptAt || r.nextAttemptAt <= now().toISOString()),
        );
        if (due.length === 0 || stopped) break;
        const workers = Array.from({ length: Math.min(concurrency, due.length) }, async () => {
          for (let row = due.shift(); row && !stopped; row = due.shift()) await processOnce(row.id);
        });
        await Promise.all(workers);
      }
    } catch (err) {
      log.error('outbox run failed', err);
    } finally {
      running = false;
    }
    await scheduleNext();
  }

  async function scheduleNext(): Promise<void> {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    const waiting = (await repo.listDue(['queued', 'unknown-outcome']))
      .map((r) => (r.nextAttemptAt ? Date.parse(r.nextAttemptAt) : now().getTime()))
      .sort((a, b) => a - b);
    const next = waiting[0];
    if (next === undefined) return;
    timer = setTimeout(() => void drain(), Math.max(0, next - now().getTime()));
    timer.unref?.();
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

    /** Draft → queued, with its idempotency key, in one transaction. */
    async queue(id: string, app: Application): Promise<boolean> {
      const queued = await move(id, {
        from: ['draft', 'needs-attention'],
        to: 'queued',
        set: { values: app, idempotencyKey: randomUUID(), queuedAt: now().toISOString(), attentionCode: null, attentionMessage: null, attempts: 0, nextAttemptAt: null },
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
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.allSettled(inFlight.values());
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
