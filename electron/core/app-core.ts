import type { DppCredentials, FetchFn } from './dpp/client.ts';
import type { RetryPolicy } from './dpp/retry-policy.ts';
import { auditActor, idleMinutesSetting } from './active-environment.ts';
import { createAuditTrail } from './audit-trail.ts';
import { createEnvironmentService } from './environments.ts';
import type { Environment } from './environment.ts';
import type { Emit } from './events.ts';
import { createHandlers } from './handlers/index.ts';
import type { CoreServices } from './handlers/services.ts';
import { createExpiryNotices, type ExpiryNotices } from './expiry-notices.ts';
import { createHistoryIndex } from './history.ts';
import { createPacer } from './dpp/pacer.ts';
import { createLockService } from './lock.ts';
import { createLockedDraftGate } from './locked-drafts.ts';
import { createUnlockCheck } from './unlock-check.ts';
import { createBatchControl } from './import/batch-control.ts';
import { createImportService } from './import/import-service.ts';
import { recoverQueueing } from './import/queue.ts';
import { createLookupService } from './lookup/lookup-service.ts';
import { createLogger } from './log.ts';
import { createOutbox } from './outbox.ts';
import { createStatusPoller } from './poller.ts';
import { statusChangeAnnouncer } from './status-notices.ts';
import { openStore, type Store } from './store/open-store.ts';
import { keepPracticeState, type PracticeStatePort } from './store/practice-state-file.ts';
import { createApplicationSecrets } from './vault/application-secrets.ts';
import { createCredentialVault } from './vault/credential-vault.ts';
import type { SecretStore } from './vault/secret-store.ts';

const log = createLogger('core');

/** The practice DPP as the core reaches it: its environment, its account and how to call it. */
export interface PracticeConnection {
  environment: Environment;
  credentials: DppCredentials;
  fetch: FetchFn;
  /** The in-process practice DPP's state, kept (encrypted) in the data directory across restarts. */
  state?: PracticeStatePort;
}

export interface AppCoreOptions {
  version: string;
  dataDir: string;
  secretStore: SecretStore;
  /** Keychain entries of this data directory (default "TA Desk"); main passes TA_DESK_KEYCHAIN_SERVICE in development only, tests their own. */
  keychainServicePrefix?: string;
  /** net.fetch in Electron; Node's fetch in the preview host. */
  networkFetch: FetchFn;
  practice: PracticeConnection;
  emit: Emit;
  /** Desktop notification (Electron's Notification); the in-app notice is always emitted too. */
  notify?: (title: string, body: string) => void;
  pollIntervalMs?: number;
  /** Between two checks for certificates about to expire (an hour unless a test says otherwise). */
  expiryCheckMs?: number;
  idleLockMs?: number;
  retryPolicy?: RetryPolicy;
  timeoutMs?: number;
}

/** Every service of the core, built and connected, before anything runs. */
export interface CoreParts extends CoreServices {
  store: Store;
  expiryCheckMs: number | undefined;
  /** Notices 60, 30 and 7 days before a certificate without automatic renewal expires. */
  expiryNotices: ExpiryNotices;
  practiceState: { flush(): void } | undefined;
}

/**
 * The composition root: keychain → data key → encrypted store → environments, outbox, history,
 * status poller, idle lock. It constructs and connects, nothing more; behaviour lives in the
 * services and in handlers/<domain>.ts. (Started by boot.ts for Electron main and the preview
 * host alike.)
 */
export async function createCoreParts(options: AppCoreOptions): Promise<CoreParts> {
  const vault = createCredentialVault(options.secretStore, { servicePrefix: options.keychainServicePrefix });
  // Secrets typed into applications (a Direct account password): the keychain holds them until sent.
  const secrets = createApplicationSecrets(options.secretStore, { servicePrefix: options.keychainServicePrefix });
  const dataKey = await vault.getOrCreateDataKey(); // KeychainUnavailableError stops here, clearly
  const store = await openStore({ dataDir: options.dataDir, dataKey });
  const { repo } = store;
  const { emit } = options;
  // Practice mode's DPP keeps its applications in the data directory, sealed with the data key.
  const practiceState = options.practice.state ? keepPracticeState({ dataDir: options.dataDir, dataKey, port: options.practice.state }) : undefined;

  const envs = createEnvironmentService({
    store: repo,
    vault,
    practice: options.practice,
    networkFetch: options.networkFetch,
    timeoutMs: options.timeoutMs,
    // Changes of an environment's address or username are audited by the service itself.
    audit: (detail) => audit.record('credentials-change', detail),
  });
  const actor = auditActor(envs);
  const audit = createAuditTrail(repo, actor);
  const history = createHistoryIndex(repo, (batchId) => store.batches.applicationIds(batchId));
  const idleMinutes = idleMinutesSetting(repo);

  const unlockCheck = createUnlockCheck({
    envs,
    vault,
    practicePassword: options.practice.credentials.password,
    practiceName: options.practice.environment.name,
  });
  const lock = createLockService({
    verifyPassword: unlockCheck.verify,
    unlockWith: unlockCheck.names,
    loadIdleMinutes: idleMinutes.load,
    saveIdleMinutes: idleMinutes.save,
    settings: repo,
    onChange: (state) => emit('lock.changed', state),
    onAudit: (action, detail) => audit.record(action, detail),
    idleMsOverride: options.idleLockMs,
  });

  const lockedDrafts = createLockedDraftGate({ repo, actor });

  // One pacer for every request that may come in numbers (outbox sends, batch lookups).
  const pacer = createPacer();
  const importBatches = createBatchControl({
    batches: store.batches,
    envs,
    actor,
    kick: () => outbox.kick(),
    outboxChanged: () => void outbox.state().then((s) => emit('outbox.changed', s)).catch((err: unknown) => log.error('outbox state unavailable', err)),
    onProgress: (status) => emit('import.progress', status),
  });
  const outbox = createOutbox({
    repo,
    envs,
    actor,
    emit,
    // A refresh can fail when the store closes under it (quit during the history load): logged,
    // never an unhandled rejection.
    onRowChanged: (id) => {
      void history.refresh(id).catch((err: unknown) => log.error('history index could not refresh', err));
      importBatches.rowChanged(id);
    },
    policy: options.retryPolicy,
    pacer,
    // A paused or cancelled import batch starts no more sends (checked right before each one).
    batchHold: (id) => store.batches.stateOfRow(id)?.state,
    secrets,
  });
  const lookup = createLookupService({
    envs,
    pacer,
    actor,
    audit: (detail) => audit.record('lookup', detail),
    historyIdOf: async (address, environmentId) => (await history.findByAddress(address, environmentId)) ?? null,
    historyIdOfApplication: async (applicationId, environmentId) => (await history.findByApplicationId(applicationId, environmentId)) ?? null,
    addTracked: async (input) => {
      const id = await repo.insertTracked(input);
      await history.refresh(id);
      const row = await history.get(id);
      if (row) emit('application.changed', { id, state: row.state, dppStatus: row.dppStatus, applicationId: row.applicationId });
      return id;
    },
    onProgress: (progress) => emit('lookup.progress', progress),
  });

  const importer = createImportService({
    envs,
    actor,
    batches: store.batches,
    audit: (detail) => audit.record('import', detail),
    historyAddresses: (environmentId) => history.addressesIn(environmentId),
    // listApplications filters by environment in SQL and decrypts a few ms at a time (mapInSlices).
    queuedAddresses: async (environmentId) => {
      const waiting = await repo.listApplications({ states: ['queued', 'sending', 'unknown-outcome', 'needs-attention'], environmentId });
      return new Map(waiting.map((r) => [r.directAddress.toLowerCase(), r.id]));
    },
  });

  const expiryNotices = createExpiryNotices({ history, settings: repo, emit, notify: options.notify });
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
    onChanged: statusChangeAnnouncer(emit, options.notify),
  });

  return { version: options.version, store, practiceState, repo, envs, history, lock, lockedDrafts, outbox, poller, audit, actor, lookup, importer, importBatches, secrets, expiryNotices, expiryCheckMs: options.expiryCheckMs };
}

/** What Electron main and the preview host hold: the handlers, the lock, start and stop. */
export function assembleCore(parts: CoreParts) {
  let stopExpiryChecks = async () => {};
  const { lock, poller, outbox, history, store, practiceState, lookup, importer, importBatches, actor } = parts;
  return {
    handlers: createHandlers(parts),
    isLocked: () => lock.isLocked(),
    /** The OS locked the screen or went to sleep. */
    lockNow: () => lock.lockNow(),
    async start(): Promise<void> {
      const cutBatches = await recoverQueueing({ batches: store.batches, actor });
      if (cutBatches > 0) log.warn(`${cutBatches} import batch(es) were interrupted while being queued; the rows written are sent`);
      const interrupted = await outbox.recover();
      if (interrupted > 0) log.warn(`${interrupted} application(s) were interrupted while sending; checking their status before any resend`);
      await lock.start();
      poller.start();
      // Behind the lock nothing is announced: the in-app notice names the person.
      stopExpiryChecks = parts.expiryNotices.start({ intervalMs: parts.expiryCheckMs ?? 3_600_000, paused: () => lock.isLocked() });
      outbox.kick();
      // Warm the history index in the background, so opening History is instant even at 100k.
      void history.load().catch((err: unknown) => log.error('history index could not load', err));
    },
    async close(): Promise<void> {
      lock.stop();
      poller.stop();
      await stopExpiryChecks();
      await outbox.stop();
      await lookup.stop();
      importer.closeAll();
      importBatches.stop();
      practiceState?.flush();
      await store.close();
    },
  };
}

export type AppCore = ReturnType<typeof assembleCore>;

export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  return assembleCore(await createCoreParts(options));
}
