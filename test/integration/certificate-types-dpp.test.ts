import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AddressApplicationSchema } from '../../electron/contract/certificate-address.ts';
import { OrganizationApplicationSchema } from '../../electron/contract/certificate-organization.ts';
import { ApplicationSchema } from '../../electron/contract/application.ts';
import { PRACTICE_ACCOUNT } from '../../electron/practice/accounts.ts';
import { createPracticeDpp } from '../../electron/practice/handler.ts';
import { sha256 } from '../../electron/practice/received.ts';
import { validAddressApplication, validApplication, validOrganizationApplication } from '../helpers/applications.ts';
import { practiceClient, startPracticeServer } from '../helpers/practice-server.ts';

/** The address and organizational applications, client → practice DPP over loopback HTTP (docs/dpp-contract.md §3–4). */
let server: Awaited<ReturnType<typeof startPracticeServer>>;
const STEP_MS = 1000;

const client = () => practiceClient(server.url).client();
const key = () => practiceClient(server.url).key();
const advance = (ms: number) => practiceClient(server.url).advance(ms);

beforeAll(async () => {
  server = await startPracticeServer({ stepMs: STEP_MS });
});
afterAll(() => server.close());
beforeEach(async () => {
  await practiceClient(server.url).reset();
});

describe('address certificate', () => {
  it('is sent to its own path with IAL2 as a real boolean, and gets an AC- number', async () => {
    const application = AddressApplicationSchema.parse(validAddressApplication({ notes: 'for the front desk' }));
    const result = await client().submitCertificate({ certificateType: 'address', application }, key());
    expect(result).toMatchObject({ ok: true, value: { status: 'PendingReview' } });
    expect(result.ok && result.value.applicationId).toMatch(/^AC-\d{6}$/);
    const [received] = server.dpp.received();
    expect(received?.body).toMatchObject({ OrganizationCategory: '2', Ial2Vetted: true, Notes: 'for the front desk', FullName: 'Ann Lee' });
    expect(received?.body).not.toHaveProperty('Password');
    const requests = ((await (await fetch(`${server.url}/__practice/received`)).json()) as { requests: { path: string }[] }).requests;
    expect(requests.map((r) => r.path)).toEqual(['/DirectProvisioningApi/Certificate/Address']);
  });

  it('hands the Direct account password to the DPP, which keeps only its hash', async () => {
    const password = 'Tr0ub4dor & 3 horses';
    const application = AddressApplicationSchema.parse(validAddressApplication({ password }));
    expect((await client().submitCertificate({ certificateType: 'address', application }, key())).ok).toBe(true);
    const [received] = server.dpp.received();
    expect(received?.passwordSha256).toBe(sha256(password));
    expect(server.dpp.snapshot()).not.toContain(password);
    expect(await (await fetch(`${server.url}/__practice/received`)).text()).not.toContain(password);
  });

  it('answers an IAL2 attestation sent as a string with 400 on Ial2Vetted (a boolean on this method)', async () => {
    const res = await fetch(`${server.url}/DirectProvisioningApi/Certificate/Address`, {
      method: 'POST',
      headers: { 'X-User-Id': PRACTICE_ACCOUNT.userId, 'X-User-Password': PRACTICE_ACCOUNT.password, 'Content-Type': 'application/json' },
      body: JSON.stringify({ TrustedAgent: 'Pat Practice', Ial2Vetted: 'true' }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { ModelState: Record<string, string[]> };
    expect(Object.keys(body.ModelState)).toContain('Ial2Vetted');
  });

  it('refuses an address already used by a patient application with 409, and follows the lifecycle by address', async () => {
    const patient = ApplicationSchema.parse(validApplication());
    expect((await client().submit(patient, key())).ok).toBe(true);
    const clash = AddressApplicationSchema.parse(validAddressApplication({ directAddress: patient.directAddress }));
    const refused = await client().submitCertificate({ certificateType: 'address', application: clash }, key());
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const application = AddressApplicationSchema.parse(validAddressApplication());
    await client().submitCertificate({ certificateType: 'address', application }, key());
    const seen: string[] = [];
    for (let step = 0; step < 4; step += 1) {
      const status = await client().status(application.directAddress);
      if (status.ok && status.value) seen.push(status.value.status);
      await advance(STEP_MS);
    }
    expect(seen).toEqual(['PendingReview', 'Approved', 'CertificateIssued', 'Provisioned']);
  });
});

describe('organizational certificate', () => {
  it('is sent to the documented path and gets an OC- number', async () => {
    const application = OrganizationApplicationSchema.parse(validOrganizationApplication());
    const result = await client().submitCertificate({ certificateType: 'organization', application }, key());
    expect(result.ok && result.value.applicationId).toMatch(/^OC-\d{6}$/);
    const [received] = server.dpp.received();
    expect(received?.body).toMatchObject({ DirectDomain: application.directDomain, AlternateName: 'Practice Family Clinic North', UsersVetted: true, Duration: 3 });
    expect(received?.body).not.toHaveProperty('DirectAddress');
  });

  it('refuses a domain that already has a certificate with 409', async () => {
    const application = OrganizationApplicationSchema.parse(validOrganizationApplication());
    await client().submitCertificate({ certificateType: 'organization', application }, key());
    const again = await client().submitCertificate({ certificateType: 'organization', application: { ...application, alternateName: 'Other' } }, key());
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/domain already has a certificate/) } });
  });

  it('maps a domain outside the organization’s Direct domain to the Direct domain field', async () => {
    const application = OrganizationApplicationSchema.parse(validOrganizationApplication({ directDomain: 'direct.elsewhere.example' }));
    const result = await client().submitCertificate({ certificateType: 'organization', application }, key());
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(!result.ok && result.error.fields?.directDomain?.[0]).toMatch(/direct\.practice\.example/);
  });

  it('follows the lifecycle by Application ID, to Rejected when the notes ask for it; unknown numbers are 404', async () => {
    const ok = OrganizationApplicationSchema.parse(validOrganizationApplication());
    const rejected = OrganizationApplicationSchema.parse(validOrganizationApplication({ notes: 'please #reject' }));
    const a = await client().submitCertificate({ certificateType: 'organization', application: ok }, key());
    const b = await client().submitCertificate({ certificateType: 'organization', application: rejected }, key());
    if (!a.ok || !b.ok) throw new Error('submits failed');
    await advance(2 * STEP_MS);
    const first = await client().statusById(a.value.applicationId);
    expect(first).toMatchObject({ ok: true, value: { applicationId: a.value.applicationId, status: 'CertificateIssued' } });
    const second = await client().statusById(b.value.applicationId);
    expect(second).toMatchObject({ ok: true, value: { status: 'Rejected', comments: expect.any(String) } });
    expect(await client().statusById('OC-999999')).toEqual({ ok: true, value: null });
    // An organizational certificate has no Direct address: the address lookup never finds it.
    expect(await client().status('')).toEqual({ ok: true, value: null });
  });
});

describe('practice state kept across restarts', () => {
  it('restores applications of every type with their numbers and lookups', async () => {
    const dpp = createPracticeDpp();
    const handle = (path: string, body: unknown) =>
      dpp.handle(
        new Request(`https://practice.invalid${path}`, {
          method: 'POST',
          headers: { 'X-User-Id': PRACTICE_ACCOUNT.userId, 'X-User-Password': PRACTICE_ACCOUNT.password, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    const org = OrganizationApplicationSchema.parse(validOrganizationApplication());
    const res = await handle('/DirectProvisioningApi/Certificate/Organizational', {
      TrustedAgent: org.trustedAgent, OrganizationName: org.organizationName, OrganizationCategory: '1', City: 'Boston', State: 'MA', Country: 'US',
      Duration: 1, DirectDomain: org.directDomain, AlternateName: org.alternateName, AutoRenew: true, UsersVetted: true,
    });
    const { ApplicationId } = (await res.json()) as { ApplicationId: string };
    const restarted = createPracticeDpp();
    restarted.restore(dpp.snapshot());
    const found = await restarted.handle(
      new Request(`https://practice.invalid/DirectProvisioningApi/Certificate/Status?applicationId=${ApplicationId}`, {
        headers: { 'X-User-Id': PRACTICE_ACCOUNT.userId, 'X-User-Password': PRACTICE_ACCOUNT.password },
      }),
    );
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ ApplicationId, DirectAddress: null, DirectDomain: org.directDomain, Status: 'PendingReview' });
  });
});
