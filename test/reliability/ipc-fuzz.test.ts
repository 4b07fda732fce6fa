import { createHash, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { channelNames, channels, type ChannelName } from '../../electron/contract/channels.ts';
import { resultSchema } from '../../electron/contract/result.ts';
import { createDispatcher } from '../../electron/core/ipc/dispatch.ts';
import { createCredentialVault } from '../../electron/core/vault/credential-vault.ts';
import { keytarSecretStore } from '../../electron/core/vault/secret-store.ts';
import { createPracticeDpp, practiceFetch } from '../../electron/practice/handler.ts';
import { startTestCore } from '../helpers/core.ts';
import { startPracticeServer } from '../helpers/practice-server.ts';
import { PRACTICE_ACCOUNT, patientApplication, phiOf, RELIABILITY_ACCOUNT, RELIABILITY_ENVIRONMENT_NAME, SUITE_ACCOUNTS, TA_SECRET } from './support/identities.ts';
import { anything, mutatedFrom } from './support/mutations.ts';
import { collectGarbage, envInt, memory, percentile, recordIpcAnswers, recordPhi, runPath, SCALE, seconds, summary } from './support/run.ts';

/**
 * Issue 7, reliability 4: IPC fuzz. For every channel, RELIABILITY_FUZZ_RUNS (default 10,000)
 * payloads, half fc.anything() and half mutated valid inputs, go straight into
 * createDispatcher(core.handlers) of a started core on real parts. Every answer is a Result that
 * parses against the channel's contract, none throws, none is an 'internal' error, and the
 * payloads the contract refuses change nothing (applications, audit trail, environments,
 * settings, keychain, lock, DPP). Payloads the contract accepts run the real handler and may
 * legitimately change state (a valid drafts.save creates a draft). No answer carries the TA's
 * password.
 */
const RUNS = Math.max(20, Math.round(envInt('RELIABILITY_FUZZ_RUNS', 10_000) * SCALE));
const SEED = envInt('RELIABILITY_FUZZ_SEED', Date.now() % 2_147_483_647);

/** Channels in the order fuzzed (each on a fresh core, so the order matters little). */
const ORDER: ChannelName[] = [
  'app.info',
  'app.activity',
  'app.rememberCertificateType',
  'lock.state',
  'lock.setIdle',
  'history.query',
  'history.get',
  'history.checkStatus',
  'history.export',
  'history.reopen',
  'history.purge',
  'audit.list',
  'audit.export',
  'drafts.list',
  'drafts.get',
  'drafts.duplicate',
  'drafts.save',
  'drafts.delete',
  'outbox.list',
  'outbox.state',
  'outbox.retryNow',
  'application.submit',
  'environments.list',
  'environments.test',
  'environments.save',
  'environments.activate',
  'lock.lock',
  'lock.unlock',
  'environments.remove',
  'lookup.one',
  'lookup.byId',
  'lookup.track',
  'lookup.batchStart',
  'lookup.batchResults',
  'lookup.batchCancel',
  'lookup.batchExport',
  'import.open',
  'import.chunk',
  'import.read',
  'import.overview',
  'import.map',
  'import.rows',
  'import.edit',
  'import.exclude',
  'import.close',
  'import.template',
  'import.queue',
  'import.batches',
  'import.batchStatus',
  'import.pause',
  'import.resume',
  'import.cancel',
  'import.batchRows',
  'import.batchExport',
];

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('IPC fuzz', () => {
  it(`answers ${RUNS} arbitrary payloads per channel with Results, changing nothing when it refuses`, async () => {
    expect([...ORDER].sort()).toEqual([...channelNames].sort());
    const started = Date.now();
    // Heap after GC, beside RSS: RSS alone cannot tell pages the allocator keeps from a leak.
    collectGarbage();
    const before = memory();

    // The non-practice environment (password TA_SECRET) talks to this practice DPP over loopback
    // HTTP; the practice environment to a fresh in-process one per channel (fast).
    const remote = await startPracticeServer({ accounts: SUITE_ACCOUNTS });
    cleanups.push(remote.close);
    const answerSample = new Map<string, string>();
    const totals = { payloads: 0, refused: 0, accepted: 0, ok: 0, throws: 0, internal: 0, malformed: 0, leaks: 0, stateChanges: 0 };
    const codes: Record<string, number> = {};
    const perChannelMs: Record<string, number> = {};
    const failures: string[] = [];
    const phi = new Set<string>();

    // Each channel gets a core of its own, seeded the same way, so that what one channel's
    // accepted payloads create (thousands of drafts, say) does not slow or skew the next.
    for (const channel of ORDER) {
      const channelStarted = Date.now();
      const dpp = createPracticeDpp({ accounts: SUITE_ACCOUNTS });
      const t = await startTestCore({
        practiceFetch: practiceFetch(dpp),
        dataDir: runPath('data', 'ipc-fuzz', channel),
        // No background work between the snapshots: no idle lock, no status poll round.
        idleLockMs: 3_600_000,
        pollIntervalMs: 3_600_000,
        timeoutMs: 2_000,
      });
      try {
        const { core, parts } = t;
        const dispatch = createDispatcher(core.handlers);

        // Something for every id-taking channel to find: a draft, a submitted application, one
        // that needs attention, and the non-practice environment with its keychain password.
        const app1 = patientApplication('Fuzz', 1, PRACTICE_ACCOUNT);
        const app2 = patientApplication('Fuzz', 2, PRACTICE_ACCOUNT);
        const appSeed = patientApplication('Fuzz', 3, PRACTICE_ACCOUNT);
        for (const v of [...phiOf(app1), ...phiOf(app2), ...phiOf(appSeed)]) phi.add(v);
        const draft = await dispatch('drafts.save', { values: { firstName: app1.firstName, lastName: app1.lastName, directAddress: app1.directAddress } });
        const submitted = await dispatch('application.submit', { application: app2 });
        const refused = await dispatch('application.submit', { application: { ...app1, directAddress: app2.directAddress } });
        const env = await dispatch('environments.save', {
          name: RELIABILITY_ENVIRONMENT_NAME,
          baseUrl: remote.url,
          userId: RELIABILITY_ACCOUNT.userId,
          trustedAgent: RELIABILITY_ACCOUNT.trustedAgent,
          organizationName: RELIABILITY_ACCOUNT.organization.name,
          directDomain: RELIABILITY_ACCOUNT.organization.directDomain,
          defaultCountry: 'US',
          password: TA_SECRET,
        });
        expect([draft.ok, submitted.ok, refused.ok, env.ok]).toEqual([true, true, false, true]);
        const draftId = (draft as { value: { id: string } }).value.id;
        const submittedId = (submitted as { value: { id: string } }).value.id;
        const attentionId = (refused as { error: { draftId: string } }).error.draftId;
        const envId = (env as { value: { id: string } }).value.id;
        const ids = [draftId, submittedId, attentionId, randomUUID()];
        const vault = createCredentialVault(keytarSecretStore(), { servicePrefix: t.prefix });
        const seeds = seedsFor({ draftId, submittedId, envId, ids, appSeed, remoteUrl: remote.url });

        /** Everything a refused payload must leave as it was. */
        const snapshot = async (): Promise<string> => {
          const [apps, audit, envs, active, idle] = await Promise.all([
            parts.repo.listApplications(),
            parts.repo.listAudit({ limit: 1 }),
            parts.repo.listEnvironments(),
            parts.repo.getSetting('activeEnvironmentId'),
            parts.repo.getSetting('idleMinutes'),
          ]);
          return JSON.stringify({
            apps: apps.map((a) => [a.id, a.state, a.updatedAt, a.attempts, a.dppStatus, a.attentionCode]),
            audit: audit[0]?.id ?? 0,
            envs: envs.map((e) => [e.id, e.name, e.baseUrl, e.updatedAt]),
            settings: [active, idle],
            password: await vault.getPassword(envId),
            locked: core.isLocked(),
            dpp: dpp.received().length + remote.dpp.received().length,
          });
        };

        const spec = channels[channel];
        const answerSchema = resultSchema(spec.output as z.ZodType);
        const payloads = [
          ...fc.sample(anything, { numRuns: Math.ceil(RUNS / 2), seed: SEED }),
          ...fc.sample(mutatedFrom(seeds[channel]), { numRuns: Math.floor(RUNS / 2), seed: SEED + 1 }),
        ];
        const refusedPayloads = payloads.filter((p) => !spec.input.safeParse(p).success);
        const acceptedPayloads = payloads.filter((p) => spec.input.safeParse(p).success);

        const check = async (payload: unknown, shouldRefuse: boolean) => {
          totals.payloads += 1;
          let answer: unknown;
          try {
            answer = await dispatch(channel, payload);
          } catch (err) {
            totals.throws += 1;
            failures.push(`${channel} threw ${String(err)}`);
            return;
          }
          const text = JSON.stringify(answer);
          if (text.includes(TA_SECRET)) {
            totals.leaks += 1;
            failures.push(`${channel} answered with the TA password`);
          }
          // A bounded, deduplicated sample of the answers is kept for the scan at the end.
          if (text.length <= 4096 && answerSample.size < 20_000) answerSample.set(hash(text), `{"channel":${JSON.stringify(channel)},"answer":${text}}`);
          const parsed = answerSchema.safeParse(answer);
          if (!parsed.success) {
            totals.malformed += 1;
            failures.push(`${channel} answered outside the contract: ${text.slice(0, 200)}`);
            return;
          }
          const result = parsed.data as { ok: true } | { ok: false; error: { code: string } };
          const code = result.ok ? 'ok' : result.error.code;
          codes[code] = (codes[code] ?? 0) + 1;
          if (result.ok) totals.ok += 1;
          if (code === 'internal') {
            totals.internal += 1;
            failures.push(`${channel} answered 'internal' to ${safeDescribe(payload)}`);
          }
          if (shouldRefuse && (result.ok || !['bad-request', 'invalid'].includes(code))) {
            failures.push(`${channel} did not refuse a payload its contract refuses (${code})`);
          }
          // An accepted lock.lock locks the core: unlock, so every payload meets the same state.
          // With a real environment stored, only its password unlocks (never the practice one).
          if (channel === 'lock.lock' && result.ok) await core.handlers['lock.unlock']({ password: TA_SECRET });
        };

        const beforeRefused = await snapshot();
        for (const payload of refusedPayloads) await check(payload, true);
        if ((await snapshot()) !== beforeRefused) {
          totals.stateChanges += 1;
          failures.push(`${channel}: payloads its contract refuses changed state`);
        }
        for (const payload of acceptedPayloads) await check(payload, false);
        totals.refused += refusedPayloads.length;
        totals.accepted += acceptedPayloads.length;
      } finally {
        await t.close(false);
      }
      perChannelMs[channel] = Date.now() - channelStarted;
    }
    recordPhi(phi);

    // No payload reached Object.prototype (a `__proto__` key, say).
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    recordIpcAnswers('ipc-fuzz', answerSample.values());

    const slowest = Object.entries(perChannelMs).sort((a, b) => b[1] - a[1])[0];
    collectGarbage();
    const after = memory();
    summary('4 IPC fuzz', {
      channels: ORDER.length,
      perChannel: RUNS,
      payloads: totals.payloads,
      refusedByContract: totals.refused,
      acceptedByContract: totals.accepted,
      answeredOk: totals.ok,
      codes: JSON.stringify(codes),
      throws: totals.throws,
      internal: totals.internal,
      outsideContract: totals.malformed,
      passwordInAnswers: totals.leaks,
      refusedChangedState: totals.stateChanges,
      seed: SEED,
      channelP50: `${percentile(Object.values(perChannelMs), 50)}ms`,
      slowest: `${slowest?.[0]}=${slowest?.[1]}ms`,
      heapMB: `${before.heapMB}→${after.heapMB}`,
      rssMB: `${before.rssMB}→${after.rssMB}`,
      wall: seconds(Date.now() - started),
    });
    expect(failures.slice(0, 20)).toEqual([]);
  });
});

/** Valid inputs per channel, which the mutations start from. */
function seedsFor(x: { draftId: string; submittedId: string; envId: string; ids: string[]; appSeed: unknown; remoteUrl: string }): Record<ChannelName, unknown[]> {
  const { draftId, submittedId, envId, ids, appSeed, remoteUrl } = x;
  const envSeed = {
    name: 'Fuzzed DPP',
    baseUrl: 'https://dpp.example.org',
    userId: 'fuzz@example.org',
    trustedAgent: 'Fuzz Agent',
    organizationName: 'Fuzz Clinic',
    directDomain: 'direct.fuzz.example',
    defaultCountry: 'US',
    defaultState: 'NY',
    password: TA_SECRET,
  };
  return {
    'app.info': [undefined],
    'app.activity': [undefined],
    'app.rememberCertificateType': [{ certificateType: 'address' }, { certificateType: 'patient' }],
    'application.submit': [{ application: appSeed }, { draftId, application: appSeed }],
    'drafts.save': [{ values: { firstName: 'Fuzzy', city: 'Troy', duration: 2, autoRenew: true } }, { id: draftId, values: { notes: 'n' } }],
    'drafts.list': [undefined],
    'drafts.get': ids.map((id) => ({ id })),
    'drafts.delete': ids.map((id) => ({ id })),
    'drafts.duplicate': ids.map((id) => ({ id })),
    'outbox.list': [undefined],
    'outbox.state': [undefined],
    'outbox.retryNow': [undefined],
    'history.query': [{}, { search: 'fuzz', statuses: ['PendingReview'], from: '2020-01-01', to: '2099-12-31', sortBy: 'patientName', sortDir: 'asc', offset: 0, limit: 50 }],
    'history.get': ids.map((id) => ({ id })),
    'history.checkStatus': [{ id: submittedId }, { id: ids[3] }, {}],
    'history.export': [{ query: {}, includePhi: false }, { query: { search: 'a', sortBy: 'dppStatus' }, includePhi: true }],
    'history.reopen': ids.map((id) => ({ id })),
    'history.purge': [{ olderThanDays: 30 }],
    'audit.list': [{}, { limit: 5, beforeId: 3 }],
    'audit.export': [undefined],
    'environments.list': [undefined],
    'environments.save': [envSeed, { ...envSeed, id: envId, name: RELIABILITY_ENVIRONMENT_NAME, baseUrl: remoteUrl, password: '' }],
    'environments.remove': [{ id: envId }, { id: 'practice' }, { id: 'nope' }],
    'environments.activate': [{ id: envId }, { id: 'practice' }, { id: 'nope' }],
    'environments.test': [{ id: envId }, { id: 'practice' }, { id: 'nope' }],
    'lock.state': [undefined],
    'lock.lock': [undefined],
    'lock.unlock': [{ password: TA_SECRET }, { password: PRACTICE_ACCOUNT.password }],
    'lock.setIdle': [{ idleMinutes: 10 }],
    'lookup.one': [{ address: 'fuzz@direct.practice.example' }],
    'lookup.byId': [{ applicationId: 'PC-000001' }, { applicationId: 'OC-000001' }],
    'lookup.track': [{ address: 'fuzz@direct.practice.example' }, { applicationId: 'PC-000001' }],
    'lookup.batchStart': [{ text: 'a@direct.practice.example, b@direct.practice.example', format: 'list' }, { text: 'Direct address\na@direct.practice.example', format: 'csv' }],
    'lookup.batchResults': [{ batchId: draftId }],
    'lookup.batchCancel': [{ batchId: draftId }],
    'lookup.batchExport': [{ batchId: draftId }],
    'import.open': [{ fileName: 'patients.csv', byteLength: 120 }, { fileName: 'big.csv', byteLength: 60 * 1024 * 1024 }, { fileName: 'domains.csv', byteLength: 120, certificateType: 'organization' }],
    'import.chunk': [{ importId: draftId, offset: 0, data: 'Rmlyc3QgbmFtZQ==' }],
    'import.read': [{ importId: draftId }, { importId: draftId, encoding: 'windows-1252' }],
    'import.overview': [{ importId: draftId }],
    'import.map': [{ importId: draftId, column: 0, field: 'firstName' }, { importId: draftId, column: 1, field: null }],
    'import.rows': [{ importId: draftId }, { importId: draftId, offset: 10, limit: 50, filter: 'problem' }],
    'import.edit': [{ importId: draftId, row: 2, field: 'city', value: 'Troy' }],
    'import.exclude': [{ importId: draftId, rows: [2, 3], excluded: true }],
    'import.close': [{ importId: draftId }],
    'import.template': [undefined, { certificateType: 'address' }],
    'import.queue': [{ importId: draftId, attestedCount: 3, attested: true }],
    'import.batches': [undefined],
    'import.batchStatus': [{ batchId: draftId }],
    'import.pause': [{ batchId: draftId }],
    'import.resume': [{ batchId: draftId }],
    'import.cancel': [{ batchId: draftId }],
    'import.batchRows': [{ batchId: draftId }, { batchId: draftId, filter: 'attention', offset: 0, limit: 20 }],
    'import.batchExport': [{ batchId: draftId, includePhi: false }],
  };
}

const hash = (text: string) => createHash('sha256').update(text).digest('base64');

function safeDescribe(payload: unknown): string {
  try {
    return JSON.stringify(payload, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))?.slice(0, 300) ?? String(payload);
  } catch {
    return Object.prototype.toString.call(payload);
  }
}

describe('environments.remove', () => {
  // Was a weakness (docs/RELIABILITY.md, "Findings", now fixed), seen in the fuzz's accepted payloads: an id
  // that names no environment is answered ok and leaves an audit entry "environment <id> removed
  // with its password", the id being whatever text the renderer sent.
  it('refuses an id that names no environment, and writes no audit entry for it', async () => {
    const t = await startTestCore({ dataDir: runPath('data', 'ipc-remove'), idleLockMs: 3_600_000, pollIntervalMs: 3_600_000 });
    try {
      const before = (await t.parts.repo.listAudit({ limit: 1 }))[0]?.id ?? 0;
      const answer = await t.dispatch('environments.remove', { id: 'no-such-environment' });
      const after = (await t.parts.repo.listAudit({ limit: 1 }))[0]?.id ?? 0;
      summary('4b remove an unknown environment', { answer: answer.ok ? 'ok' : answer.error.code, auditEntriesAdded: after - before });
      expect(answer.ok).toBe(false);
      expect(after).toBe(before);
    } finally {
      await t.close(false);
    }
  });
});
