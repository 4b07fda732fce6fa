import { afterEach, describe, expect, it } from 'vitest';
import { validAddressApplication, validOrganizationApplication } from '../helpers/applications.ts';
import { startCoreAgainstPractice, startTestCore } from '../helpers/core.ts';

/**
 * Each new certificate type from the window API to its final status, through the IPC dispatcher,
 * the store (a real SQLite file), the keychain and the practice DPP over loopback HTTP.
 */
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const STEP_MS = 1000;

const setUp = () => startCoreAgainstPractice(cleanups, { stepMs: STEP_MS });

type Summary = { id: string; certificateType: string; dppStatus: string | null; applicationId: string | null; patientName: string; directAddress: string };

async function historyRow(t: Awaited<ReturnType<typeof startTestCore>>, id: string): Promise<Summary> {
  const detail = await t.dispatch('history.get', { id });
  if (!detail.ok) throw new Error(JSON.stringify(detail));
  return (detail.value as { summary: Summary }).summary;
}

async function followToTheEnd(t: Awaited<ReturnType<typeof startTestCore>>, advance: () => Promise<unknown>, id: string): Promise<string[]> {
  const seen = [(await historyRow(t, id)).dppStatus ?? ''];
  for (let step = 0; step < 3; step += 1) {
    await advance();
    await t.dispatch('history.checkStatus', { id });
    seen.push((await historyRow(t, id)).dppStatus ?? '');
  }
  return seen;
}

describe('an address certificate application', () => {
  it('is drafted, submitted and followed to Provisioned by its Direct address', async () => {
    const { server, t, advance } = await setUp();
    const application = validAddressApplication({ organizationCategory: '3' });
    const draft = await t.dispatch('drafts.save', { certificateType: 'address', values: { ...application, notes: '' } });
    if (!draft.ok) throw new Error(JSON.stringify(draft));
    const { id } = draft.value as { id: string };
    expect(await t.dispatch('drafts.get', { id })).toMatchObject({ ok: true, value: { certificateType: 'address', keptSecrets: [], values: { organizationCategory: '3' } } });

    const submitted = await t.dispatch('application.submit', { draftId: id, certificateType: 'address', application });
    expect(submitted).toMatchObject({ ok: true, value: { id, state: 'submitted', applicationId: expect.stringMatching(/^AC-/), status: 'PendingReview' } });
    expect(server.dpp.received()[0]?.body).toMatchObject({ OrganizationCategory: '3', Ial2Vetted: true });

    const row = await historyRow(t, id);
    expect(row).toMatchObject({ certificateType: 'address', patientName: 'Ann Lee', directAddress: application.directAddress });
    expect(await followToTheEnd(t, advance, id)).toEqual(['PendingReview', 'Approved', 'CertificateIssued', 'Provisioned']);
  });

  it('is refused as a conflict (409) when the address already has a certificate', async () => {
    const { t } = await setUp();
    const application = validAddressApplication();
    expect((await t.dispatch('application.submit', { certificateType: 'address', application })).ok).toBe(true);
    const again = await t.dispatch('application.submit', { certificateType: 'address', application: { ...application, fullName: 'Ann B. Lee' } });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('is refused before anything is sent when a rule of its own is broken (IAL2 not attested)', async () => {
    const { server, t } = await setUp();
    const refused = await t.dispatch('application.submit', { certificateType: 'address', application: { ...validAddressApplication(), ial2Vetted: false } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid', fields: { ial2Vetted: [expect.stringMatching(/IAL2/)] } } });
    expect(server.dpp.received()).toHaveLength(0);
  });
});

describe('an organizational certificate application', () => {
  it('is submitted and followed to its final status by Application ID', async () => {
    const { server, t, advance } = await setUp();
    const application = validOrganizationApplication();
    const submitted = await t.dispatch('application.submit', { certificateType: 'organization', application });
    if (!submitted.ok) throw new Error(JSON.stringify(submitted));
    const { id } = submitted.value as { id: string };
    expect(submitted.value).toMatchObject({ state: 'submitted', applicationId: expect.stringMatching(/^OC-/) });
    expect(await historyRow(t, id)).toMatchObject({ certificateType: 'organization', patientName: 'Practice Family Clinic North', directAddress: application.directDomain });

    expect(await followToTheEnd(t, advance, id)).toEqual(['PendingReview', 'Approved', 'CertificateIssued', 'Provisioned']);
    const requests = ((await (await fetch(`${server.url}/__practice/received`)).json()) as { requests: { path: string }[] }).requests;
    expect(requests.filter((r) => r.path === '/DirectProvisioningApi/Certificate/Status')).toHaveLength(3);
    expect(requests.filter((r) => r.path === '/DirectProvisioningApi/User/ProvisioningStatus')).toHaveLength(0);
  });

  it('lists in Drafts by its alternate name, and a duplicate says “(copy)” there', async () => {
    const { t } = await setUp();
    const saved = await t.dispatch('drafts.save', { certificateType: 'organization', values: { ...validOrganizationApplication(), notes: '' } });
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    const copy = await t.dispatch('drafts.duplicate', { id: (saved.value as { id: string }).id });
    if (!copy.ok) throw new Error(JSON.stringify(copy));
    const drafts = await t.dispatch('drafts.list', undefined);
    const names = (drafts.ok ? (drafts.value as Summary[]) : []).map((d) => `${d.certificateType}: ${d.patientName}`).sort();
    expect(names).toEqual(['organization: Practice Family Clinic North', 'organization: Practice Family Clinic North (copy)']);
  });

  it('applies again from History: a new draft of the same type, its attestation unticked', async () => {
    const { t } = await setUp();
    const submitted = await t.dispatch('application.submit', { certificateType: 'organization', application: validOrganizationApplication() });
    if (!submitted.ok) throw new Error(JSON.stringify(submitted));
    const again = await t.dispatch('history.reopen', { id: (submitted.value as { id: string }).id });
    if (!again.ok) throw new Error(JSON.stringify(again));
    const draft = await t.dispatch('drafts.get', { id: (again.value as { id: string }).id });
    expect(draft).toMatchObject({ ok: true, value: { state: 'draft', certificateType: 'organization', values: { usersVetted: false, alternateName: 'Practice Family Clinic North' } } });
  });

  it('refuses to make a draft of a tracked application whose type the DPP did not say, and makes none', async () => {
    const { t } = await setUp();
    const id = await t.parts.repo.insertTracked({
      environmentId: 'practice', certificateType: 'unknown', directAddress: null, directDomain: null, applicationId: 'XX-000123',
      status: 'PendingReview', statusDate: null, comments: null, actor: 'test',
    });
    const drafts = async () => ((await t.dispatch('drafts.list', undefined)) as { value: unknown[] }).value.length;
    const before = await drafts();
    const again = await t.dispatch('history.reopen', { id });
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/certificate type is not known/) } });
    expect(await drafts()).toBe(before);
  });
});
