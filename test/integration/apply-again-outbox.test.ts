import { afterEach, describe, expect, it } from 'vitest';
import type { RetryPolicy } from '../../electron/core/dpp/retry-policy.ts';
import { createClock } from '../../electron/practice/clock.ts';
import { createPracticeDpp, practiceFetch } from '../../electron/practice/handler.ts';
import { validApplication } from '../helpers/applications.ts';
import { startTestCore } from '../helpers/core.ts';
import { scriptedNetwork, type Step } from '../helpers/scripted-network.ts';

/**
 * Applying again for an address TA Desk already applied for (after a rejection, or a renewal from
 * "Apply again"), when the send's outcome is unknown: the status check by address finds the
 * EARLIER application, which is already in History under its own number. That one is not this
 * send's: the row must not take its number and status, but be sent again with the same
 * Idempotency-Key (which the DPP answers as the first time if the send did arrive).
 */
const FAST: RetryPolicy = { baseDelayMs: 50, maxDelayMs: 200, random: () => 0.5 };
const STEP_MS = 1000;
const ADDRESS = 'omar.quill@direct.practice.example';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setup(script: Step[]) {
  const clock = createClock(Date.now(), true);
  const dpp = createPracticeDpp({ idempotency: true, stepMs: STEP_MS, clock });
  const net = scriptedNetwork(practiceFetch(dpp), script);
  const t = await startTestCore({ practiceFetch: net.fetch, retryPolicy: FAST });
  cleanups.push(() => t.close());
  const submit = (notes: string) => t.dispatch('application.submit', { application: validApplication({ directAddress: ADDRESS, notes }) });
  const rowWithNotes = async (notes: string) => {
    const rows = await t.parts.repo.listApplications({});
    for (const r of rows) {
      const full = await t.parts.repo.getApplication(r.id);
      if (full?.values.notes === notes) return full;
    }
    return undefined;
  };
  const settled = async (notes: string) => {
    const until = Date.now() + 10_000;
    for (;;) {
      const row = await rowWithNotes(notes);
      if (row && (row.state === 'submitted' || row.state === 'needs-attention')) return row;
      if (Date.now() > until) throw new Error(`not settled: ${row?.state}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { dpp, clock, net, submit, settled };
}

describe('applying again for an address whose earlier application is in History', () => {
  it('sends again when the lost send never arrived, instead of taking the earlier application for it', async () => {
    // 1st send passes (the rejected one); the corrected one's first send is lost on the way.
    const s = await setup(['pass', 'reset-before-apply']);
    expect(await s.submit('first try #reject')).toMatchObject({ ok: true, value: { state: 'submitted' } });
    s.clock.advance(STEP_MS); // rejected at the review step
    const first = await s.settled('first try #reject');

    expect(await s.submit('corrected')).toMatchObject({ ok: true, value: { state: 'unknown-outcome' } });
    const again = await s.settled('corrected');
    expect(again.state).toBe('submitted');
    expect(again.applicationId).toBeTruthy();
    expect(again.applicationId).not.toBe(first.applicationId);
    expect(again.dppStatus).toBe('PendingReview');
    expect(s.dpp.received()).toHaveLength(2);
  });

  it('takes the DPP’s answer when the lost send did arrive: one new application, never two', async () => {
    const s = await setup(['pass', 'apply-then-reset']);
    expect(await s.submit('first try #reject')).toMatchObject({ ok: true, value: { state: 'submitted' } });
    s.clock.advance(STEP_MS);
    const first = await s.settled('first try #reject');

    expect(await s.submit('corrected')).toMatchObject({ ok: true, value: { state: 'unknown-outcome' } });
    const again = await s.settled('corrected');
    expect(again.state).toBe('submitted');
    expect(again.applicationId).not.toBe(first.applicationId);
    expect(s.dpp.received()).toHaveLength(2);
  });
});
