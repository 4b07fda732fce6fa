import { applicationSchema, fieldErrorsFrom } from '../contract/application.ts';
import type { DraftValues } from '../contract/applications.ts';
import { PRACTICE_ENVIRONMENT_ID } from '../contract/environments.ts';
import { fail, ok, type AppError, type Result } from '../contract/result.ts';
import { toCsv } from './csv.ts';
import type { DppCredentials, FetchFn } from './dpp/client.ts';
import type { RetryPolicy } from './dpp/retry-policy.ts';
import { createEnvironmentService, EnvironmentInputError } from './environments.ts';
import type { Environment } from './environment.ts';
import type { Emit } from './events.ts';
import { createHistoryIndex } from './history.ts';
import type { Handlers } from './ipc/dispatch.ts';
import { createLockService } from './lock.ts';
import { createLogger } from './log.ts';
import { createOutbox } from './outbox.ts';
import { createStatusPoller, FINAL_STATUSES } from './poller.ts';
import { openStore } from './store/open-store.ts';
import { StoreConflictError, StoreNotFoundError } from './store/repository.ts';
import { toSummary } from './summaries.ts';
import { createCredentialVault } from './vault/credential-vault.ts';
import type { SecretStore } from './vault/secret-store.ts';

const log = createLogger('core');

/** A failure the TA should see as is (already worded for them). */
class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => {
    const timer: { unref?: () => void } = setTimeout(() => resolve(undefined), ms);
    timer.unref?.();
  });
}

export interface AppCoreOptions {
  version: string;
  dataDir: string;
  secretStore: SecretStore;
  /** Overrides TA_DESK_KEYCHAIN_SERVICE (tests give each run its own keychain entries). */
  keychainServicePrefix?: string;
  /** net.fetch in Electron; Node's fetch in the preview host. */
  networkFetch: FetchFn;
  practice: { environment: Environment; credentials: DppCredentials; fetch: FetchFn };
  emit: Emit;
  /** Desktop notification (Electron's Notification); the in-app notice is always emitted too. */
  notify?: (title: string, body: string) => void;
  pollIntervalMs?: number;
  idleLockMs?: number;
  retryPolicy?: RetryPolicy;
  timeoutMs?: number;
}

/** How long Submit waits for the first attempt before saying "queued, will be sent". */
const SUBMIT_WAIT_MS = 30_000;

/**
 * The composition root shared by Electron main and the preview host: keychain → data key →
 * encrypted store → environments, outbox, history, status poller, idle lock → IPC handlers.
 */
export async function createAppCore(options: AppCoreOptions) {
  const vault = createCredentialVault(options.secretStore, { servicePrefix: options.keychainServicePrefix });
  const dataKey = await vault.getOrCreateDataKey(); // KeychainUnavailableError stops here, clearly
  const store = await openStore({ dataDir: options.dataDir, dataKey });
  const { repo } = store;
  const { emit } = options;

  const envs = createEnvironmentService({
    store: repo,
    vault,
    practice: options.practice,
    networkFetch: options.networkFetch,
    timeoutMs: options.timeoutMs,
  });

  /** Who did it, for the audit log: the TA profile of the active environment (no PHI). */
  const actor = async () => {
    const env = await envs.active();
    return `${env.profile.trustedAgent} <${env.profile.userId}> @ ${env.name}`;
  };

  const history = createHistoryIndex(repo);

  const lock = createLockService({
    verifyPassword: async (password) => {
      const env = await envs.active();
      if (env.practice) return password === options.practice.credentials.password;
      return vault.verifyPassword(env.id, password);
    },
    loadIdleMinutes: async () => {
      const stored = await repo.getSetting('idleMinutes');
      return stored ? Number(stored) : undefined;
    },
    saveIdleMinutes: (minutes) => repo.setSetting('idleMinutes', String(minutes)),
    onChange: (state) => emit('lock.changed', state),
    onAudit: async (action, detail) => void (await repo.appendAudit({ actor: await actor(), action, detail })),
    idleMsOverride: options.idleLockMs,
  });

  const outbox = createOutbox({
    repo,
    envs,
    actor,
    emit,
    onRowChanged: (id) => void history.refresh(id),
    policy: options.retryPolicy,
  });

  const poller = createStatusPoller({
    repo,
    envs,
    history,
    actor,
    // Paused while locked (no PHI work behind the lock screen); while the DPP is unreachable it
    // only probes with one lookup per round, and a success tells the outbox it is back.
    isPaused: () => lock.isLocked(),
    isOffline: () => !outbox.isOnline(),
    onReachable: () => outbox.markOnline(),
    intervalMs: options.pollIntervalMs ?? 60_000,
    onChanged: (row, previous) => {
      emit('application.changed', { id: row.id, state: row.state, dppStatus: row.dppStatus, applicationId: row.applicationId });
      if (row.dppStatus && FINAL_STATUSES.includes(row.dppStatus) && row.dppStatus !== previous) {
        const provisioned = row.dppStatus === 'Provisioned';
        // No PHI in notifications: they show on the lock screen and in the OS notification center.
        const title = provisioned ? 'Direct address provisioned' : 'Application rejected';
        const message = `Application ${row.applicationId ?? ''} is ${row.dppStatus}.`.replace('  ', ' ');
        emit('app.notice', { level: provisioned ? 'success' : 'warning', title, message });
        options.notify?.(title, message);
      }
    },
  });

  const toError = (err: unknown): AppError | undefined => {
    if (err instanceof AppFailure) return err.error;
    if (err instanceof EnvironmentInputError) return { code: 'invalid', message: err.message, fields: err.fields };
    if (err instanceof StoreConflictError) return { code: 'conflict', message: err.message };
    if (err instanceof StoreNotFoundError) return { code: 'not-found', message: 'This application no longer exists.' };
    if (err instanceof Error && err.name === 'KeychainUnavailableError') return { code: 'keychain', message: err.message };
    return undefined;
  };
  /** Known failures become typed errors; anything else propagates to the dispatcher (redacted). */
  async function guard<T>(fn: () => Promise<T>): Promise<Result<T>> {
    try {
      return ok(await fn());
    } catch (err) {
      const known = toError(err);
      if (known) return fail(known);
      throw err;
    }
  }

  async function saveDraftFor(id: string | undefined, values: DraftValues) {
    const env = await envs.active();
    return repo.saveDraft({ id, environmentId: env.id, values, actor: await actor() });
  }

  async function exportCsv(kind: string, header: string[], rows: (string | null)[][], detail: string) {
    await repo.appendAudit({ actor: await actor(), action: 'export', detail });
    const stamp = new Date().toISOString().slice(0, 10);
    return { fileName: `ta-desk-${kind}-${stamp}.csv`, csv: toCsv(header, rows), rows: rows.length };
  }

  const handlers: Handlers = {
    'app.info': async () => ok(envs.appInfo(await envs.active(), options.version)),
    'app.activity': () => {
      lock.activity();
      return ok({ done: true as const });
    },

    'application.submit': ({ draftId, application }) =>
      guard(async () => {
        const env = await envs.active();
        const parsed = applicationSchema({ directDomain: env.profile.directDomain }).safeParse(application);
        if (!parsed.success) {
          throw new AppFailure({ code: 'invalid', message: 'Some fields need attention before this application can be sent.', fields: fieldErrorsFrom(parsed.error) });
        }
        // The draft (new or existing) becomes the outbox row: saved, then queued with its key.
        const { id } = await saveDraftFor(draftId, parsed.data);
        if (!(await outbox.queue(id, parsed.data))) throw new StoreConflictError('This application was already submitted.', 'queued');
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

    'drafts.save': ({ id, values }) => guard(() => saveDraftFor(id, values)),
    'drafts.list': () => guard(async () => (await repo.listApplications({ states: ['draft', 'needs-attention'] })).map(toSummary)),
    'drafts.get': ({ id }) =>
      guard(async () => {
        const row = await repo.getApplication(id);
        if (!row) throw new StoreNotFoundError(id);
        return {
          id: row.id,
          state: row.state,
          values: row.values as DraftValues,
          attention: row.attentionCode && row.attentionMessage ? { code: row.attentionCode, message: row.attentionMessage } : null,
          updatedAt: row.updatedAt,
        };
      }),
    'drafts.delete': ({ id }) =>
      guard(async () => {
        await repo.deleteApplication(id, await actor());
        return { done: true as const };
      }),
    'drafts.duplicate': ({ id }) =>
      guard(async () => {
        const row = await repo.getApplication(id);
        if (!row) throw new StoreNotFoundError(id);
        return saveDraftFor(undefined, row.values as DraftValues);
      }),

    'outbox.list': () => guard(async () => (await repo.listApplications({ states: ['queued', 'sending', 'unknown-outcome'] })).map(toSummary)),
    'outbox.state': () => guard(() => outbox.state()),
    'outbox.retryNow': () =>
      guard(async () => {
        await outbox.retryAll();
        return outbox.state();
      }),

    'history.query': (query) => guard(() => history.query(query)),
    'history.get': ({ id }) =>
      guard(async () => {
        const summary = await history.get(id);
        if (!summary) throw new StoreNotFoundError(id);
        return { summary, timeline: await repo.timeline(id) };
      }),
    'history.checkStatus': ({ id }) => guard(() => poller.checkNow(id)),
    'history.export': ({ query, includePhi }) =>
      guard(async () => {
        const page = await history.query({ ...query, offset: 0, limit: 500 });
        const rows = [...page.rows];
        for (let offset = 500; offset < page.total; offset += 500) rows.push(...(await history.query({ ...query, offset, limit: 500 })).rows);
        const header = ['Application ID', 'Status', 'Status date', 'Submitted at', ...(includePhi ? ['Patient name', 'Direct address', 'Officer comments'] : [])];
        const data = rows.map((r) => [
          r.applicationId,
          r.dppStatus,
          r.statusDate,
          r.submittedAt,
          ...(includePhi ? [r.patientName, r.directAddress, r.comments] : []),
        ]);
        return exportCsv('history', header, data, `history export: ${data.length} rows, ${includePhi ? 'with' : 'without'} PHI columns`);
      }),
    'history.reopen': ({ id }) =>
      guard(async () => {
        const row = await repo.getApplication(id);
        if (!row) throw new StoreNotFoundError(id);
        return saveDraftFor(undefined, row.values as DraftValues);
      }),
    'history.purge': ({ olderThanDays }) =>
      guard(async () => {
        const purged = await repo.purgeHistory({ olderThanDays, actor: await actor() });
        history.forget();
        return { purged };
      }),

    'audit.list': ({ limit, beforeId }) => guard(() => repo.listAudit({ limit, beforeId })),
    'audit.export': () =>
      guard(async () => {
        const entries = await repo.listAudit({ limit: 1_000_000 });
        return exportCsv('audit', ['When', 'Who', 'Action', 'Application', 'Detail'], entries.map((e) => [e.at, e.actor, e.action, e.applicationRowId, e.detail]), `audit export: ${entries.length} entries`);
      }),

    'environments.list': () => guard(() => envs.list()),
    'environments.save': (input) =>
      guard(async () => {
        const view = await envs.save(input);
        if (input.password) await repo.appendAudit({ actor: await actor(), action: 'credentials-change', detail: `password stored for environment ${view.id}` });
        return view;
      }),
    'environments.remove': ({ id }) =>
      guard(async () => {
        await envs.remove(id);
        await repo.appendAudit({ actor: await actor(), action: 'credentials-change', detail: `environment ${id} removed with its password` });
        return { done: true as const };
      }),
    'environments.activate': ({ id }) => guard(async () => envs.appInfo(await envs.activate(id), options.version)),
    'environments.test': ({ id }) => guard(() => envs.test(id)),

    'lock.state': () => ok(lock.state()),
    'lock.lock': () => guard(() => lock.lockNow()),
    'lock.unlock': ({ password }) =>
      guard(async () => {
        const state = await lock.unlock(password);
        if (!state) throw new EnvironmentInputError('That is not the DPP password of the active environment.', { password: ['That is not the DPP password of the active environment.'] });
        return state;
      }),
    'lock.setIdle': ({ idleMinutes }) => guard(() => lock.setIdleMinutes(idleMinutes)),
  };

  return {
    handlers,
    isLocked: () => lock.isLocked(),
    repo,
    store,
    outbox,
    async start(): Promise<void> {
      const interrupted = await outbox.recover();
      if (interrupted > 0) log.warn(`${interrupted} application(s) were interrupted while sending; checking their status before any resend`);
      await lock.start();
      poller.start();
      outbox.kick();
      // Warm the history index in the background, so opening History is instant even at 100k.
      void history.load().catch((err: unknown) => log.error('history index could not load', err));
    },
    async close(): Promise<void> {
      lock.stop();
      poller.stop();
      await outbox.stop();
      await store.close();
    },
  };
}

export type AppCore = Awaited<ReturnType<typeof createAppCore>>;
export { PRACTICE_ENVIRONMENT_ID };
