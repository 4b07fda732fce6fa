import { afterEach, describe, expect, it } from 'vitest';
import type { RetryPolicy } from '../../electron/core/dpp/retry-policy.ts';
import { PRACTICE_ACCOUNT } from '../../electron/practice/accounts.ts';
import { createPracticeDpp, practiceFetch } from '../../electron/practice/handler.ts';
import { validApplication } from '../helpers/applications.ts';
import { startTestCore } from '../helpers/core.ts';
import { scriptedNetwork, type Step } from '../helpers/scripted-network.ts';

/**
 * Exactly-once through the outbox (the app's one send path), against the real practice DPP with
 * the network between scripted to fail, on a real store and keychain. Backoff is shortened so the
 * retries happen within the test; Retry-After is honoured as the DPP says.
 */
const FAST: RetryPolicy = { baseDelayMs: 50, maxDelayMs: 200, random: () => 0.5 };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setup(script: Step[], options: { idempotency?: boolean; password?: string } = {}) {
  const dpp = createPracticeDpp({
    idempotency: options.idempotency ?? true,
    accounts: options.password ? [{ ...PRACTICE_ACCOUNT, password: options.password }] : undefined,
  });
  const net = scriptedNetwork(practiceFetch(dpp), script);
  const t = await startTestCore({ practiceFetch: net.fetch, retryPolicy: FAST });
  cleanups.push(() => t.close());
  const app = validApplication();
  const stateOf = async () => {
    const rows = await t.parts.repo.listApplications({});
    return rows.find((r) => r.directAddress === app.directAddress);
  };
  /** Until the outbox has settled the application (submitted or needs attention). */
  const settled = async (timeoutMs = 10_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const row = await stateOf();
      if (row && (row.state === 'submitted' || row.state === 'needs-attention')) return row;
      if (Date.now() > until) throw new Error(`not settled: ${row?.state}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { dpp, net, t, submit: () => t.dispatch('application.submit', { application: app }), settled, stateOf, methods: () => net.calls.map((c) => c.method) };
}

describe('outbox exactly-once', () => {
  it('sends once when all is well', async () => {
    const s = await setup([]);
    expect(await s.submit()).toMatchObject({ ok: true, value: { state: 'submitted', status: 'PendingReview' } });
    expect(s.dpp.received()).toHaveLength(1);
    expect(s.net.calls).toHaveLength(1);
  });

  it('after a reset that lost the answer, finds the application by status instead of resending', async () => {
    const s = await setup(['apply-then-reset']);
    expect(await s.submit()).toMatchObject({ ok: true, value: { state: 'unknown-outcome' } });
    const row = await s.settled();
    expect(row.state).toBe('submitted');
    expect(s.methods()).toEqual(['POST', 'GET']);
    expect(s.dpp.received()).toHaveLength(1);
    expect(row.applicationId).toBe(s.dpp.received()[0]?.applicationId);
  });

  it('after a timeout, and a failed lookup, looks again before anything else', async () => {
    const s = await setup(['apply-then-timeout', 'refuse']);
    await s.submit();
    expect((await s.settled()).state).toBe('submitted');
    expect(s.methods()).toEqual(['POST', 'GET', 'GET']);
    expect(s.dpp.received()).toHaveLength(1);
  });

  it('after a 503, checks (404) and then resends with the same Idempotency-Key', async () => {
    const s = await setup(['http-503']);
    await s.submit();
    expect((await s.settled()).state).toBe('submitted');
    expect(s.methods()).toEqual(['POST', 'GET', 'POST']);
    expect(s.dpp.received()).toHaveLength(1);
  });

  it('counts a 409 on the resend after a check as "our earlier send arrived"', async () => {
    // The first send lands but its answer is lost; the DPP's status index lags (404) once, and
    // this DPP ignores Idempotency-Key, so the resend meets the address already in use.
    const s = await setup(['apply-then-reset', 'status-404'], { idempotency: false });
    await s.submit();
    const row = await s.settled();
    expect(row.state).toBe('submitted');
    expect(s.methods()).toEqual(['POST', 'GET', 'POST', 'GET']);
    expect(s.dpp.received()).toHaveLength(1);
    expect(row.applicationId).toBe(s.dpp.received()[0]?.applicationId);
  });

  it('waits as long as Retry-After says on 429, then sends', async () => {
    const s = await setup(['http-429:2']);
    expect(await s.submit()).toMatchObject({ ok: true, value: { state: 'queued', pending: { code: 'rate-limited', retryAfterSeconds: 2 } } });
    expect((await s.settled()).state).toBe('submitted');
    const [first, second] = s.net.calls;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1_950);
    expect(s.dpp.received()).toHaveLength(1);
  });

  it('retries a refused connection with backoff (the request never left)', async () => {
    const s = await setup(['refuse', 'refuse']);
    expect(await s.submit()).toMatchObject({ ok: true, value: { state: 'queued', pending: { code: 'network' } } });
    expect((await s.settled()).state).toBe('submitted');
    expect(s.methods()).toEqual(['POST', 'POST', 'POST']);
    const gaps = s.net.calls.slice(1).map((c, i) => c.at - (s.net.calls[i]?.at ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(FAST.baseDelayMs - 5);
  });

  it('never retries a wrong password: it needs the TA, with the reason', async () => {
    const s = await setup([], { password: 'changed-at-the-dpp' });
    expect(await s.submit()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await s.stateOf())?.state).toBe('needs-attention');
    expect(s.net.calls).toHaveLength(1);
  });

  it('while it cannot confirm, keeps looking without a second send, and settles once it can', async () => {
    const s = await setup(['apply-then-reset', 'refuse', 'refuse', 'refuse']);
    await s.submit();
    const until = Date.now() + 10_000;
    while (s.net.calls.filter((c) => c.method === 'GET').length < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(['unknown-outcome', 'sending']).toContain((await s.stateOf())?.state);
    expect(s.net.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect((await s.settled()).state).toBe('submitted');
    expect(s.net.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(s.dpp.received()).toHaveLength(1);
  });
});
