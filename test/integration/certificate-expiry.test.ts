import { afterEach, describe, expect, it } from 'vitest';
import { expiryDay } from '../../electron/contract/certificate-expiry.ts';
import { createExpiryNotices } from '../../electron/core/expiry-notices.ts';
import { createClock } from '../../electron/practice/clock.ts';
import { validAddressApplication, validApplication, validOrganizationApplication } from '../helpers/applications.ts';
import { startTestCore } from '../helpers/core.ts';
import { startPracticeServer } from '../helpers/practice-server.ts';

/**
 * Renewals: each issued certificate's expiry in History, the "Expiring soon" filter and the
 * notices before a certificate without automatic renewal lapses. The practice DPP's clock starts
 * 345 days ago, so certificates issued "then" for one year lapse in about 20 days.
 */
const DAY = 86_400_000;
const STEP_MS = 1000;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Row = { id: string; certificateType: string; expiresOn: string | null; autoRenew: boolean | null; statusDate: string | null; dppStatus: string | null };

async function setUp() {
  const clock = createClock();
  clock.advance(-345 * DAY);
  const server = await startPracticeServer({ stepMs: STEP_MS, clock });
  cleanups.push(server.close);
  const notified: { title: string; body: string }[] = [];
  const t = await startTestCore({ dppUrl: server.url, notify: (title, body) => void notified.push({ title, body }), expiryCheckMs: 3_600_000 });
  cleanups.push(() => t.close());
  const submit = async (certificateType: 'patient' | 'address' | 'organization', application: object) => {
    const r = await t.dispatch('application.submit', { certificateType, application });
    if (!r.ok) throw new Error(JSON.stringify(r));
    return (r.value as { id: string }).id;
  };
  const address = await submit('address', validAddressApplication({ autoRenew: false, duration: 1 }));
  const organization = await submit('organization', validOrganizationApplication({ autoRenew: true, duration: 1 }));
  const patient = await submit('patient', validApplication({ autoRenew: false, duration: 2 }));
  // Two review steps: Approved, then CertificateIssued.
  clock.advance(2 * STEP_MS);
  await t.dispatch('history.checkStatus', {});
  const query = async (q: object) => {
    const page = await t.dispatch('history.query', q);
    if (!page.ok) throw new Error(JSON.stringify(page));
    return (page.value as { rows: Row[] }).rows;
  };
  return { t, notified, address, organization, patient, query };
}

describe('renewals', () => {
  it('shows each issued certificate’s expiry: issue date plus duration, and whether it renews', async () => {
    const { address, organization, patient, query } = await setUp();
    const rows = new Map((await query({})).map((r) => [r.id, r]));
    const a = rows.get(address)!;
    expect(a).toMatchObject({ dppStatus: 'CertificateIssued', autoRenew: false });
    expect(a.expiresOn).toBe(expiryDay(a.statusDate!, 1));
    expect(rows.get(organization)).toMatchObject({ autoRenew: true, expiresOn: expiryDay(rows.get(organization)!.statusDate!, 1) });
    expect(rows.get(patient)?.expiresOn).toBe(expiryDay(rows.get(patient)!.statusDate!, 2));
    expect(Date.parse(a.expiresOn!) - Date.now()).toBeGreaterThan(15 * DAY);
    expect(Date.parse(a.expiresOn!) - Date.now()).toBeLessThan(25 * DAY);
  });

  it('lists only certificates expiring soon without automatic renewal, and filters by type', async () => {
    const { address, organization, query } = await setUp();
    expect((await query({ expiringWithinDays: 60 })).map((r) => r.id)).toEqual([address]);
    expect((await query({ expiringWithinDays: 10 })).map((r) => r.id)).toEqual([]);
    expect((await query({ certificateTypes: ['organization'] })).map((r) => r.id)).toEqual([organization]);
  });

  it('gives notices 60, 30 and 7 days ahead, once each, without the person’s name in the OS notification', async () => {
    const { t, notified, address } = await setUp();
    const at = (days: number) => createExpiryNotices({ history: t.parts.history, settings: t.parts.repo, emit: () => {}, notify: (title, body) => void notified.push({ title, body }), now: () => new Date(Date.now() + days * DAY) });
    notified.length = 0;
    // The core's own check (as its hourly timer runs it): ~20 days left, the 30-day notice (the 60-day one is past).
    expect(await t.parts.expiryNotices.check()).toBe(1);
    expect(await at(0).check()).toBe(0);
    expect(await at(2).check()).toBe(0);
    expect(await at(15).check()).toBe(1); // ~5 days left: the 7-day notice
    expect(await at(16).check()).toBe(0);
    expect(notified).toHaveLength(2);
    expect(notified[0]?.title).toBe('A certificate expires soon');
    expect(notified[0]?.body).toMatch(/^Address certificate AC-\d{6} expires in \d+ days \(\d+ \w{3} \d{4}\) and does not renew automatically\./);
    for (const n of notified) expect(`${n.title} ${n.body}`).not.toMatch(/Ann|Lee|@/);
    const events = t.events.filter((e) => e.event === 'app.notice' && (e.payload as { rowId?: string }).rowId === address);
    expect(events.length).toBeGreaterThanOrEqual(1);
  });
});
