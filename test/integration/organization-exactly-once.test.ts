import { afterEach, describe, expect, it } from 'vitest';
import type { RetryPolicy } from '../../electron/core/dpp/retry-policy.ts';
import { createPracticeDpp, practiceFetch } from '../../electron/practice/handler.ts';
import { validOrganizationApplication } from '../helpers/applications.ts';
import { startTestCore } from '../helpers/core.ts';
import { scriptedNetwork, type Step } from '../helpers/scripted-network.ts';

/**
 * Exactly-once for an organizational application, which the DPP can look up only by the number
 * a lost answer never brought: the outbox resends with the same Idempotency-Key instead of
 * looking it up, and the DPP's refusal of a second certificate for the domain (409) guards the rest.
 */
const FAST: RetryPolicy = { baseDelayMs: 50, maxDelayMs: 200, random: () => 0.5 };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setup(script: Step[], idempotency: boolean) {
  const dpp = createPracticeDpp({ idempotency });
  const net = scriptedNetwork(practiceFetch(dpp), script);
  const t = await startTestCore({ practiceFetch: net.fetch, retryPolicy: FAST });
  cleanups.push(() => t.close());
  const application = validOrganizationApplication();
  const submitted = await t.dispatch('application.submit', { certificateType: 'organization', application });
  if (!submitted.ok) throw new Error(JSON.stringify(submitted));
  const id = (submitted.value as { id: string }).id;
  const until = Date.now() + 10_000;
  for (;;) {
    const row = await t.parts.repo.getApplication(id);
    if (row && (row.state === 'submitted' || row.state === 'needs-attention')) return { dpp, net, t, id, row, first: submitted.value as { state: string } };
    if (Date.now() > until) throw new Error(`not settled: ${row?.state}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('organizational application, answer lost', () => {
  it('resends with the same key (no lookup by address) and records the number the DPP replays', async () => {
    const { dpp, net, row, first } = await setup(['apply-then-reset'], true);
    expect(first.state).toBe('unknown-outcome');
    expect(row.state).toBe('submitted');
    expect(net.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /DirectProvisioningApi/Certificate/Organizational',
      'POST /DirectProvisioningApi/Certificate/Organizational',
    ]);
    expect(dpp.received()).toHaveLength(1);
    expect(row.applicationId).toBe(dpp.received()[0]?.applicationId);
  });

  it('with a DPP that ignores the key, a 409 on the resend asks the TA to find the number instead of applying twice', async () => {
    const { dpp, t, id, row } = await setup(['apply-then-reset'], false);
    expect(dpp.received()).toHaveLength(1);
    expect(row).toMatchObject({ state: 'needs-attention', attentionCode: 'conflict' });
    expect(t.parts.outbox.lastError(id)?.message).toMatch(/earlier send most likely arrived/);
  });
});
