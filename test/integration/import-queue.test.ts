import { afterEach, describe, expect, it } from 'vitest';
import type { ImportBatchRow, ImportBatchStatus } from '../../electron/contract/import-batch.ts';
import { batchAttestation, type ImportRowPage } from '../../electron/contract/import.ts';
import { withFaults } from '../../electron/practice/faults.ts';
import { createPracticeDpp } from '../../electron/practice/handler.ts';
import { serveOnLoopback } from '../../electron/practice/serve.ts';
import { startTestCore } from '../helpers/core.ts';
import { importText, patient, patientCsv, resultValue, type PatientRow } from '../helpers/import-files.ts';
import { until } from '../helpers/until.ts';

/**
 * Queueing an import and steering its batch, on a real core (SQLite file, OS keychain) against
 * the practice DPP over loopback HTTP: attested once, sent exactly once by the outbox, paused,
 * resumed, cancelled, resumed after a restart, its results listed, exported and filtered in History.
 */
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function practice(options: { rateLimit?: number } = {}) {
  const dpp = createPracticeDpp({ control: true, stepMs: 600_000 });
  const served = await serveOnLoopback(options.rateLimit ? withFaults((req) => dpp.handle(req), { rateLimit: options.rateLimit, faults: [] }) : (req) => dpp.handle(req));
  cleanups.push(served.close);
  return { dpp, url: served.url };
}

const rowsOf = (n: number, tag: string, from = 1): PatientRow[] => Array.from({ length: n }, (_, i) => patient(from + i, tag));

describe('queueing an import', () => {
  it('queues the ready rows once the TA attests for their number, sends each exactly once, and shows every outcome', async () => {
    const { dpp, url } = await practice();
    const t = await startTestCore({ dppUrl: url });
    cleanups.push(() => t.close());
    const rows = [...rowsOf(28, 'q'), { ...patient(90, 'q'), state: 'Nowhere' }, { ...patient(91, 'q'), address: 'broken' }];
    const { importId, overview } = await importText(t.dispatch, patientCsv(rows));
    expect(overview.counts).toMatchObject({ ready: 28, problems: 2 });

    // The TA attested to another number: refused, nothing queued.
    expect(await t.dispatch('import.queue', { importId, attestedCount: 30, attested: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: 'You attested for 30 patients, but 28 rows are ready now. Read the attestation again: it names the new number.' },
    });
    expect(resultValue<unknown[]>(await t.dispatch('outbox.list', undefined))).toEqual([]);

    const queued = resultValue<ImportBatchStatus>(await t.dispatch('import.queue', { importId, attestedCount: 28, attested: true }));
    expect(queued).toMatchObject({ state: 'sending', total: 28, environmentName: 'Practice', note: null });
    expect(queued.label).toMatch(/^Import of \d{4}-\d{2}-\d{2} \d{2}:\d{2} [+-]\d{2}:\d{2} \(28 patients\)$/);
    // The preview is closed: its PHI left memory.
    expect(await t.dispatch('import.rows', { importId })).toMatchObject({ ok: false, error: { code: 'invalid' } });

    const done = await until('the batch to finish', async () => {
      const s = resultValue<ImportBatchStatus>(await t.dispatch('import.batchStatus', { batchId: queued.batchId }));
      return s.state === 'finished' ? s : undefined;
    });
    expect(done).toMatchObject({ sent: 28, queued: 0, attention: 0, drafts: 0, secondsLeft: null });
    // The window follows the batch by its progress events, a few a second, the last one finished.
    const progress = await until('the last progress event', () => {
      const last = t.events.filter((e) => e.event === 'import.progress').at(-1)?.payload as ImportBatchStatus | undefined;
      return last?.state === 'finished' ? last : undefined;
    });
    expect(progress).toMatchObject({ batchId: queued.batchId, sent: 28, total: 28 });
    expect(t.events.filter((e) => e.event === 'import.progress').length).toBeLessThan(28);
    const received = dpp.received().filter((a) => a.directAddress.startsWith('q.'));
    expect(received).toHaveLength(28);
    expect(new Set(received.map((a) => a.directAddress)).size).toBe(28);
    expect(received.every((a) => a.idempotencyKey !== null && a.body.Ial2Vetted === 'true')).toBe(true);

    const results = resultValue<{ total: number; rows: ImportBatchRow[] }>(await t.dispatch('import.batchRows', { batchId: queued.batchId, filter: 'all', limit: 100 }));
    expect(results.total).toBe(28);
    expect(results.rows.map((r) => r.row)).toEqual(Array.from({ length: 28 }, (_, i) => i + 2));
    expect(results.rows.every((r) => r.state === 'submitted' && /^PC-\d+$/.test(r.applicationId ?? ''))).toBe(true);
    expect(results.rows[0]).toMatchObject({ patientName: 'Pat1 Doe1', directAddress: rows[0]?.address, dppStatus: 'PendingReview', problem: null });

    // History filters by the batch.
    await until('History to hold the batch', async () => {
      const page = resultValue<{ total: number }>(await t.dispatch('history.query', { batchId: queued.batchId }));
      return page.total === 28 ? page : undefined;
    });

    const withoutPhi = resultValue<{ csv: string; rows: number }>(await t.dispatch('import.batchExport', { batchId: queued.batchId, includePhi: false }));
    expect(withoutPhi.rows).toBe(28);
    expect(withoutPhi.csv.split('\r\n')[0]).toBe('Row in file,State,Application ID,DPP status,Problem,Environment');
    expect(withoutPhi.csv).not.toContain('Doe1');
    const withPhi = resultValue<{ csv: string }>(await t.dispatch('import.batchExport', { batchId: queued.batchId, includePhi: true }));
    expect(withPhi.csv).toContain(`2,Pat1 Doe1,${rows[0]?.address},Submitted,`);

    // Audit: the attestation with its count, the queueing; never a patient.
    const audit = resultValue<{ action: string; detail: string | null }[]>(await t.dispatch('audit.list', { limit: 1000 }));
    const imports = audit.filter((e) => e.action === 'import').map((e) => e.detail);
    expect(imports).toContain(`IAL2 attested for a batch of 28 patients at Practice: “${batchAttestation(28)}”`);
    expect(imports).toContain('28 applications queued for sending at Practice');
    expect(imports).toContain('File read for import at Practice: 30 rows (28 ready, 2 with problems)');
    const text = JSON.stringify(audit);
    for (const r of rows) expect(text).not.toContain(r.address.split('@')[0]);
    expect(text).not.toContain('Doe1');
  });

  it('pauses (no new sends), resumes, and on cancel returns the unsent rows to Drafts, losing none', async () => {
    // 4 requests a second: slow enough to pause and cancel in the middle.
    const { dpp, url } = await practice({ rateLimit: 4 });
    const t = await startTestCore({ dppUrl: url });
    cleanups.push(() => t.close());
    const { importId } = await importText(t.dispatch, patientCsv(rowsOf(40, 'p')));
    const batch = resultValue<ImportBatchStatus>(await t.dispatch('import.queue', { importId, attestedCount: 40, attested: true }));
    const sentAtDpp = () => dpp.received().filter((a) => a.directAddress.startsWith('p.')).length;

    await until('a few sends', () => (sentAtDpp() >= 3 ? true : undefined));
    const paused = resultValue<ImportBatchStatus>(await t.dispatch('import.pause', { batchId: batch.batchId }));
    expect(paused.state).toBe('paused');
    // A send already on its way may finish; after that, nothing more leaves.
    await new Promise((r) => setTimeout(r, 600));
    const atPause = sentAtDpp();
    await new Promise((r) => setTimeout(r, 1500));
    expect(sentAtDpp()).toBe(atPause);
    expect(atPause).toBeLessThan(40);
    expect(await t.dispatch('import.pause', { batchId: batch.batchId })).toMatchObject({ ok: false, error: { message: 'This batch cannot be paused: it is paused.' } });

    resultValue(await t.dispatch('import.resume', { batchId: batch.batchId }));
    await until('more sends after resuming', () => (sentAtDpp() > atPause + 2 ? true : undefined));
    const cancelled = resultValue<ImportBatchStatus>(await t.dispatch('import.cancel', { batchId: batch.batchId }));
    expect(cancelled.state).toBe('cancelled');

    // In-flight rows settle; then every row is either at the DPP (submitted) or a draft, never both.
    const settled = await until('the batch to settle', async () => {
      const s = resultValue<ImportBatchStatus>(await t.dispatch('import.batchStatus', { batchId: batch.batchId }));
      return s.queued === 0 ? s : undefined;
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(settled.sent + settled.drafts).toBe(40);
    expect(settled.drafts).toBeGreaterThan(0);
    expect(sentAtDpp()).toBe(settled.sent);
    const drafts = resultValue<{ id: string; directAddress: string }[]>(await t.dispatch('drafts.list', undefined));
    expect(drafts).toHaveLength(settled.drafts);
    // Back in Drafts, none carries the batch's attestation: sent one by one, each is attested again.
    for (const d of drafts) {
      const detail = resultValue<{ values: { ial2Vetted?: boolean; firstName?: string } }>(await t.dispatch('drafts.get', { id: d.id }));
      expect(detail.values).toMatchObject({ ial2Vetted: false, firstName: expect.stringMatching(/^Pat\d+$/) });
    }
    const atDpp = new Set(dpp.received().map((a) => a.directAddress));
    expect(drafts.some((d) => atDpp.has(d.directAddress))).toBe(false);
    const backInDrafts = resultValue<{ rows: ImportBatchRow[] }>(await t.dispatch('import.batchRows', { batchId: batch.batchId, filter: 'drafts' }));
    expect(backInDrafts.rows[0]?.problem).toBe('Back in Drafts: the batch was cancelled before it was sent.');
    const audit = resultValue<{ action: string; detail: string | null }[]>(await t.dispatch('audit.list', { limit: 1000 }));
    const details = audit.filter((e) => e.action === 'import').map((e) => e.detail ?? '');
    expect(details.some((d) => /^batch \w{8} paused: \d+ of 40 sent$/.test(d))).toBe(true);
    expect(details.some((d) => /^batch \w{8} resumed: \d+ of 40 sent$/.test(d))).toBe(true);
    // Rows waiting for their turn at the DPP when the cancel came follow them into Drafts (each with its own entry).
    expect(details.some((d) => new RegExp(`^batch ${batch.batchId.slice(0, 8)} cancelled: \\d+ not yet sent went back to Drafts$`).test(d))).toBe(true);
  });

  it('after a restart, a paused batch stays paused and a batch cut off while queueing sends what was written, saying so', async () => {
    const { dpp, url } = await practice({ rateLimit: 4 });
    const first = await startTestCore({ dppUrl: url });
    const { importId } = await importText(first.dispatch, patientCsv(rowsOf(12, 'r')));
    const batch = resultValue<ImportBatchStatus>(await first.dispatch('import.queue', { importId, attestedCount: 12, attested: true }));
    resultValue(await first.dispatch('import.pause', { batchId: batch.batchId }));
    // A second batch, cut off while being queued: its batch row and part of its rows were written.
    const cutId = crypto.randomUUID();
    first.parts.store.batches.begin({ id: cutId, environmentId: 'practice', attestedCount: 5, actor: 'test', auditDetail: 'test batch' });
    first.parts.store.batches.insertQueued({ batchId: cutId, environmentId: 'practice', actor: 'test', rows: rowsOf(2, 'cut').map((p, i) => ({ row: i + 2, values: appValues(p) })) });
    await first.close(false);

    const again = await startTestCore({ dppUrl: url, dataDir: first.dataDir, prefix: first.prefix });
    cleanups.push(() => again.close());
    const cut = await until('the cut batch to be sent', async () => {
      const s = resultValue<ImportBatchStatus>(await again.dispatch('import.batchStatus', { batchId: cutId }));
      return s.state === 'finished' ? s : undefined;
    });
    expect(cut).toMatchObject({ sent: 2, total: 2, note: 'Queueing was interrupted: 2 applications of 5 were queued. Import the file again to queue the rest: rows already queued show as such.' });
    const paused = resultValue<ImportBatchStatus>(await again.dispatch('import.batchStatus', { batchId: batch.batchId }));
    expect(paused.state).toBe('paused');
    const before = dpp.received().filter((a) => a.directAddress.startsWith('r.')).length;
    await new Promise((r) => setTimeout(r, 800));
    expect(dpp.received().filter((a) => a.directAddress.startsWith('r.')).length).toBe(before);
    resultValue(await again.dispatch('import.resume', { batchId: batch.batchId }));
    await until('the paused batch to finish', async () => {
      const s = resultValue<ImportBatchStatus>(await again.dispatch('import.batchStatus', { batchId: batch.batchId }));
      return s.state === 'finished' ? s : undefined;
    });
    expect(dpp.received().filter((a) => a.directAddress.startsWith('r.')).length).toBe(12);

    // The same file again: every row is already in History (or waiting), none ready.
    const { overview, importId: second } = await importText(again.dispatch, patientCsv(rowsOf(12, 'r')));
    expect(overview.counts).toMatchObject({ ready: 0, problems: 12 });
    const page = resultValue<ImportRowPage>(await again.dispatch('import.rows', { importId: second, limit: 1 }));
    expect(page.rows[0]?.duplicate?.kind).toBe('history');
    const batches = resultValue<ImportBatchStatus[]>(await again.dispatch('import.batches', undefined));
    expect(batches.map((b) => b.batchId).sort()).toEqual([batch.batchId, cutId].sort());
  });
});

function appValues(p: PatientRow) {
  return {
    trustedAgent: 'Pat Practice', organizationName: 'Practice Family Clinic', organizationCategory: '4', firstName: p.first, lastName: p.last,
    city: p.city, state: p.state, country: 'US', duration: 1, fullName: `${p.first} ${p.last}`, directAddress: p.address, autoRenew: false,
    ial2Vetted: true, notificationAddress: p.notify,
  };
}
