import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AddressApplicationSchema } from '../../electron/contract/certificate-address.ts';
import { OrganizationApplicationSchema } from '../../electron/contract/certificate-organization.ts';
import { ApplicationSchema } from '../../electron/contract/application.ts';
import { PRACTICE_ACCOUNT, PRACTICE_NON_TA_ACCOUNT } from '../../electron/practice/accounts.ts';
import { validAddressApplication, validApplication, validOrganizationApplication } from '../helpers/applications.ts';
import { practiceClient, startPracticeServer } from '../helpers/practice-server.ts';

/**
 * The practice DPP answers the status lookup by Application ID (docs/dpp-contract.md §4) for an
 * application of every type, over real loopback HTTP: the wire body, and the client reading it.
 */
let server: Awaited<ReturnType<typeof startPracticeServer>>;
const STEP_MS = 1000;

const client = () => practiceClient(server.url).client();
const key = () => practiceClient(server.url).key();
const byId = (id: string, account: { userId: string; password: string } = PRACTICE_ACCOUNT) =>
  fetch(`${server.url}/DirectProvisioningApi/Certificate/Status?applicationId=${encodeURIComponent(id)}`, {
    headers: { 'X-User-Id': account.userId, 'X-User-Password': account.password, Accept: 'application/json' },
  });

beforeAll(async () => {
  server = await startPracticeServer({ stepMs: STEP_MS });
});
afterAll(() => server.close());
beforeEach(async () => {
  await practiceClient(server.url).reset();
});

async function submitOneOfEach() {
  const patient = ApplicationSchema.parse(validApplication());
  const address = AddressApplicationSchema.parse(validAddressApplication());
  const organization = OrganizationApplicationSchema.parse(validOrganizationApplication());
  const sent = [
    await client().submitCertificate({ certificateType: 'patient', application: patient }, key()),
    await client().submitCertificate({ certificateType: 'address', application: address }, key()),
    await client().submitCertificate({ certificateType: 'organization', application: organization }, key()),
  ];
  const ids = sent.map((s) => (s.ok ? s.value.applicationId : ''));
  return { patient, address, organization, ids };
}

describe('status by Application ID at the practice DPP', () => {
  it('answers for a patient, an address and an organizational application, each with what it is bound to', async () => {
    const { patient, address, organization, ids } = await submitOneOfEach();
    expect(ids[0]).toMatch(/^PC-\d{6}$/);
    expect(ids[1]).toMatch(/^AC-\d{6}$/);
    expect(ids[2]).toMatch(/^OC-\d{6}$/);

    const bodies = await Promise.all(ids.map(async (id) => {
      const res = await byId(id);
      expect(res.status).toBe(200);
      return (await res.json()) as Record<string, unknown>;
    }));
    expect(bodies[0]).toMatchObject({ ApplicationId: ids[0], DirectAddress: patient.directAddress, Status: 'PendingReview' });
    expect(bodies[0]).not.toHaveProperty('DirectDomain');
    expect(bodies[1]).toMatchObject({ ApplicationId: ids[1], DirectAddress: address.directAddress, Status: 'PendingReview' });
    expect(bodies[1]).not.toHaveProperty('DirectDomain');
    expect(bodies[2]).toMatchObject({ ApplicationId: ids[2], DirectAddress: null, DirectDomain: organization.directDomain, Status: 'PendingReview' });
  });

  it('follows each through the lifecycle, and the client reads every answer', async () => {
    const { ids } = await submitOneOfEach();
    await fetch(`${server.url}/__practice/advance`, { method: 'POST', body: JSON.stringify({ ms: 3 * STEP_MS }) });
    for (const id of ids) {
      const answer = await client().statusById(id);
      expect(answer).toMatchObject({ ok: true, value: { applicationId: id, status: 'Provisioned' } });
    }
  });

  it('finds a number typed in lower case or with spaces around it', async () => {
    const { ids } = await submitOneOfEach();
    const answer = await client().statusById(`  ${ids[1]!.toLowerCase()} `);
    expect(answer).toMatchObject({ ok: true, value: { applicationId: ids[1] } });
  });

  it('answers 404 with a message for a number it does not hold, 401 for wrong credentials, 403 for a non-TA', async () => {
    await submitOneOfEach();
    const missing = await byId('PC-424242');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ Message: 'No application was found with that Application ID.' });
    expect(await client().statusById('AC-424242')).toEqual({ ok: true, value: null });

    expect((await byId('PC-000001', { userId: PRACTICE_ACCOUNT.userId, password: 'wrong' })).status).toBe(401);
    expect((await byId('PC-000001', PRACTICE_NON_TA_ACCOUNT)).status).toBe(403);
  });
});
