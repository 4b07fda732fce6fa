import { describe, expect, it } from 'vitest';
import { APPLICATION_FIELDS } from '../../electron/contract/application.ts';
import type { ImportRow } from '../../electron/contract/import.ts';
import { cellWords, previewColumns, toGridRow } from '../../renderer/src/controllers/import-preview.ts';

const row = (over: Partial<ImportRow>): ImportRow => ({
  row: 2,
  status: 'ready',
  values: { firstName: 'Ada', lastName: 'Byron', directAddress: 'ada@direct.practice.example' },
  errors: {},
  edited: [],
  duplicate: null,
  ...over,
});

describe('the import preview in words', () => {
  it('shows every field a file can give once, the patient’s own first, and never the IAL2 attestation', () => {
    const labels = previewColumns('patient').map((c) => c.label);
    expect(labels.slice(0, 3)).toEqual(['First name', 'Last name', 'Direct address']);
    expect(labels.slice(-3)).toEqual(['Trusted Agent', 'Organization legal name', 'HIPAA type']);
    const keys = previewColumns('patient').map((c) => c.key).sort();
    expect(keys).toEqual(APPLICATION_FIELDS.map((f) => f.name).filter((n) => n !== 'ial2Vetted').sort());
  });

  it('puts each problem on its cell and lists them all, by field label, in the Problems column', () => {
    const g = toGridRow(row({ row: 7, status: 'problem', errors: { directAddress: ['Enter an address like jane.doe@direct.example.org.'], city: ['Enter the patient’s city.'] } }));
    expect(g.rowNumber).toBe(7);
    expect(g.errors.directAddress).toBe('Enter an address like jane.doe@direct.example.org.');
    expect(g.summary).toBe('Needs a fix — Direct address: Enter an address like jane.doe@direct.example.org. City: Enter the patient’s city.');
    expect(toGridRow(row({})).summary).toBe('Ready');
  });

  it('says a duplicate in words when main has not put it on the Direct address cell', () => {
    expect(toGridRow(row({ status: 'problem', duplicate: { kind: 'file', row: 3 } })).errors.directAddress).toBe('Same Direct address as row 3.');
    expect(toGridRow(row({ status: 'problem', duplicate: { kind: 'history', historyId: 'x' } })).summary).toContain('already in History for this environment');
    expect(toGridRow(row({ status: 'problem', duplicate: { kind: 'queued', rowId: 'x' } })).errors.directAddress).toBe('This Direct address is already waiting in the Outbox.');
    const said = toGridRow(row({ status: 'problem', duplicate: { kind: 'file', row: 3 }, errors: { directAddress: ['Repeated: row 3 has this address.'] } }));
    expect(said.summary).toBe('Needs a fix — Direct address: Repeated: row 3 has this address.');
  });

  it('shows codes with their words, and edits start from the value as the file has it', () => {
    expect(cellWords('organizationCategory', '4')).toBe('Patient (4)');
    expect(cellWords('country', 'ca')).toBe('Canada (CA)');
    expect(cellWords('country', 'Canada')).toBe('Canada');
    expect(cellWords('duration', '2')).toBe('2 years');
    expect(cellWords('duration', '1')).toBe('1 year');
    expect(cellWords('city', '4')).toBe('4');
    const g = toGridRow(row({ values: { country: 'US', organizationCategory: '4' } }));
    expect(g.shown).toEqual({ country: 'United States (US)', organizationCategory: 'Patient (4)' });
    expect(g.cells.country).toBe('US');
  });

  it('marks an excluded row as excluded', () => {
    const g = toGridRow(row({ status: 'excluded' }));
    expect(g.excluded).toBe(true);
    expect(g.summary).toBe('Excluded');
  });
});
