import { describe, expect, it, vi } from 'vitest';
import type { ImportCounts, ImportOverview } from '../../electron/contract/import.ts';
import { MAX_IMPORT_BYTES } from '../../electron/contract/import-words.ts';
import type { Result } from '../../electron/contract/result.ts';
import type { WindowApi } from '../../electron/contract/window-api.ts';
import { ImportController } from '../../renderer/src/controllers/import.svelte.ts';

/** The import controller against a window API written for the test (calls answer what the test says). */
const IMPORT_ID = '00000000-0000-4000-8000-000000000001';
const counts = (ready: number, problems = 0, excluded = 0): ImportCounts => ({ total: ready + problems + excluded, ready, problems, excluded });
const overview = (c: ImportCounts): ImportOverview => ({
  importId: IMPORT_ID, fileName: 'clinic.csv', environmentName: 'Practice', encoding: 'utf-8', bom: false, delimiter: ',',
  columns: [], defaults: {}, fullNameDerived: true, missing: [], counts: c, maxRows: 10_000,
});
const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });

function fakeApi(over: Partial<Record<keyof WindowApi, (input?: unknown) => Promise<Result<unknown>>>> = {}) {
  const calls: string[] = [];
  const base: Partial<Record<keyof WindowApi, (input?: unknown) => Promise<Result<unknown>>>> = {
    openImport: () => ok({ importId: IMPORT_ID, chunkBytes: 128 * 1024 }),
    sendImportChunk: () => ok({ received: 0 }),
    readImport: () => ok({ state: 'read', overview: overview(counts(3, 1)) }),
    excludeImportRows: () => ok(counts(3, 0, 1)),
    editImportCell: () => ok({ row: {}, counts: counts(4) }),
    closeImport: () => ok({ done: true }),
    ...over,
  };
  const api = Object.fromEntries(
    Object.entries(base).map(([name, fn]) => [name, (input?: unknown) => (calls.push(name), fn!(input))]),
  ) as unknown as WindowApi;
  return { api, calls };
}

const file = (text: string, name = 'clinic.csv') => new File([text], name, { type: 'text/csv' });

describe('ImportController', () => {
  it('refuses a file over the size limit before reading a byte of it, and says the limit', async () => {
    const { api, calls } = fakeApi();
    const c = new ImportController(api);
    const read = await c.openFile(new File([new Uint8Array(MAX_IMPORT_BYTES + 1)], 'huge.csv'));
    expect(read).toBe(false);
    expect(c.fileError).toBe('huge.csv is 50.0 MB; a file can be at most 50 MB. Split it into smaller files.');
    expect(calls).not.toContain('openImport');
    expect(c.phase).toBe('choose');
  });

  it('sends the file in chunks, then shows its rows; a refusal from main is said and the import forgotten', async () => {
    const { api, calls } = fakeApi({ readImport: () => Promise.resolve({ ok: false, error: { code: 'invalid', message: 'Row 1, column C has no name.' } }) });
    const c = new ImportController(api);
    expect(await c.openFile(file('a,b\n1,2,3\n'))).toBe(false);
    expect(c.fileError).toBe('Row 1, column C has no name.');
    expect(c.fileName).toBe('clinic.csv');
    expect(calls).toEqual(['openImport', 'sendImportChunk', 'readImport', 'closeImport']);
  });

  it('never presets the attestation, refuses to queue without it, and unticks it when the ready count changes', async () => {
    const queueImport = vi.fn(() => ok({}));
    const { api } = fakeApi({ queueImport });
    const c = new ImportController(api);
    expect(await c.openFile(file('First name\nAda\n'))).toBe(true);
    expect(c.attested).toBe(false);
    expect(await c.queue()).toBe(false);
    expect(c.queueError).toContain('Tick the box');
    expect(queueImport).not.toHaveBeenCalled();

    c.attested = true;
    await c.edit({ rowNumber: 5, cells: {}, shown: {}, errors: {}, excluded: false, summary: '' }, 'city', 'Albany');
    expect(c.counts.ready).toBe(4);
    expect(c.attested).toBe(false);
  });

  it('queues under the count the TA attested to', async () => {
    const queueImport = vi.fn((_input?: unknown) => ok({ batchId: 'b', label: 'Import', state: 'queueing' }));
    const { api } = fakeApi({ queueImport });
    const c = new ImportController(api);
    await c.openFile(file('First name\nAda\n'));
    c.attested = true;
    expect(await c.queue()).toBe(true);
    expect(queueImport.mock.calls[0]?.[0]).toEqual({ importId: IMPORT_ID, attestedCount: 3, attested: true });
    expect(c.batch).toMatchObject({ batchId: 'b' });
    expect(c.phase).toBe('choose');
  });
});
