import { APPLICATION_FIELDS } from '../../contract/application.ts';
import { IAL2_COLUMN_IGNORED, type ImportField } from '../../contract/import-words.ts';
import type { ImportColumn } from '../../contract/import.ts';
import { JSON_KEYS } from '../dpp/wire.ts';
import { headerKey } from './parse.ts';

/**
 * Which field each column of the file gives. A header matches a field by its label in the form
 * ("Direct address"), its JSON key on the wire ("DirectAddress") or its name in the app
 * ("directAddress"), ignoring case, spaces and punctuation; the TA maps the rest by hand. A
 * column that names the IAL2 attestation is never mapped: the TA attests for the batch.
 */
export type Mapping = (ImportField | null)[];

const IAL2_KEYS = new Set(['ial2vetted', 'ial2identityverification', headerKey(JSON_KEYS.ial2Vetted)]);

const fieldByKey = new Map<string, ImportField>();
for (const { name, label } of APPLICATION_FIELDS) {
  if (name === 'ial2Vetted') continue;
  for (const text of [label, JSON_KEYS[name], name]) fieldByKey.set(headerKey(text), name);
}

const isIal2Header = (header: string) => {
  const key = headerKey(header);
  return IAL2_KEYS.has(key) || key.startsWith('ial2');
};

/** The automatic mapping: each field to the first column that names it. */
export function autoMap(headers: readonly string[]): Mapping {
  const taken = new Set<ImportField>();
  return headers.map((header) => {
    const field = fieldByKey.get(headerKey(header));
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

/** Map one column by hand (null: not read). A field comes from one column: its old column is unmapped. */
export function mapColumn(mapping: Mapping, column: number, field: ImportField | null): Mapping {
  return mapping.map((current, index) => (index === column ? field : current === field && field !== null ? null : current));
}

export function describeColumns(headers: readonly string[], mapping: Mapping, auto: Mapping): ImportColumn[] {
  return headers.map((header, index) => {
    const field = mapping[index] ?? null;
    const column: ImportColumn = { index, header, field, auto: field !== null && auto[index] === field };
    if (field === null && isIal2Header(header)) column.note = IAL2_COLUMN_IGNORED;
    return column;
  });
}

/** The column each field comes from, for reading rows. */
export function columnsByField(mapping: Mapping): Partial<Record<ImportField, number>> {
  const out: Partial<Record<ImportField, number>> = {};
  mapping.forEach((field, index) => {
    if (field) out[field] = index;
  });
  return out;
}
