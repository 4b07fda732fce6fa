import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../../electron/contract/channels.ts';
import { assembleCore, createCoreParts, type AppCoreOptions } from '../../electron/core/app-core.ts';
import type { FetchFn } from '../../electron/core/dpp/client.ts';
import type { PracticeStatePort } from '../../electron/core/store/practice-state-file.ts';
import { createDispatcher } from '../../electron/core/ipc/dispatch.ts';
import { keytarSecretStore } from '../../electron/core/vault/secret-store.ts';
import { practiceEnvironment, PRACTICE_CREDENTIALS } from '../../electron/practice/environment.ts';
import { startPracticeServer } from './practice-server.ts';

let counter = 0;

/**
 * The app's core as main runs it (and, as `parts`, the services behind it), on real parts: a temp data directory with a real SQLite file,
 * the real OS keychain (run under test/with-keyring.sh) with entries unique to this test, and the
 * practice DPP over loopback HTTP at `dppUrl` (or any fetch given as `practiceFetch`).
 */
export async function startTestCore(options: { dppUrl?: string; practiceFetch?: FetchFn; practiceState?: PracticeStatePort; dataDir?: string; prefix?: string } & Partial<AppCoreOptions> = {}) {
  counter += 1;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ta-desk-core-'));
  const prefix = options.prefix ?? `ta-desk-test-${process.pid}-${counter}`;
  const events: { event: EventName; payload: unknown }[] = [];
  const environment = { ...practiceEnvironment(), ...(options.dppUrl ? { baseUrl: options.dppUrl } : {}) };
  const practiceFetch: FetchFn = options.practiceFetch ?? ((input, init) => fetch(input, init));
  // The parts (store, outbox, repository…) stay out of the production object; tests that look
  // behind the window API read them here.
  const parts = await createCoreParts({
    version: '9.9.9',
    dataDir,
    secretStore: keytarSecretStore(),
    keychainServicePrefix: prefix,
    networkFetch: (input, init) => fetch(input, init),
    practice: { environment, credentials: PRACTICE_CREDENTIALS, fetch: practiceFetch, state: options.practiceState },
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void events.push({ event, payload }),
    pollIntervalMs: 60_000,
    ...options,
  });
  const core = assembleCore(parts);
  await core.start();
  const dispatch = createDispatcher(core.handlers, { isLocked: () => core.isLocked() });
  return {
    core,
    parts,
    dispatch,
    events,
    dataDir,
    prefix,
    async close(removeData = true) {
      await core.close();
      if (removeData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A core against a practice DPP server of its own on loopback, whose lifecycle steps are `stepMs`
 * apart (a minute unless said: nothing moves by itself); both are closed by the test file's
 * `cleanups` (the core too, unless `closeCore: false` because the test closes it itself).
 * `advance()` moves the practice clock on by one step.
 */
export async function startCoreAgainstPractice(
  cleanups: (() => Promise<unknown>)[],
  options: { stepMs?: number; dataDir?: string; closeCore?: boolean } = {},
) {
  const stepMs = options.stepMs ?? 60_000;
  const server = await startPracticeServer({ stepMs });
  cleanups.push(server.close);
  const t = await startTestCore({ dppUrl: server.url, ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
  if (options.closeCore !== false) cleanups.push(() => t.close());
  const advance = () => fetch(`${server.url}/__practice/advance`, { method: 'POST', body: JSON.stringify({ ms: stepMs }) });
  return { server, t, advance };
}
