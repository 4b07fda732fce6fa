import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApplicationSchema } from '../../electron/contract/application.ts';
import { AddressApplicationSchema } from '../../electron/contract/certificate-address.ts';
import { OrganizationApplicationSchema } from '../../electron/contract/certificate-organization.ts';
import { createDppClient, type DppCredentials } from '../../electron/core/dpp/client.ts';
import { PRACTICE_ACCOUNT, PRACTICE_NON_TA_ACCOUNT } from '../../electron/practice/accounts.ts';
import { validAddressApplication, validApplication, validOrganizationApplication } from '../helpers/applications.ts';
import { startPracticeServer } from '../helpers/practice-server.ts';

/** The DPP client against the practice DPP over real loopback HTTP, with Node's fetch. */
let server: Awaited<ReturnType<typeof startPracticeServer>>;
const practice: DppCredentials = { userId: PRACTICE_ACCOUNT.userId, password: PRACTICE_ACCOUNT.password };

function client(credentials: DppCredentials = practice, baseUrl = server.url) {
  return createDppClient({ baseUrl, fetch: (input, init) => fetch(input, init), credentials: () => Promise.resolve(credentials), timeoutMs: 5000 });
}

beforeAll(async () => {
  server = await startPracticeServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  await fetch(`${server.url}/__practice/reset`, { method: 'POST' });
});

describe('DPP client → practice DPP over HTTP', () => {
  it('submits a valid application and gets its ApplicationId', async () => {
    const app = ApplicationSchema.parse(validApplication());
    const result = await client().submit(app, { idempotencyKey: randomUUID() });
    expect(result).toMatchObject({ ok: true, value: { status: 'PendingReview' } });
    if (!result.ok) return;
    expect(result.value.applicationId).toMatch(/^PC-\d+$/);
    const [received] = server.dpp.received();
    expect(received?.body).toMatchObject({ FirstName: 'Jane', OrganizationCategory: '4', Ial2Vetted: 'true', Duration: 2, AutoRenew: true });
    expect(received?.body).not.toHaveProperty('Notes');
  });

  it('maps a 400 ModelState back to the form fields', async () => {
    // Valid for the client's schema, but not at the practice organization's Direct domain.
    const app = ApplicationSchema.parse(validApplication({ directAddress: 'jane@elsewhere.example' }));
    const result = await client().submit(app, { idempotencyKey: randomUUID() });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid');
    expect(result.error.fields?.directAddress?.[0]).toMatch(/direct\.practice\.example/);
    expect(server.dpp.received()).toHaveLength(0);
  });

  it('reports wrong credentials as unauthorized, with the DPP’s words and no password', async () => {
    const result = await client({ userId: practice.userId, password: 'wrong-password' }).submit(
      ApplicationSchema.parse(validApplication()),
      { idempotencyKey: randomUUID() },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    if (result.ok) return;
    expect(result.error.message).toContain('User credentials are invalid.');
    expect(result.error.message).not.toContain('wrong-password');
  });

  it('reports a user who is not a Trusted Agent as forbidden', async () => {
    const result = await client({ userId: PRACTICE_NON_TA_ACCOUNT.userId, password: PRACTICE_NON_TA_ACCOUNT.password }).submit(
      ApplicationSchema.parse(validApplication()),
      { idempotencyKey: randomUUID() },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('reports a Direct address already in use as a conflict', async () => {
    const app = ApplicationSchema.parse(validApplication());
    expect((await client().submit(app, { idempotencyKey: randomUUID() })).ok).toBe(true);
    const again = await client().submit(app, { idempotencyKey: randomUUID() });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(server.dpp.received()).toHaveLength(1);
  });

  it('words a conflict by certificate type: a Direct domain for an organizational certificate, never a patient for a member of staff', async () => {
    const organization = { certificateType: 'organization' as const, application: OrganizationApplicationSchema.parse(validOrganizationApplication()) };
    expect((await client().submitCertificate(organization, { idempotencyKey: randomUUID() })).ok).toBe(true);
    const domainTaken = await client().submitCertificate(organization, { idempotencyKey: randomUUID() });
    expect(domainTaken.ok ? '' : domainTaken.error.message).toMatch(/^This Direct domain already has a certificate at the DPP\..* Check the domain, or look it up in History\.$/);

    const staff = { certificateType: 'address' as const, application: AddressApplicationSchema.parse(validAddressApplication()) };
    expect((await client().submitCertificate(staff, { idempotencyKey: randomUUID() })).ok).toBe(true);
    const addressTaken = await client().submitCertificate(staff, { idempotencyKey: randomUUID() });
    const message = addressTaken.ok ? '' : addressTaken.error.message;
    expect(message).toMatch(/^This Direct address is already in use at the DPP\./);
    expect(message).not.toContain('patient');
  });

  it('gets the same answer, and no second application, when a send is replayed with its Idempotency-Key', async () => {
    const app = ApplicationSchema.parse(validApplication());
    const key = randomUUID();
    const first = await client().submit(app, { idempotencyKey: key });
    const replay = await client().submit(app, { idempotencyKey: key });
    expect(replay).toEqual(first);
    expect(server.dpp.received()).toHaveLength(1);
  });

  it('looks up the provisioning status by Direct address, and says when there is none', async () => {
    const app = ApplicationSchema.parse(validApplication());
    const submitted = await client().submit(app, { idempotencyKey: randomUUID() });
    const status = await client().status(app.directAddress);
    expect(status).toMatchObject({ ok: true, value: { status: 'PendingReview' } });
    if (!status.ok || !submitted.ok) return;
    expect(status.value?.applicationId).toBe(submitted.value.applicationId);
    expect(await client().status('nobody@direct.practice.example')).toEqual({ ok: true, value: null });
  });

  it('says the DPP cannot be reached when nothing listens, and knows the request never left', async () => {
    const port = await freePort();
    const result = await client(practice, `http://127.0.0.1:${port}`).submit(ApplicationSchema.parse(validApplication()), {
      idempotencyKey: randomUUID(),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'network' } });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
