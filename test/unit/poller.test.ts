import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApplicationSchema } from '../../electron/contract/application.ts';
import { AddressApplicationSchema } from '../../electron/contract/certificate-address.ts';
import { OrganizationApplicationSchema } from '../../electron/contract/certificate-organization.ts';
import type { ApplicationSummary } from '../../electron/contract/applications.ts';
import type { FetchFn } from '../../electron/core/dpp/client.ts';
import { createEnvironmentService } from '../../electron/core/environments.ts';
import { createHistoryIndex } from '../../electron/core/history.ts';
import { createStatusPoller, type PollerOptions } from '../../electron/core/poller.ts';
import { createCredentialVault } from '../../electron/core/vault/credential-vault.ts';
import { keytarSecretStore } from '../../electron/core/vault/secret-store.ts';
import { createClock } from '../../electron/practice/clock.ts';
import { practiceEnvironment, PRACTICE_CREDENTIALS } from '../../electron/practice/environment.ts';
import { withFaults } from '../../electron/practice/faults.ts';
import { createPracticeDpp, practiceFetch } from '../../electron/practice/handler.ts';
import { startPracticeServer } from '../helpers/practice-server.ts';
import { validAddressApplication, validOrganizationApplication } from '../helpers/applications.ts';
import { addSubmitted, openTestStore } from '../helpers/store.ts';

/**
 * The status poller on real parts: a real store and history index, the practice DPP in-process
 * (as Practice mode uses it) and, for a second environment, over loopback HTTP with its password
 * in the real keychain. Every DPP request passes through `observe`, which records it and can hold
 * it, so the tests see what the DPP sees. Rounds run on fake timers; the store's I/O stays real.
 */
const INTERVAL = 1_000;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

/** Wait (really) until `done()`; fake timers leave setImmediate alone. */
async function settle(done: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 10_000;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Records every request to a DPP (when, and how many at once) and can hold them until released. */
function observe(fetch: FetchFn) {
  const seen = { times: [] as number[], inFlight: 0, maxInFlight: 0, held: [] as (() => void)[] };
  let holding = false;
  const observed: FetchFn = async (input, init) => {
    seen.times.push(Date.now());
    seen.inFlight += 1;
    seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
    try {
      if (holding) await new Promise<void>((resolve) => seen.held.push(resolve));
      return await fetch(input, init);
    } finally {
      seen.inFlight -= 1;
    }
  };
  return {
    fetch: observed,
    seen,
    hold: () => void (holding = true),
    release: () => {
      holding = false;
      for (const go of seen.held.splice(0)) go();
    },
  };
}

/** The practice DPP in-process, switchable between healthy, failing (5xx) and unreachable. */
function practiceDpp() {
  const dpp = createPracticeDpp({ stepMs: 1_000, clock: createClock(Date.now(), true) });
  const healthy = practiceFetch(dpp);
  const failing = practiceFetch({ handle: withFaults((req) => dpp.handle(req), { failRate: 1, faults: ['5xx'] }) });
  const unreachable = practiceFetch({ handle: withFaults((req) => dpp.handle(req), { failRate: 1, faults: ['reset'] }) });
  let mode: 'healthy' | 'failing' | 'unreachable' = 'healthy';
  const fetch: FetchFn = (input, init) => ({ healthy, failing, unreachable })[mode](input, init);
  return { dpp, fetch, set: (m: typeof mode) => void (mode = m) };
}

async function setUp(options: { networkFetch?: FetchFn; fakeTime?: boolean } = {}) {
  if (options.fakeTime) vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: new Date('2026-03-10T14:00:00Z') });
  const store = await openTestStore();
  cleanups.push(() => store.dispose());
  const practice = practiceDpp();
  const practiceSide = observe(practice.fetch);
  const vault = createCredentialVault(keytarSecretStore(), { servicePrefix: `ta-desk-poller-test-${process.pid}-${cleanups.length}` });
  const envs = createEnvironmentService({
    store: store.repo,
    vault,
    practice: { environment: practiceEnvironment(), credentials: PRACTICE_CREDENTIALS, fetch: practiceSide.fetch },
    networkFetch: options.networkFetch ?? ((input, init) => fetch(input, init)),
  });
  const history = createHistoryIndex(store.repo);
  const state = { locked: false, offline: false, reachable: 0, changes: [] as { row: ApplicationSummary; previous: string | null }[] };

  function poller(overrides: Partial<PollerOptions> = {}) {
    const p = createStatusPoller({
      repo: store.repo,
      envs,
      history,
      actor: async () => 'Pat Practice <ta@practice.example> @ Practice',
      isPaused: () => state.locked,
      isOffline: () => state.offline,
      onReachable: () => void (state.reachable += 1),
      onChanged: (row, previous) => void state.changes.push({ row, previous }),
      intervalMs: INTERVAL,
      ...overrides,
    });
    cleanups.push(() => p.stop());
    return p;
  }

  /** Submitted applications the poller should follow (PendingReview, so not final). */
  async function pending(count: number, environmentId = 'practice') {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await addSubmitted(store.repo, { firstName: 'Pat', lastName: `Ient${i}`, submittedAt: '2026-03-10T13:00:00.000Z', environmentId }));
    return ids;
  }

  /** Let the next round run: move the fake clock to it, then wait for the round to finish. */
  async function nextRound(): Promise<void> {
    await settle(() => vi.getTimerCount() === 1, 'a round to be scheduled');
    await vi.advanceTimersToNextTimerAsync();
    await settle(() => vi.getTimerCount() === 1, 'the round to finish');
  }

  return { store, envs, history, practice, practiceSide, state, poller, pending, nextRound };
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - (times[i] ?? t));

describe('status poller: backoff', () => {
  it('asks less and less often while the DPP keeps failing (up to 16× the interval), and at the normal pace once it answers', async () => {
    const t = await setUp({ fakeTime: true });
    await t.pending(1);
    t.practice.set('failing');
    const p = t.poller();
    p.start();
    for (let i = 0; i < 6; i++) await t.nextRound();
    expect(gaps(t.practiceSide.seen.times)).toEqual([2_000, 4_000, 8_000, 16_000, 16_000]);

    t.practice.set('healthy');
    for (let i = 0; i < 3; i++) await t.nextRound();
    expect(gaps(t.practiceSide.seen.times).slice(-3)).toEqual([16_000, 1_000, 1_000]);
  });
});

describe('status poller: paused while locked, probing while offline', () => {
  it('sends nothing while the app is locked, and resumes at the next round after unlock', async () => {
    const t = await setUp({ fakeTime: true });
    await t.pending(2);
    t.state.locked = true;
    const p = t.poller();
    p.start();
    for (let i = 0; i < 3; i++) await t.nextRound();
    expect(t.practiceSide.seen.times).toEqual([]);

    t.state.locked = false;
    const unlockedAt = Date.now();
    await t.nextRound();
    expect(t.practiceSide.seen.times).toEqual([unlockedAt + INTERVAL, unlockedAt + INTERVAL]);
  });

  it('while offline, probes with one lookup per round; once the DPP answers, checks everything again', async () => {
    const t = await setUp({ fakeTime: true });
    await t.pending(3);
    t.state.offline = true;
    t.practice.set('unreachable');
    // As in the app: an answer from the DPP tells the outbox it is back online.
    const p = t.poller({ onReachable: () => void ((t.state.reachable += 1), (t.state.offline = false)) });
    p.start();
    await t.nextRound();
    await t.nextRound();
    expect(t.practiceSide.seen.times).toHaveLength(2); // one probe per round
    expect(t.state.reachable).toBe(0);

    t.practice.set('healthy');
    await t.nextRound(); // the probe gets through
    expect(t.state.reachable).toBe(1);
    const before = t.practiceSide.seen.times.length;
    await t.nextRound();
    expect(t.practiceSide.seen.times.length - before).toBe(3);
  });
});

describe('status poller: one request at a time per environment', () => {
  it('never sends two lookups to the same DPP at once; different environments are checked side by side', async () => {
    const server = await startPracticeServer();
    const network = observe((input, init) => fetch(input, init));
    const t = await setUp({ networkFetch: network.fetch });
    cleanups.push(() => server.close());
    const other = await t.envs.save({
      name: 'Loopback DPP',
      baseUrl: server.url,
      userId: PRACTICE_CREDENTIALS.userId,
      password: PRACTICE_CREDENTIALS.password,
      trustedAgent: 'Pat Practice',
      organizationName: 'Practice Family Clinic',
      defaultCountry: 'US',
    });
    cleanups.push(() => t.envs.remove(other.id).catch(() => undefined)); // its keychain entry too
    await t.pending(3);
    await t.pending(3, other.id);
    t.practiceSide.hold();
    network.hold();

    const p = t.poller();
    const first = p.checkNow();
    await vi.waitFor(() => expect(t.practiceSide.seen.held.length + network.seen.held.length).toBe(2));
    // "Check status now" again while the first check waits for both DPPs: nothing more is sent.
    expect(await p.checkNow()).toEqual({ checked: 0, changed: 0 });
    expect(t.practiceSide.seen.times).toHaveLength(1);
    expect(network.seen.times).toHaveLength(1);

    t.practiceSide.release();
    network.release();
    expect(await first).toEqual({ checked: 6, changed: 0 });
    expect(t.practiceSide.seen.maxInFlight).toBe(1);
    expect(network.seen.maxInFlight).toBe(1);
    expect(t.practiceSide.seen.times).toHaveLength(3);
    expect(network.seen.times).toHaveLength(3);
  });
});

describe('status poller: what the TA sees', () => {
  it('records a new status once, announces it with the one before, and History shows it', async () => {
    const t = await setUp();
    const client = t.envs.clientFor(practiceEnvironment());
    const [id] = await t.pending(1);
    const row = await t.store.repo.getApplication(id ?? '');
    // The DPP has it (as after a real submit); our copy still says PendingReview.
    const sent = await client.submit(ApplicationSchema.parse(row?.values), { idempotencyKey: randomUUID() });
    expect(sent.ok).toBe(true);
    t.practice.dpp.clock.advance(1_000); // the Officer approves

    const p = t.poller();
    expect(await p.checkNow()).toEqual({ checked: 1, changed: 1 });
    expect(t.state.changes.map((c) => [c.row.dppStatus, c.previous])).toEqual([['Approved', 'PendingReview']]);
    expect((await t.history.query({ statuses: ['Approved'] })).rows.map((r) => r.id)).toEqual([id]);

    // Asked again with nothing new at the DPP: no second announcement.
    expect(await p.checkNow()).toEqual({ checked: 1, changed: 0 });
    expect(t.state.changes).toHaveLength(1);
  });

  it('follows a tracked application with an Application ID and no Direct address (type not known) by its number', async () => {
    const t = await setUp();
    const client = t.envs.clientFor(practiceEnvironment());
    const sent = await client.submitCertificate({ certificateType: 'address', application: AddressApplicationSchema.parse(validAddressApplication()) }, { idempotencyKey: randomUUID() });
    if (!sent.ok) throw new Error(sent.error.message);
    const id = await t.store.repo.insertTracked({
      environmentId: 'practice', certificateType: 'unknown', directAddress: null, directDomain: null, applicationId: sent.value.applicationId,
      status: 'PendingReview', statusDate: null, comments: null, actor: 'test',
    });
    t.practice.dpp.clock.advance(1_000); // the Officer approves

    expect(await t.poller().checkNow()).toEqual({ checked: 1, changed: 1 });
    expect((await t.history.query({ statuses: ['Approved'] })).rows).toMatchObject([{ id, certificateType: 'unknown', applicationId: sent.value.applicationId }]);
  });

  it('follows a tracked application of unknown type that names only a Direct domain by its number, never asking for the domain as an address', async () => {
    const t = await setUp();
    const client = t.envs.clientFor(practiceEnvironment());
    const application = OrganizationApplicationSchema.parse(validOrganizationApplication());
    const sent = await client.submitCertificate({ certificateType: 'organization', application }, { idempotencyKey: randomUUID() });
    if (!sent.ok) throw new Error(sent.error.message);
    const id = await t.store.repo.insertTracked({
      environmentId: 'practice', certificateType: 'unknown', directAddress: null, directDomain: application.directDomain, applicationId: sent.value.applicationId,
      status: 'PendingReview', statusDate: null, comments: null, actor: 'test',
    });
    t.practice.dpp.clock.advance(1_000); // the Officer approves

    expect(await t.poller().checkNow()).toEqual({ checked: 1, changed: 1 });
    expect((await t.history.query({ statuses: ['Approved'] })).rows).toMatchObject([{ id, certificateType: 'unknown', applicationId: sent.value.applicationId }]);
  });

  it('stops asking once an application is final, in rounds and in "Check status now"', async () => {
    const t = await setUp({ fakeTime: true });
    const [id] = await t.pending(2);
    await t.store.repo.recordStatus(id ?? '', { status: 'Provisioned', statusDate: '2026-03-10T15:00:00.000Z', comments: null, actor: 'test' });
    const p = t.poller();
    p.start();
    await t.nextRound();
    expect(t.practiceSide.seen.times).toHaveLength(1);
    expect(await p.checkNow()).toEqual({ checked: 1, changed: 0 });
    expect(t.practiceSide.seen.times).toHaveLength(2);
  });
});
