import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ImportBatchRow, ImportBatchStatus } from '../../electron/contract/import-batch.ts';
import {
  batchAttestation,
  IAL2_COLUMN_IGNORED,
  SECRET_COLUMN_IGNORED,
  USERS_VETTED_COLUMN_IGNORED,
  type ImportRowPage,
} from '../../electron/contract/import.ts';
import { setDefaultLogSink } from '../../electron/core/log.ts';
import { startLogFile } from '../../electron/main/log-file.ts';
import { startCoreAgainstPractice, startTestCore } from '../helpers/core.ts';
import { withFaults } from '../../electron/practice/faults.ts';
import { createPracticeDpp } from '../../electron/practice/handler.ts';
import { serveOnLoopback } from '../../electron/practice/serve.ts';
import { csvOf, importText, resultValue } from '../helpers/import-files.ts';
import { until } from '../helpers/until.ts';

/**
 * Bulk import of address and organizational certificates (issue 16), each from a file to its
 * final status: read for the chosen type, mapped by that type's labels, checked by its schema,
 * attested once, queued with its type, sent by the outbox with the type's wire method to the
 * practice DPP over loopback HTTP exactly once, followed to Provisioned. The address file carries
 * a password column, which must be found nowhere afterwards.
 */
const STEP_MS = 1000;
const PASSWORD = 'Osprey-9-granite!';
const folder = mkdtempSync(join(tmpdir(), 'ta-desk-import-types-'));
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterAll(() => {
  setDefaultLogSink(console);
  rmSync(folder, { recursive: true, force: true });
});

type Core = Awaited<ReturnType<typeof startTestCore>>;

// The tests close their cores themselves (one reopens the same data directory).
const setUp = (dataDir?: string) => startCoreAgainstPractice(cleanups, { stepMs: STEP_MS, dataDir, closeCore: false });

async function finished(t: Core, batchId: string): Promise<ImportBatchStatus> {
  return until('the batch to finish', async () => {
    const s = resultValue<ImportBatchStatus>(await t.dispatch('import.batchStatus', { batchId }));
    return s.state === 'finished' ? s : undefined;
  }, 30_000);
}

/** Each submitted row of the batch, stepped by the practice DPP and looked up, to its final status. */
async function followToProvisioned(t: Core, advance: () => Promise<unknown>, rows: ImportBatchRow[]): Promise<string[]> {
  for (let step = 0; step < 3; step += 1) {
    await advance();
    for (const r of rows) await t.dispatch('history.checkStatus', { id: r.id });
  }
  const statuses: string[] = [];
  for (const r of rows) {
    const detail = resultValue<{ summary: { dppStatus: string; certificateType: string } }>(await t.dispatch('history.get', { id: r.id }));
    statuses.push(`${detail.summary.certificateType}:${detail.summary.dppStatus}`);
  }
  return statuses;
}

function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }];
  });
}
const holds = (bytes: Buffer, secret: string) => bytes.includes(Buffer.from(secret, 'utf8')) || bytes.includes(Buffer.from(secret, 'utf16le'));

const tag = `${process.pid}x${Date.now() % 100000}`;

describe('importing address certificate applications', () => {
  it('reads a file of people as address applications, never its password, and sends each exactly once to Provisioned', async () => {
    const { path: logFile } = startLogFile(join(folder, 'logs'), { console: false });
    const dataDir = join(folder, 'data');
    const { server, t, advance } = await setUp(dataDir);
    let closed = false;
    cleanups.push(async () => {
      if (!closed) await t.close(false);
    });
    const address = (n: number) => `ann${n}.${tag}@direct.practice.example`;
    const header = ['First name', 'Last name', 'HIPAA type', 'City', 'State', 'Direct address', 'Notification address', 'Direct account password', 'IAL2 identity verification', 'Renew automatically', 'Certificate duration'];
    const text = csvOf(header, [
      ['Ann', 'Lee', 'HIPAA covered entity', 'Albany', 'NY', address(1), 'ann1@example.org', PASSWORD, 'yes', 'yes', '2 years'],
      ['Bob', 'Ray', '3', 'Troy', 'ny', address(2), 'bob2@example.org', PASSWORD, 'yes', 'no', '1'],
      // A patient's HIPAA type is not one an address certificate has.
      ['Cy', 'Dee', 'Patient', 'Troy', 'NY', address(3), 'cy3@example.org', '', 'yes', 'no', '1'],
      // The same Direct address as row 2.
      ['Bob', 'Ray', '1', 'Troy', 'NY', address(1), 'bob4@example.org', '', 'yes', 'no', '1'],
    ]);
    const { importId, overview } = await importText(t.dispatch, text, 'address');

    // Mapped by the address form's labels; attestation and password shown as ignored, with why.
    expect(overview.columns.map((c) => c.field)).toEqual(['firstName', 'lastName', 'organizationCategory', 'city', 'state', 'directAddress', 'notificationAddress', null, null, 'autoRenew', 'duration']);
    expect(overview.columns[7]?.note).toBe(SECRET_COLUMN_IGNORED);
    expect(overview.columns[8]?.note).toBe(IAL2_COLUMN_IGNORED);
    expect(overview.missing).toEqual([]);
    expect(overview.defaults).not.toHaveProperty('organizationCategory');
    // Not even by hand.
    expect(await t.dispatch('import.map', { importId, column: 7, field: 'notes' })).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('password') } });
    expect(await t.dispatch('import.map', { importId, column: 0, field: 'directDomain' })).toMatchObject({ ok: false, error: { code: 'invalid' } });

    const page = resultValue<ImportRowPage>(await t.dispatch('import.rows', { importId, limit: 10 }));
    expect(page.counts).toMatchObject({ total: 4, ready: 2, problems: 2 });
    expect(page.rows[0]).toMatchObject({ status: 'ready', values: { organizationCategory: 'HIPAA covered entity', fullName: 'Ann Lee' } });
    expect(page.rows[2]?.errors.organizationCategory?.[0]).toMatch(/HIPAA type/);
    expect(page.rows[3]).toMatchObject({ status: 'problem', duplicate: { kind: 'file', row: 2 } });
    expect(page.rows[3]?.errors.directAddress?.[0]).toBe('The same Direct address is on row 2: each person is sent once. Exclude this row or fix the address.');
    expect(JSON.stringify(page)).not.toContain(PASSWORD);

    const queued = resultValue<ImportBatchStatus>(await t.dispatch('import.queue', { importId, attestedCount: 2, attested: true }));
    expect(queued).toMatchObject({ certificateType: 'address', total: 2 });
    expect(queued.label).toMatch(/\(2 people, address certificates\)$/);
    await finished(t, queued.batchId);

    const received = server.dpp.received().filter((a) => a.directAddress.includes(tag));
    expect(received.map((a) => a.directAddress).sort()).toEqual([address(1), address(2)]);
    expect(received.every((a) => a.certificateType === 'address' && a.passwordSha256 === undefined && !('Password' in a.body))).toBe(true);
    const ann = received.find((a) => a.directAddress === address(1));
    expect(ann?.body).toMatchObject({ OrganizationCategory: '2', Ial2Vetted: true, AutoRenew: true, Duration: 2, FullName: 'Ann Lee', State: 'NY' });
    expect(received.find((a) => a.directAddress === address(2))?.body).toMatchObject({ OrganizationCategory: '3', AutoRenew: false, Duration: 1 });

    const rows = resultValue<{ rows: ImportBatchRow[] }>(await t.dispatch('import.batchRows', { batchId: queued.batchId, limit: 10 })).rows;
    expect(rows.map((r) => [r.row, r.patientName, r.state])).toEqual([
      [2, 'Ann Lee', 'submitted'],
      [3, 'Bob Ray', 'submitted'],
    ]);
    expect(await followToProvisioned(t, advance, rows)).toEqual(['address:Provisioned', 'address:Provisioned']);
    // Exactly once: the DPP still holds one application per address.
    expect(server.dpp.received().filter((a) => a.directAddress.includes(tag))).toHaveLength(2);

    const audit = resultValue<{ action: string; detail: string | null }[]>(await t.dispatch('audit.list', { limit: 1000 }));
    expect(audit.map((e) => e.detail)).toContain(`IAL2 attested for a batch of 2 people (address certificates) at Practice: “${batchAttestation(2, 'address')}”`);

    // The password: nowhere the TA or IT could read it.
    const withPhi = resultValue<{ csv: string }>(await t.dispatch('import.batchExport', { batchId: queued.batchId, includePhi: true }));
    expect(withPhi.csv.split('\r\n')[0]).toBe('Row in file,Person,Direct address,State,Application ID,DPP status,Problem,Environment');
    const seen = [
      withPhi,
      await t.dispatch('history.query', {}),
      await t.dispatch('history.export', { query: {}, includePhi: true }),
      await t.dispatch('audit.list', {}),
      await t.dispatch('audit.export', undefined),
      await t.dispatch('import.batches', undefined),
    ];
    for (const answer of seen) expect(JSON.stringify(answer)).not.toContain(PASSWORD);
    closed = true;
    await t.close(false);
    // The log file exists once anything was logged (nothing need be, on this happy path).
    const files = [...filesUnder(dataDir), ...(existsSync(logFile) ? [{ path: logFile, bytes: readFileSync(logFile) }] : [])];
    expect(files.some((f) => f.path.endsWith('.sqlite'))).toBe(true);
    for (const file of files) expect(holds(file.bytes, PASSWORD), file.path).toBe(false);
  });
});

describe('importing organizational certificate applications', () => {
  it('reads a file of Direct domains, finds duplicates by domain, and sends each exactly once to Provisioned', async () => {
    const { server, t, advance } = await setUp();
    cleanups.push(() => t.close());
    const domain = (n: number) => `site${n}x${tag}.direct.practice.example`;
    const header = ['DirectDomain', 'AlternateName', 'OrganizationCategory', 'City', 'State', 'Users will be vetted', 'Renew automatically'];
    const text = csvOf(header, [
      [domain(1), 'North Clinic', 'HIPAA business associate (3)', 'Albany', 'NY', 'yes', 'y'],
      [domain(2), 'South Clinic', '1', 'Troy', 'NY', 'yes', 'n'],
      // Outside the profile's Direct domain.
      ['direct.elsewhere.example', 'East Clinic', '2', 'Troy', 'NY', 'yes', 'n'],
      [domain(1).toUpperCase(), 'North Again', '2', 'Troy', 'NY', 'yes', 'n'],
    ]);
    const { importId, overview } = await importText(t.dispatch, text, 'organization');
    expect(overview.columns.map((c) => c.field)).toEqual(['directDomain', 'alternateName', 'organizationCategory', 'city', 'state', null, 'autoRenew']);
    expect(overview.columns[5]?.note).toBe(USERS_VETTED_COLUMN_IGNORED);
    expect(overview.fullNameDerived).toBe(false);

    const page = resultValue<ImportRowPage>(await t.dispatch('import.rows', { importId, limit: 10 }));
    expect(page.counts).toMatchObject({ ready: 2, problems: 2 });
    expect(page.rows[2]?.errors.directDomain?.[0]).toMatch(/direct\.practice\.example/);
    expect(page.rows[3]?.errors.directDomain?.[0]).toBe('The same Direct domain is on row 2: each domain is sent once. Exclude this row or fix the domain.');

    const queued = resultValue<ImportBatchStatus>(await t.dispatch('import.queue', { importId, attestedCount: 2, attested: true }));
    expect(queued).toMatchObject({ certificateType: 'organization' });
    expect(queued.label).toMatch(/\(2 domains, organizational certificates\)$/);
    await finished(t, queued.batchId);
    const received = server.dpp.received().filter((a) => a.directDomain?.includes(tag));
    expect(received.map((a) => a.directDomain).sort()).toEqual([domain(1), domain(2)]);
    expect(received.every((a) => a.certificateType === 'organization' && a.body.UsersVetted === true)).toBe(true);
    expect(received.find((a) => a.directDomain === domain(1))?.body).toMatchObject({ OrganizationCategory: '3', AutoRenew: true, AlternateName: 'North Clinic' });

    const rows = resultValue<{ rows: ImportBatchRow[] }>(await t.dispatch('import.batchRows', { batchId: queued.batchId, limit: 10 })).rows;
    expect(rows.map((r) => [r.patientName, r.directAddress])).toEqual([
      ['North Clinic', domain(1)],
      ['South Clinic', domain(2)],
    ]);
    expect(await followToProvisioned(t, advance, rows)).toEqual(['organization:Provisioned', 'organization:Provisioned']);
    expect(server.dpp.received().filter((a) => a.directDomain?.includes(tag))).toHaveLength(2);

    // Read again: both domains are now in History for this environment.
    const again = await importText(t.dispatch, text, 'organization');
    const second = resultValue<ImportRowPage>(await t.dispatch('import.rows', { importId: again.importId, limit: 10 }));
    expect(second.rows[0]?.duplicate).toMatchObject({ kind: 'history' });
    expect(second.rows[1]?.duplicate).toMatchObject({ kind: 'history' });
  });
});

describe('cancelling an organizational batch', () => {
  it('finds its domains already queued while it sends; on cancel its unsent rows go to Drafts as organizational drafts, users vetted unticked', async () => {
    // 2 requests a second: most of the batch is still waiting when the cancel comes.
    const dpp = createPracticeDpp();
    const served = await serveOnLoopback(withFaults((req) => dpp.handle(req), { rateLimit: 2, faults: [] }));
    cleanups.push(served.close);
    const t = await startTestCore({ dppUrl: served.url });
    cleanups.push(() => t.close());
    const rows = Array.from({ length: 12 }, (_, i) => [`c${i}x${tag}.direct.practice.example`, `Clinic ${i}`, '2', 'Albany', 'NY']);
    const { importId } = await importText(t.dispatch, csvOf(['Direct domain', 'Alternate name', 'HIPAA type', 'City', 'State'], rows), 'organization');
    const batch = resultValue<ImportBatchStatus>(await t.dispatch('import.queue', { importId, attestedCount: 12, attested: true }));
    // The same file again while the batch sends: every domain is already queued (or, if sent, in History).
    const again = await importText(t.dispatch, csvOf(['Direct domain', 'Alternate name', 'HIPAA type', 'City', 'State'], rows), 'organization');
    expect(again.overview.counts).toMatchObject({ ready: 0, problems: 12 });
    const seen = resultValue<ImportRowPage>(await t.dispatch('import.rows', { importId: again.importId, limit: 20 })).rows;
    expect(seen.some((r) => r.duplicate?.kind === 'queued')).toBe(true);
    expect(seen.find((r) => r.duplicate?.kind === 'queued')?.errors.directDomain?.[0]).toMatch(/^An application for this Direct domain is already waiting in the outbox for Practice\./);
    const cancelled = resultValue<ImportBatchStatus>(await t.dispatch('import.cancel', { batchId: batch.batchId }));
    expect(cancelled).toMatchObject({ state: 'cancelled', certificateType: 'organization' });
    const settled = await until('the batch to settle', async () => {
      const s = resultValue<ImportBatchStatus>(await t.dispatch('import.batchStatus', { batchId: batch.batchId }));
      return s.queued === 0 ? s : undefined;
    }, 30_000);
    expect(settled.drafts).toBeGreaterThan(0);
    expect(settled.sent + settled.drafts).toBe(12);
    const drafts = resultValue<{ id: string; certificateType: string; directAddress: string }[]>(await t.dispatch('drafts.list', undefined));
    expect(drafts).toHaveLength(settled.drafts);
    for (const d of drafts) {
      expect(d.certificateType).toBe('organization');
      const detail = resultValue<{ certificateType: string; values: Record<string, unknown> }>(await t.dispatch('drafts.get', { id: d.id }));
      expect(detail).toMatchObject({ certificateType: 'organization', values: { usersVetted: false, organizationCategory: '2' } });
      expect(detail.values).not.toHaveProperty('ial2Vetted');
    }
  });
});
