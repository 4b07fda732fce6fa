import { afterEach, describe, expect, it } from 'vitest';
import type { ImportBatchStatus } from '../../electron/contract/import-batch.ts';
import type { ImportOverview, ImportRead } from '../../electron/contract/import.ts';
import { MAX_IMPORT_ROWS } from '../../electron/contract/import.ts';
import { startCoreAgainstPractice } from '../helpers/core.ts';
import { loopTurns } from '../helpers/loop-turns.ts';
import { csvOf, patient, resultValue, sendFile } from '../helpers/import-files.ts';

/**
 * While main reads a big import file, its event loop keeps turning: IPC answers, the idle lock
 * and the outbox are never held behind one long block. Counted in turns of the loop, not in
 * milliseconds (the figures in ms are the import benchmark's), so a busy machine cannot make it
 * flake: a probe re-arms itself on every turn, and the file is read through the dispatcher.
 */
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const core = async () => (await startCoreAgainstPractice(cleanups)).t;

/** 10,000 patients with a long column the import does not read (a practice system's remarks): about 20 MB. */
function wideFile(): Uint8Array {
  const header = ['First name', 'Last name', 'City', 'State', 'Direct address', 'Notification address', 'Remarks'];
  const remarks = 'Seen at the front desk; consent form on file. '.repeat(44);
  const rows = Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => {
    const p = patient(i, 'yield');
    return [p.first, p.last, p.city, p.state, p.address, p.notify, `${remarks}${i}`];
  });
  return new TextEncoder().encode(csvOf(header, rows));
}

describe('reading a big import file in main', () => {
  it('lets the event loop turn hundreds of times while 10,000 rows are parsed and checked, and reads every row', async () => {
    const t = await core();
    const bytes = wideFile();
    expect(bytes.length).toBeGreaterThan(20_000_000);
    const importId = await sendFile(t.dispatch, bytes);

    const probe = loopTurns();
    const read = resultValue<ImportRead>(await t.dispatch('import.read', { importId }));
    const turns = probe.stop();

    expect(read.state).toBe('read');
    const overview = (read as { overview: ImportOverview }).overview;
    expect(overview.counts).toEqual({ total: MAX_IMPORT_ROWS, ready: MAX_IMPORT_ROWS, problems: 0, excluded: 0 });
    // Parsing the whole text in one go, then checking 500 rows between turns, turned the loop
    // about 20 times for this file; parsing it a chunk per turn turns it once per 64 K characters.
    expect(turns).toBeGreaterThanOrEqual(200);

    // Queued in transactions sized to a few milliseconds each: every ready row, once. (The
    // core's queueing, without the outbox kick of the channel: nothing is sent meanwhile.)
    const batchId = await t.parts.importer.queue(importId, MAX_IMPORT_ROWS);
    const status = resultValue<ImportBatchStatus>(await t.dispatch('import.batchStatus', { batchId }));
    expect(status.total).toBe(MAX_IMPORT_ROWS);
    const rows = t.parts.store.batches.rows(batchId, undefined, 0, MAX_IMPORT_ROWS + 1);
    expect(new Set(rows.rows.map((r) => r.row)).size).toBe(MAX_IMPORT_ROWS);
  }, 120_000);
});
