import { describe, expect, it } from 'vitest';
import { CERTIFICATE_TYPES } from '../../electron/contract/certificate-types.ts';
import { importFields } from '../../electron/contract/import-fields.ts';
import type { ImportRow } from '../../electron/contract/import.ts';
import { cellWords, duplicateWords, previewColumns, toGridRow } from '../../renderer/src/controllers/import-preview.ts';

/** The import preview of each certificate type: its own columns and words (issue 16). */
describe('the import preview of each type', () => {
  it('shows every field a file of that type can give once, never its attestation nor a password', () => {
    for (const type of CERTIFICATE_TYPES) {
      const keys = previewColumns(type).map((c) => c.key);
      expect(new Set(keys).size, type).toBe(keys.length);
      expect([...keys].sort(), type).toEqual(importFields(type).map((f) => f.name).sort());
      expect(keys, type).not.toContain('password');
      expect(keys, type).not.toContain('usersVetted');
      expect(keys, type).not.toContain('ial2Vetted');
    }
    expect(previewColumns('organization').slice(0, 2).map((c) => c.label)).toEqual(['Direct domain', 'Alternate name']);
  });

  it('names a HIPAA type code with its label, and a duplicate by the type’s own field', () => {
    expect(cellWords('organizationCategory', '2', 'address')).toBe('HIPAA covered entity (2)');
    expect(cellWords('organizationCategory', '3', 'organization')).toBe('HIPAA business associate (3)');
    expect(cellWords('organizationCategory', '4', 'address')).toBe('4');
    expect(duplicateWords({ kind: 'file', row: 3 }, 'organization')).toBe('Same Direct domain as row 3.');
    const row: ImportRow = { row: 4, status: 'problem', values: { directDomain: 'a.direct.practice.example' }, errors: {}, edited: [], duplicate: { kind: 'queued', rowId: 'x' } };
    const g = toGridRow(row, 'organization');
    expect(g.errors.directDomain).toBe('This Direct domain is already waiting in the Outbox.');
    expect(g.summary).toBe('Needs a fix — Direct domain: This Direct domain is already waiting in the Outbox.');
  });
});
