import { afterEach, describe, expect, it } from 'vitest';
import type { ImportCounts, ImportOverview, ImportRead, ImportRowPage } from '../../electron/contract/import.ts';
import { validApplication } from '../helpers/applications.ts';
import { startCoreAgainstPractice } from '../helpers/core.ts';
import { importText, patient, patientCsv, resultValue, uploadFile } from '../helpers/import-files.ts';

/**
 * The import preview end to end through the IPC dispatcher, on a real core (SQLite file, OS
 * keychain) against the practice DPP on loopback: what the TA sees before anything is queued.
 */
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const core = async () => (await startCoreAgainstPractice(cleanups)).t;

describe('import preview', () => {
  it('reads a spreadsheet export, fills defaults, derives Full name and checks each row with the form schema', async () => {
    const t = await core();
    const rows = [patient(1), { ...patient(2), state: 'New Yrok' }, { ...patient(3), address: 'not-an-address' }, { ...patient(4), first: '=HYPERLINK("x")' }];
    const { importId, overview } = await importText(t.dispatch, patientCsv(rows, { bom: true, delimiter: ';' }));
    expect(overview).toMatchObject({
      fileName: 'patients.csv',
      environmentName: 'Practice',
      encoding: 'utf-8',
      bom: true,
      delimiter: ';',
      fullNameDerived: true,
      missing: [],
      counts: { total: 4, ready: 1, problems: 3, excluded: 0 },
      defaults: { trustedAgent: 'Pat Practice', organizationName: 'Practice Family Clinic', organizationCategory: '4', country: 'US', duration: '1', autoRenew: 'No' },
    });
    expect(overview.columns.map((c) => c.field)).toEqual(['firstName', 'lastName', 'city', 'state', 'directAddress', 'notificationAddress', 'notes']);

    const page = resultValue<ImportRowPage>(await t.dispatch('import.rows', { importId, offset: 0, limit: 10, filter: 'all' }));
    expect(page.rows.map((r) => [r.row, r.status])).toEqual([
      [2, 'ready'],
      [3, 'problem'],
      [4, 'problem'],
      [5, 'problem'],
    ]);
    expect(page.rows[0]?.values).toMatchObject({ fullName: 'Pat1 Doe1', trustedAgent: 'Pat Practice', firstName: 'Pat1' });
    expect(page.rows[0]?.errors).toEqual({});
    // The form's own messages, on the field they belong to.
    expect(page.rows[1]?.errors).toEqual({ state: ['For the US, choose a state by its USPS code, like NY.'] });
    expect(page.rows[2]?.errors.directAddress?.[0]).toBe('Enter an address like jane.doe@direct.example.org.');
    expect(page.rows[3]?.errors.firstName?.[0]).toMatch(/^This starts with = \+ - or @/);
    // The formula cell is shown as it is, not changed.
    expect(page.rows[3]?.values.firstName).toBe('=HYPERLINK("x")');

    const problems = resultValue<ImportRowPage>(await t.dispatch('import.rows', { importId, filter: 'problem', offset: 1, limit: 1 }));
    expect(problems.total).toBe(3);
    expect(problems.rows.map((r) => r.row)).toEqual([4]);
  });

  it('fixes a cell, excludes a row and maps a column by hand, recounting each time', async () => {
    const t = await core();
    const text = patientCsv([patient(11), { ...patient(12), state: 'Nowhere' }, patient(13)]).replace('Notification address', 'Email for notices');
    const { importId, overview } = await importText(t.dispatch, text);
    expect(overview.missing).toEqual(['notificationAddress']);
    expect(overview.counts).toEqual({ total: 3, ready: 0, problems: 3, excluded: 0 });

    const mapped = resultValue<ImportOverview>(await t.dispatch('import.map', { importId, column: 5, field: 'notificationAddress' }));
    expect(mapped.missing).toEqual([]);
    expect(mapped.columns[5]).toMatchObject({ field: 'notificationAddress', auto: false });
    expect(mapped.counts).toEqual({ total: 3, ready: 2, problems: 1, excluded: 0 });

    const edited = resultValue<{ row: { status: string; edited: string[]; values: { state: string } }; counts: ImportCounts }>(
      await t.dispatch('import.edit', { importId, row: 3, field: 'state', value: 'ny' }),
    );
    expect(edited.row).toMatchObject({ status: 'ready', edited: ['state'], values: { state: 'ny' } });
    expect(edited.counts).toEqual({ total: 3, ready: 3, problems: 0, excluded: 0 });

    const counts = resultValue<ImportCounts>(await t.dispatch('import.exclude', { importId, rows: [2, 4], excluded: true }));
    expect(counts).toEqual({ total: 3, ready: 1, problems: 0, excluded: 2 });
    const excluded = resultValue<ImportRowPage>(await t.dispatch('import.rows', { importId, filter: 'excluded' }));
    expect(excluded.rows.map((r) => r.row)).toEqual([2, 4]);

    expect(await t.dispatch('import.edit', { importId, row: 40, field: 'city', value: 'Troy' })).toMatchObject({ ok: false, error: { code: 'invalid', message: 'There is no row 40 with a patient in this file.' } });
    expect(resultValue(await t.dispatch('import.close', { importId }))).toEqual({ done: true });
    expect(await t.dispatch('import.rows', { importId })).toMatchObject({ ok: false, error: { code: 'invalid', message: 'This import is no longer open. Choose the file again.' } });
  });

  it('flags the same Direct address twice in the file and one already in History for this environment', async () => {
    const t = await core();
    const sent = validApplication();
    expect(await t.dispatch('application.submit', { application: sent })).toMatchObject({ ok: true, value: { state: 'submitted' } });
    const first = patient(21);
    const rows = [first, patient(22), { ...patient(23), address: first.address.toUpperCase().replace('@DIRECT.PRACTICE.EXAMPLE', '@direct.practice.example') }, { ...patient(24), address: sent.directAddress }];
    const { importId, overview } = await importText(t.dispatch, patientCsv(rows));
    expect(overview.counts).toEqual({ total: 4, ready: 2, problems: 2, excluded: 0 });
    const page = resultValue<ImportRowPage>(await t.dispatch('import.rows', { importId, filter: 'problem' }));
    expect(page.rows.map((r) => [r.row, r.duplicate?.kind])).toEqual([
      [4, 'file'],
      [5, 'history'],
    ]);
    expect(page.rows[0]?.errors.directAddress?.[0]).toBe('The same Direct address is on row 2: each patient is sent once. Exclude this row or fix the address.');
    expect(page.rows[1]?.errors.directAddress?.[0]).toMatch(/already in History for Practice/);
    // Excluding the first occurrence makes the later one the patient's row.
    expect(resultValue<ImportCounts>(await t.dispatch('import.exclude', { importId, rows: [2], excluded: true }))).toEqual({ total: 4, ready: 2, problems: 1, excluded: 1 });
  });

  it('asks before converting a Windows-1252 file, then reads its accents right', async () => {
    const t = await core();
    const text = patientCsv([{ ...patient(31), first: 'Zoë', city: 'Québec' }]);
    const bytes = Uint8Array.from(Buffer.from(text, 'latin1'));
    const { importId, read } = await uploadFile(t.dispatch, bytes);
    const asked = resultValue<ImportRead>(read);
    expect(asked).toMatchObject({ state: 'needs-encoding', encoding: 'windows-1252' });
    const converted = resultValue<ImportRead>(await t.dispatch('import.read', { importId, encoding: 'windows-1252' }));
    expect(converted).toMatchObject({ state: 'read', overview: { encoding: 'windows-1252', counts: { total: 1 } } });
    const page = resultValue<ImportRowPage>(await t.dispatch('import.rows', { importId }));
    expect(page.rows[0]?.values).toMatchObject({ firstName: 'Zoë', city: 'Québec' });
  });

  it('refuses bad files with a message naming row and column, keeps nothing, and keeps answering', async () => {
    const t = await core();
    const tooBig = await t.dispatch('import.open', { fileName: 'huge.csv', byteLength: 51 * 1024 * 1024 });
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'invalid', message: 'This file is 51 MB; TA Desk imports files of up to 50 MB. Split it into smaller files.' } });
    const dup = await uploadFile(t.dispatch, new TextEncoder().encode('First name,City,CITY\nAnn,Troy,Rome\n'));
    expect(dup.read).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/^Row 1: columns B and C are both named “City”/) } });
    const nul = await importText(t.dispatch, patientCsv([{ ...patient(41), last: 'Do\u0000e' }]));
    const page = resultValue<ImportRowPage>(await t.dispatch('import.rows', { importId: nul.importId }));
    expect(page.rows[0]?.errors.lastName?.[0]).toMatch(/U\+0000 \(null character\)/);
    // Parts out of order are refused, not glued together wrongly.
    const opened = resultValue<{ importId: string }>(await t.dispatch('import.open', { fileName: 'x.csv', byteLength: 10 }));
    expect(await t.dispatch('import.chunk', { importId: opened.importId, offset: 5, data: 'QUJD' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    // Nothing reached drafts or the outbox, and the core still answers.
    expect(resultValue<unknown[]>(await t.dispatch('drafts.list', undefined))).toEqual([]);
    expect(resultValue<unknown[]>(await t.dispatch('outbox.list', undefined))).toEqual([]);
  });

  it('saves a template whose header maps every field but IAL2', async () => {
    const t = await core();
    const answer = resultValue<{ fileName: string; csv: string; rows: number }>(await t.dispatch('import.template', undefined));
    expect(answer.fileName).toMatch(/^ta-desk-import-template-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(answer.rows).toBe(0);
    const { overview } = await importText(t.dispatch, `${answer.csv}${['Pat Practice', 'Practice Family Clinic', '4', 'Ann', 'Lee', 'Albany', 'NY', 'US', '2', '', `ann.${process.pid}@direct.practice.example`, 'yes', 'ann@example.org', ''].join(',')}\r\n`);
    expect(overview.columns.every((c) => c.auto)).toBe(true);
    expect(overview.counts).toEqual({ total: 1, ready: 1, problems: 0, excluded: 0 });
    expect(answer.csv).not.toMatch(/IAL2/i);
  });
});
