import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApplicationSchema } from '../../electron/contract/application.ts';
import { OrganizationApplicationSchema } from '../../electron/contract/certificate-organization.ts';
import { validApplication, validOrganizationApplication } from '../helpers/applications.ts';
import { practiceClient, startPracticeServer } from '../helpers/practice-server.ts';

/**
 * Applying again for the same Direct address or domain (docs/dpp-contract.md, "Applying again",
 * assumed): the practice DPP refuses it (409) while an earlier application is under review or its
 * certificate is live, and takes it once that application was rejected (the TA corrected it) or
 * its certificate is within 60 days of lapsing (History's "Apply again"). Client → practice DPP
 * over loopback HTTP.
 */
let server: Awaited<ReturnType<typeof startPracticeServer>>;
let practice: ReturnType<typeof practiceClient>;
const STEP_MS = 1000;
const DAY = 86_400_000;
const client = () => practice.client();
const key = () => practice.key();
const advance = (ms: number) => practice.advance(ms);

beforeAll(async () => {
  server = await startPracticeServer({ stepMs: STEP_MS });
  practice = practiceClient(server.url);
});
afterAll(() => server.close());
beforeEach(async () => {
  await practice.reset();
});

describe('applying again for the same address or domain', () => {
  it('is refused while the first is under review, and taken once it was rejected; the status then answers for the new one', async () => {
    const rejected = ApplicationSchema.parse(validApplication({ directAddress: 'omar.quill@direct.practice.example', notes: 'please check #reject' }));
    const first = await client().submit(rejected, key());
    expect(first.ok).toBe(true);
    const corrected = ApplicationSchema.parse(validApplication({ directAddress: 'omar.quill@direct.practice.example' }));
    expect(await client().submit(corrected, key())).toMatchObject({ ok: false, error: { code: 'conflict' } });

    await advance(STEP_MS);
    expect(await client().status(rejected.directAddress)).toMatchObject({ ok: true, value: { status: 'Rejected' } });
    const again = await client().submit(corrected, key());
    expect(again).toMatchObject({ ok: true, value: { status: 'PendingReview' } });
    const status = await client().status(corrected.directAddress);
    expect(status.ok && status.value?.applicationId).toBe(again.ok && again.value.applicationId);
  });

  it('is refused while the certificate is live, and taken within 60 days of its lapsing', async () => {
    const application = ApplicationSchema.parse(validApplication({ duration: 1 }));
    expect((await client().submit(application, key())).ok).toBe(true);
    await advance(3 * STEP_MS); // Provisioned: issued at the second step
    expect(await client().submit(application, key())).toMatchObject({ ok: false, error: { code: 'conflict' } });

    await advance(300 * DAY); // about 63 days before the year is up
    expect(await client().submit(application, key())).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await advance(5 * DAY); // about 58 days before
    const renewal = await client().submit(application, key());
    expect(renewal).toMatchObject({ ok: true, value: { status: 'PendingReview' } });
  });

  it('holds a Direct domain the same way for an organizational certificate', async () => {
    const application = OrganizationApplicationSchema.parse(validOrganizationApplication({ duration: 1 }));
    expect((await client().submitCertificate({ certificateType: 'organization', application }, key())).ok).toBe(true);
    await advance(3 * STEP_MS);
    expect(await client().submitCertificate({ certificateType: 'organization', application }, key())).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await advance(310 * DAY);
    expect(await client().submitCertificate({ certificateType: 'organization', application }, key())).toMatchObject({ ok: true });
  });
});
