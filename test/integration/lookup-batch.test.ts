import { afterEach, describe, expect, it } from 'vitest';
import type { BatchProgress, BatchResults } from '../../electron/contract/lookup.ts';
import { withFaults } from '../../electron/practice/faults.ts';
import { createPracticeDpp } from '../../electron/practice/handler.ts';
import { serveOnLoopback } from '../../electron/practice/serve.ts';
import { validApplication } from '../helpers/applications.ts';
import { startTestCore } from '../helpers/core.ts';
import { until } from '../helpers/until.ts';

/**
 * Batch lookups and tracking against the practice DPP over loopback HTTP, with seeded faults:
 * what a TA pastes is checked first, every valid address is answered once, and a tracked
 * application is polled and notified like one TA Desk sent.
 */
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const addr = (local: string) => `${local}@direct.practice.example`;

/** Apply straight at the DPP, as the DPP web portal or a colleague would. */
async function applyOutside(url: string, directAddress: string, notes?: string) {
  const app = validApplication({ directAddress });
  const res = await fetch(`${url}/DirectProvisioningApi/Certificate/Patient`, {
    method: 'POST',
    headers: { 'X-User-Id': 'ta@practice.example', 'X-User-Password': 'practice-only', 'Content-Type': 'application/json' },
    body: JSON.stringify({
      TrustedAgent: app.trustedAgent, OrganizationName: app.organizationName, OrganizationCategory: '4', FirstName: 'Out', LastName: 'Side',
      City: 'Albany', State: 'NY', Country: 'US', Duration: 1, FullName: 'Out Side', DirectAddress: directAddress, AutoRenew: false,
      Ial2Vetted: 'true', NotificationAddress: 'n@example.org', ...(notes ? { Notes: notes } : {}),
    }),
  });
  if (res.status !== 201) throw new Error(`apply failed: ${res.status}`);
  return ((await res.json()) as { ApplicationId: string }).ApplicationId;
}

describe('batch status lookup', () => {
  it('looks 200 pasted entries up under a 30% fault rate: invalid and repeated ones listed and not sent, each valid one answered once', async () => {
    const dpp = createPracticeDpp({ control: true });
    const plain = await serveOnLoopback((req) => dpp.handle(req));
    cleanups.push(plain.close);
    const found = Array.from({ length: 40 }, (_, i) => addr(`found.${i}`));
    for (const a of found) await applyOutside(plain.url, a);
    // The same DPP behind seeded faults: 5xx answers and dropped connections on 30% of requests.
    const faulty = await serveOnLoopback(withFaults((req) => dpp.handle(req), { failRate: 0.3, faults: ['5xx', 'reset'], seed: 13 }));
    cleanups.push(faulty.close);
    const t = await startTestCore({ dppUrl: faulty.url });
    cleanups.push(() => t.close());
    const before = ((await (await fetch(`${plain.url}/__practice/received`)).json()) as { requests: unknown[] }).requests.length;

    const missing = Array.from({ length: 130 }, (_, i) => addr(`missing.${i}`));
    const invalid = Array.from({ length: 15 }, (_, i) => (i % 3 === 0 ? `no-at-sign-${i}` : i % 3 === 1 ? `two words ${i}@direct.practice.example` : `x${i}@`));
    const repeated = [...found.slice(0, 10).map((a) => a.toUpperCase()), ...missing.slice(0, 5)];
    const entries = [...found, ...missing, ...invalid, ...repeated];
    expect(entries).toHaveLength(200);
    // Pasted as a TA would: lines, commas and semicolons mixed.
    const text = entries.map((e, i) => e + (i % 3 === 0 ? '\n' : i % 3 === 1 ? ', ' : ';')).join('');

    const started = await t.dispatch('lookup.batchStart', { text, format: 'list' });
    if (!started.ok) throw new Error(started.error.message);
    const { batchId, total, skipped } = started.value as { batchId: string; total: number; skipped: { entry: string; reason: string }[] };
    expect(total).toBe(170);
    expect(skipped).toHaveLength(30);
    expect(skipped.filter((s) => s.reason === 'Listed more than once: looked up once.')).toHaveLength(15);
    expect(skipped.filter((s) => s.reason !== 'Listed more than once: looked up once.').map((s) => s.entry).sort()).toEqual([...invalid].sort());

    const last = await until('the batch to finish', () =>
      t.events.map((e) => e.payload as BatchProgress).find((p) => p.batchId === batchId && p.state !== 'running'),
    );
    expect(last).toMatchObject({ state: 'finished', done: 170, total: 170 });
    const results = await t.dispatch('lookup.batchResults', { batchId });
    const rows = (results as { value: BatchResults }).value.rows;
    expect(rows.filter((r) => r.outcome === 'found').map((r) => r.address).sort()).toEqual([...found].sort());
    expect(rows.filter((r) => r.outcome === 'not-found').map((r) => r.address).sort()).toEqual([...missing].sort());

    // The DPP's own record: faults happened, and every address got exactly one real answer.
    const requests = ((await (await fetch(`${plain.url}/__practice/received`)).json()) as { requests: { status: number }[] }).requests.slice(before);
    expect(requests.filter((r) => r.status === 200 || r.status === 404)).toHaveLength(170);
    const faults = await t.dispatch('audit.list', {});
    const details = (faults as { value: { action: string; detail: string }[] }).value.filter((e) => e.action === 'lookup').map((e) => e.detail);
    expect(details).toEqual([
      'Status lookup at Practice finished: 170 of 170 looked up (40 found, 130 without application, 0 could not be checked)',
      'Status lookup of 170 addresses started at Practice (30 not sent: invalid or repeated)',
    ]);
    expect(details.join(' ')).not.toContain('@');
  }, 120_000);

  it('can be cancelled, and stops at once when the credentials are refused', async () => {
    const dpp = createPracticeDpp({ control: true });
    const served = await serveOnLoopback(withFaults((req) => dpp.handle(req), { latencyMs: 50 }));
    cleanups.push(served.close);
    const t = await startTestCore({ dppUrl: served.url });
    cleanups.push(() => t.close());
    const list = Array.from({ length: 300 }, (_, i) => addr(`c.${i}`)).join('\n');
    const started = await t.dispatch('lookup.batchStart', { text: list, format: 'list' });
    const { batchId } = (started as { value: { batchId: string } }).value;
    await until('some progress', () => t.events.map((e) => e.payload as BatchProgress).find((p) => p.batchId === batchId && p.done >= 5));
    const cancelled = await t.dispatch('lookup.batchCancel', { batchId });
    expect(cancelled).toMatchObject({ ok: true, value: { state: 'cancelled' } });
    const done = (cancelled as { value: BatchProgress }).value.done;
    expect(done).toBeLessThan(300);
    await new Promise((r) => setTimeout(r, 300));
    const rows = ((await t.dispatch('lookup.batchResults', { batchId })) as { value: BatchResults }).value.rows;
    expect(rows.filter((r) => r.outcome === 'not-looked-up').length).toBeGreaterThan(250);

    // Wrong credentials: every further request would be refused too, so the batch stops with why.
    const saved = await t.dispatch('environments.save', {
      name: 'Sandbox', baseUrl: served.url, userId: 'ta@practice.example', password: 'wrong-password',
      trustedAgent: 'Pat Practice', organizationName: 'Practice Family Clinic', directDomain: 'direct.practice.example', defaultCountry: 'US',
    });
    await t.dispatch('environments.activate', { id: (saved as { value: { id: string } }).value.id });
    const refused = await t.dispatch('lookup.batchStart', { text: list, format: 'list' });
    const refusedId = (refused as { value: { batchId: string } }).value.batchId;
    const stopped = await until('the batch to stop', () =>
      t.events.map((e) => e.payload as BatchProgress).find((p) => p.batchId === refusedId && p.state !== 'running'),
    );
    expect(stopped).toMatchObject({ state: 'stopped', done: 0, problem: { code: 'unauthorized' } });
    expect(stopped.problem?.message).toContain('Check the username and password in Settings');
    const received = (await (await fetch(`${served.url}/__practice/received`)).json()) as { requests: { status: number }[] };
    expect(received.requests.filter((r) => r.status === 401).length).toBeLessThanOrEqual(4);
  });
});

describe('tracking', () => {
  it('a found application added to History is polled and notified like one TA Desk sent', async () => {
    const dpp = createPracticeDpp({ control: true, stepMs: 300 });
    const served = await serveOnLoopback((req) => dpp.handle(req));
    cleanups.push(served.close);
    const notified: string[] = [];
    const t = await startTestCore({ dppUrl: served.url, pollIntervalMs: 150, notify: (title, body) => notified.push(`${title}: ${body}`) });
    cleanups.push(() => t.close());
    const applicationId = await applyOutside(served.url, addr('tracked'));

    const tracked = await t.dispatch('lookup.track', { address: addr('tracked') });
    expect(tracked).toMatchObject({ ok: true, value: { alreadyTracked: false } });
    const id = (tracked as { value: { id: string } }).value.id;
    const page = await t.dispatch('history.query', {});
    expect(page).toMatchObject({ ok: true, value: { total: 1, rows: [{ id, tracked: true, applicationId, directAddress: addr('tracked'), environmentId: 'practice' }] } });
    // Looked up again: it says where it is in History, and tracking twice adds nothing.
    expect(await t.dispatch('lookup.one', { address: addr('tracked') })).toMatchObject({ ok: true, value: { historyId: id } });
    expect(await t.dispatch('lookup.track', { address: addr('tracked') })).toEqual({ ok: true, value: { id, alreadyTracked: true } });

    await until('the Provisioned notification', () => (notified.length > 0 ? true : undefined), 15_000);
    expect(notified).toEqual([`Direct address provisioned: Application ${applicationId} is Provisioned.`]);
    const detail = await t.dispatch('history.get', { id });
    expect((detail as { value: { timeline: { status: string }[] } }).value.timeline.map((e) => e.status).at(-1)).toBe('Provisioned');
    const audit = (await t.dispatch('audit.list', {})) as { value: { action: string; detail: string | null }[] };
    expect(audit.value.some((e) => e.action === 'track')).toBe(true);
  });

  it('refuses to track an address the DPP does not know', async () => {
    const dpp = createPracticeDpp({ control: true });
    const served = await serveOnLoopback((req) => dpp.handle(req));
    cleanups.push(served.close);
    const t = await startTestCore({ dppUrl: served.url });
    cleanups.push(() => t.close());
    expect(await t.dispatch('lookup.track', { address: addr('ghost') })).toEqual({
      ok: false,
      error: { code: 'not-found', message: `No application was found for ${addr('ghost')} at Practice.` },
    });
  });

  it('quitting during a batch stops it and still records its end in the audit log', async () => {
    const dpp = createPracticeDpp({ control: true });
    const server = await serveOnLoopback((req) => dpp.handle(req));
    cleanups.push(server.close);
    const t = await startTestCore({ dppUrl: server.url });
    const list = Array.from({ length: 30 }, (_, i) => addr(`quit.${i}`)).join('\n');
    const started = await t.dispatch('lookup.batchStart', { text: list, format: 'list' });
    expect(started.ok).toBe(true);
    await t.close(false); // the TA quits while the batch is running
    const again = await startTestCore({ dppUrl: server.url, dataDir: t.dataDir, prefix: t.prefix });
    cleanups.push(() => again.close());
    const audit = await again.dispatch('audit.list', { limit: 50 });
    if (!audit.ok) throw new Error(audit.error.message);
    expect((audit.value as { detail: string | null }[]).map((e) => e.detail ?? '').filter((d) => d.startsWith('Status lookup at Practice'))).toHaveLength(1);
  });
});

