import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ApplicationSchema } from '../../electron/contract/application.ts';
import { createDppClient } from '../../electron/core/dpp/client.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../electron/core/dpp/retry-policy.ts';
import { submitExactlyOnce } from '../../electron/core/dpp/submit-once.ts';
import { PRACTICE_CREDENTIALS } from '../../electron/practice/environment.ts';
import { createPracticeDpp, practiceFetch } from '../../electron/practice/handler.ts';
import { validApplication } from '../helpers/applications.ts';
import { scriptedNetwork, type Step } from '../helpers/scripted-network.ts';

/** Exactly-once against the real practice DPP, with the network between scripted to fail. */
function setup(script: Step[], credentials = PRACTICE_CREDENTIALS, idempotency = true) {
  const dpp = createPracticeDpp({ idempotency });
  const net = scriptedNetwork(practiceFetch(dpp), script);
  const waits: number[] = [];
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, random: () => 0.5, sleep: async (ms) => void waits.push(ms) };
  const client = createDppClient({ baseUrl: 'https://practice.invalid', fetch: net.fetch, credentials: () => Promise.resolve(credentials) });
  const app = ApplicationSchema.parse(validApplication());
  return { dpp, net, waits, run: () => submitExactlyOnce(client, app, randomUUID(), policy) };
}

describe('submitExactlyOnce', () => {
  it('sends once when all is well', async () => {
    const t = setup([]);
    expect(await t.run()).toMatchObject({ ok: true, value: { reconciled: false, status: 'PendingReview' } });
    expect(t.dpp.received()).toHaveLength(1);
    expect(t.net.calls).toHaveLength(1);
  });

  it('after a reset that lost the answer, finds the application by status instead of resending', async () => {
    const t = setup(['apply-then-reset']);
    const result = await t.run();
    expect(result).toMatchObject({ ok: true, value: { reconciled: true } });
    expect(t.dpp.received()).toHaveLength(1);
    expect(t.net.calls.map((c) => c.method)).toEqual(['POST', 'GET']);
    if (result.ok) expect(result.value.applicationId).toBe(t.dpp.received()[0]?.applicationId);
  });

  it('after a timeout, and a failed lookup, looks again before anything else', async () => {
    const t = setup(['apply-then-timeout', 'refuse']);
    expect(await t.run()).toMatchObject({ ok: true, value: { reconciled: true } });
    expect(t.net.calls.map((c) => c.method)).toEqual(['POST', 'GET', 'GET']);
    expect(t.dpp.received()).toHaveLength(1);
  });

  it('after a 503, checks (404) and then resends with the same Idempotency-Key', async () => {
    const t = setup(['http-503']);
    expect(await t.run()).toMatchObject({ ok: true, value: { reconciled: false } });
    expect(t.net.calls.map((c) => c.method)).toEqual(['POST', 'GET', 'POST']);
    expect(t.dpp.received()).toHaveLength(1);
    expect(t.waits).toHaveLength(1);
  });

  it('counts a 409 on the resend after a check as "our earlier send arrived"', async () => {
    // The first send lands but its answer is lost; the DPP's status index lags (404) once, and
    // this DPP ignores Idempotency-Key, so the resend meets the address already in use.
    const t = setup(['apply-then-reset', 'status-404'], PRACTICE_CREDENTIALS, false);
    const result = await t.run();
    expect(result).toMatchObject({ ok: true, value: { reconciled: true } });
    expect(t.net.calls.map((c) => c.method)).toEqual(['POST', 'GET', 'POST', 'GET']);
    expect(t.dpp.received()).toHaveLength(1);
  });

  it('waits as long as Retry-After says on 429, then sends', async () => {
    const t = setup(['http-429:3']);
    expect(await t.run()).toMatchObject({ ok: true });
    expect(t.waits).toEqual([3000]);
    expect(t.dpp.received()).toHaveLength(1);
  });

  it('retries a refused connection with jittered backoff (the request never left)', async () => {
    const t = setup(['refuse', 'refuse']);
    expect(await t.run()).toMatchObject({ ok: true });
    expect(t.waits).toEqual([250, 500]); // random 0.5 × 500 ms × 2^(n-1)
    expect(t.net.calls.map((c) => c.method)).toEqual(['POST', 'POST', 'POST']);
  });

  it('never retries a wrong password, an invalid application or a first-send conflict', async () => {
    const t = setup([], { ...PRACTICE_CREDENTIALS, password: 'nope' });
    expect(await t.run()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(t.net.calls).toHaveLength(1);
  });

  it('gives up as "unknown outcome" when it can never confirm, without a second application', async () => {
    const t = setup(['apply-then-reset', 'refuse', 'refuse', 'refuse']);
    expect(await t.run()).toMatchObject({ ok: false, error: { code: 'unknown-outcome' } });
    expect(t.net.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(t.dpp.received()).toHaveLength(1);
  });
});
