import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ApplicationSchema } from '../../electron/contract/application.ts';
import { AddressApplicationSchema } from '../../electron/contract/certificate-address.ts';
import { OrganizationApplicationSchema } from '../../electron/contract/certificate-organization.ts';
import type { CertificateType } from '../../electron/contract/certificate-types.ts';
import { createDppClient } from '../../electron/core/dpp/client.ts';
import { PRACTICE_ACCOUNT } from '../../electron/practice/accounts.ts';
import { withFaults } from '../../electron/practice/faults.ts';
import { createPracticeDpp } from '../../electron/practice/handler.ts';
import { serveOnLoopback } from '../../electron/practice/serve.ts';
import { validAddressApplication, validApplication, validOrganizationApplication } from '../helpers/applications.ts';
import { startTestCore } from '../helpers/core.ts';

/**
 * Status lookup by Application ID and tracking what it finds, through the IPC dispatcher, against
 * the practice DPP over real loopback HTTP, with the real keychain and a real SQLite file.
 */
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Handle = (req: Request) => Promise<Response>;

async function served(options: { stepMs?: number; wrap?: (handle: Handle) => Handle } = {}) {
  const dpp = createPracticeDpp({ control: true, stepMs: options.stepMs ?? 60_000 });
  const handle: Handle = (req) => dpp.handle(req);
  const server = await serveOnLoopback(options.wrap ? options.wrap(handle) : handle);
  cleanups.push(server.close);
  return server.url;
}

async function coreAgainst(url: string, pollIntervalMs?: number) {
  const t = await startTestCore({ dppUrl: url, ...(pollIntervalMs ? { pollIntervalMs } : {}) });
  cleanups.push(() => t.close());
  return t;
}

/** Applied for "outside" TA Desk (the DPP portal, a colleague): straight at the DPP. */
async function applyOutside(url: string, type: CertificateType) {
  const client = createDppClient({ baseUrl: url, fetch: (i, init) => fetch(i, init), credentials: async () => PRACTICE_ACCOUNT });
  const application =
    type === 'patient' ? ApplicationSchema.parse(validApplication())
    : type === 'address' ? AddressApplicationSchema.parse(validAddressApplication())
    : OrganizationApplicationSchema.parse(validOrganizationApplication());
  const sent = await client.submitCertificate({ certificateType: type, application } as never, { idempotencyKey: randomUUID() });
  if (!sent.ok) throw new Error(sent.error.message);
  return { applicationId: sent.value.applicationId, application: application as { directAddress?: string; directDomain?: string } };
}

async function historyRows(t: Awaited<ReturnType<typeof coreAgainst>>, query: object = {}) {
  const page = await t.dispatch('history.query', query);
  if (!page.ok) throw new Error(page.error.message);
  return (page.value as { rows: { id: string; certificateType: string; directAddress: string; applicationId: string | null; tracked: boolean }[] }).rows;
}

describe('status lookup by Application ID', () => {
  it('finds an application of each type, with its status, type and what it is for, and audits without the number', async () => {
    const url = await served();
    const t = await coreAgainst(url);
    const patient = await applyOutside(url, 'patient');
    const address = await applyOutside(url, 'address');
    const organization = await applyOutside(url, 'organization');

    const answers = await Promise.all(
      [patient, address, organization].map((a) => t.dispatch('lookup.byId', { applicationId: ` ${a.applicationId} ` })),
    );
    expect(answers[0]).toMatchObject({ ok: true, value: { applicationId: patient.applicationId, environmentName: 'Practice', historyId: null, found: { status: 'PendingReview', certificateType: 'patient', directAddress: patient.application.directAddress, directDomain: null } } });
    expect(answers[1]).toMatchObject({ ok: true, value: { found: { certificateType: 'address', directAddress: address.application.directAddress } } });
    expect(answers[2]).toMatchObject({ ok: true, value: { found: { applicationId: organization.applicationId, certificateType: 'organization', directAddress: null, directDomain: organization.application.directDomain } } });

    const audit = await t.dispatch('audit.list', {});
    const details = (audit.ok ? (audit.value as { action: string; detail: string | null }[]) : []).filter((e) => e.action === 'lookup').map((e) => e.detail);
    expect(details).toEqual(Array(3).fill('Status lookup of 1 Application ID at Practice'));
    expect(JSON.stringify(details)).not.toContain(patient.applicationId);
  });

  it('answers not found for a number the DPP does not hold, and refuses one that is not a number before sending', async () => {
    const url = await served();
    const t = await coreAgainst(url);
    expect(await t.dispatch('lookup.byId', { applicationId: 'OC-424242' })).toEqual({
      ok: true,
      value: { applicationId: 'OC-424242', environmentName: 'Practice', practice: true, found: null, historyId: null },
    });
    const refused = await t.dispatch('lookup.byId', { applicationId: 'PC 12/3' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid', fields: { applicationId: [expect.stringMatching(/neither a Direct address .* nor an Application ID/)] } } });
    const received = (await (await fetch(`${url}/__practice/received`)).json()) as { requests: { path: string }[] };
    expect(received.requests.map((r) => r.path)).toEqual(['/DirectProvisioningApi/Certificate/Status']);
  });

  it('says the credentials were refused and where to fix them', async () => {
    const url = await served();
    const t = await coreAgainst(url);
    const saved = await t.dispatch('environments.save', {
      name: 'Sandbox', baseUrl: url, userId: 'ta@practice.example', password: 'not-the-password',
      trustedAgent: 'Pat Practice', organizationName: 'Practice Family Clinic', directDomain: 'direct.practice.example', defaultCountry: 'US',
    });
    if (!saved.ok) throw new Error(saved.error.message);
    await t.dispatch('environments.activate', { id: (saved.value as { id: string }).id });
    const answer = await t.dispatch('lookup.byId', { applicationId: 'PC-000001' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringContaining('Check the username and password in Settings') } });
  });

  it('is paced with the address lookup: a 429 says the wait, and the shared pacer then holds the next request', async () => {
    const url = await served({ wrap: (handle) => withFaults(handle, { rateLimit: 1 }) });
    const t = await coreAgainst(url);
    expect((await t.dispatch('lookup.one', { address: 'a@direct.practice.example' })).ok).toBe(true);
    const limited = await t.dispatch('lookup.byId', { applicationId: 'PC-000001' });
    expect(limited).toMatchObject({ ok: false, error: { code: 'rate-limited', retryAfterSeconds: 1, message: 'The DPP asked TA Desk to slow down. Try again in 1 second.' } });
    const started = Date.now();
    expect((await t.dispatch('lookup.byId', { applicationId: 'PC-000001' })).ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });
});

describe('tracking what a lookup found', () => {
  it('an organizational application tracked by its number joins History as organizational and is followed by its number', async () => {
    const url = await served({ stepMs: 300 });
    const t = await coreAgainst(url, 150);
    const { applicationId, application } = await applyOutside(url, 'organization');

    const tracked = await t.dispatch('lookup.track', { applicationId: applicationId.toLowerCase() });
    expect(tracked).toMatchObject({ ok: true, value: { alreadyTracked: false } });
    const id = (tracked as { value: { id: string } }).value.id;
    expect(await historyRows(t)).toMatchObject([{ id, tracked: true, applicationId, certificateType: 'organization', directAddress: application.directDomain }]);
    expect(await historyRows(t, { certificateTypes: ['organization'] })).toHaveLength(1);
    expect(await t.dispatch('lookup.byId', { applicationId })).toMatchObject({ ok: true, value: { historyId: id } });
    expect(await t.dispatch('lookup.track', { applicationId })).toEqual({ ok: true, value: { id, alreadyTracked: true } });

    // The poller asks by Application ID (the row has no Direct address) until the final status.
    await expect.poll(() => t.dispatch('history.get', { id }), { timeout: 15_000 }).toMatchObject({
      ok: true,
      value: { summary: { dppStatus: 'Provisioned' } },
    });
  });

  it('an address certificate tracked by its Direct address is stored as an address certificate, not a patient one', async () => {
    const url = await served();
    const t = await coreAgainst(url);
    const { applicationId, application } = await applyOutside(url, 'address');
    const tracked = await t.dispatch('lookup.track', { address: application.directAddress });
    expect(tracked.ok).toBe(true);
    expect(await historyRows(t)).toMatchObject([{ applicationId, certificateType: 'address', directAddress: application.directAddress }]);
    expect(await historyRows(t, { certificateTypes: ['patient'] })).toEqual([]);
    expect(await historyRows(t, { certificateTypes: ['address'] })).toHaveLength(1);
  });

  it('when the answer does not tell the type, the row says so: never a patient certificate, found by the "not known" filter', async () => {
    // A DPP whose numbers carry no known prefix (a Direct address fits a patient and an address certificate alike).
    const renumber: (handle: Handle) => Handle = (handle) => async (req) => {
      const res = await handle(req);
      const body = (await res.text()).replace(/"ApplicationId":"[A-Z]+-/g, '"ApplicationId":"N-');
      return new Response(body, { status: res.status, headers: res.headers });
    };
    const url = await served({ wrap: renumber });
    const t = await coreAgainst(url);
    const patient = await applyOutside(url, 'patient');
    expect(patient.applicationId).toMatch(/^N-/);
    const looked = await t.dispatch('lookup.one', { address: patient.application.directAddress! });
    expect(looked).toMatchObject({ ok: true, value: { found: { certificateType: 'unknown' } } });
    expect((await t.dispatch('lookup.track', { address: patient.application.directAddress! })).ok).toBe(true);

    expect(await historyRows(t)).toMatchObject([{ certificateType: 'unknown', directAddress: patient.application.directAddress }]);
    expect(await historyRows(t, { certificateTypes: ['patient'] })).toEqual([]);
    expect(await historyRows(t, { certificateTypes: ['unknown'] })).toHaveLength(1);
    const csv = await t.dispatch('history.export', { query: {}, includePhi: false });
    expect(JSON.stringify(csv)).toContain('Certificate type not known');
  });
});
