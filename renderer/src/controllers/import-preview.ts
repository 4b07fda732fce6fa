import { APPLICATION_FIELDS } from '$contract/application.ts';
import type { ImportRow } from '$contract/import.ts';
import { IMPORT_ROW_STATUS_LABELS, type ImportField } from '$contract/import-words.ts';
import { countryName } from '../lib/countries.ts';

/**
 * The import preview as the grid shows it: the contract's rows turned into cells and words. Plain
 * TypeScript (no runes), so it is tested without a DOM.
 */

export interface GridColumn {
  key: ImportField;
  label: string;
  /** A CSS width; the grid's columns do not resize to their content (rows come and go). */
  width?: string;
}

export interface GridRow {
  /** The spreadsheet's row number (the header is row 1): names and identifies the row. */
  rowNumber: number;
  /** The values as the file (or the TA's fix) has them: what an edit starts from. */
  cells: Partial<Record<ImportField, string>>;
  /** The same values as the cells show them: words beside codes. */
  shown: Partial<Record<ImportField, string>>;
  /** The first problem of each field, in the form's words. */
  errors: Partial<Record<ImportField, string>>;
  excluded: boolean;
  /** The row's state and every problem, in words (the Problems column). */
  summary: string;
}

const WIDTHS: Partial<Record<ImportField, string>> = {
  organizationCategory: '6rem',
  state: '5rem',
  country: '5.5rem',
  duration: '6rem',
  autoRenew: '7rem',
  directAddress: '18rem',
  notificationAddress: '16rem',
  notes: '16rem',
  organizationName: '14rem',
};

/**
 * Every field a column can give (never the IAL2 attestation: it is not read from a file). The
 * patient's own fields first, so the narrow window shows what differs from row to row; the
 * profile's defaults (the same on every row) last.
 */
const PREVIEW_ORDER: ImportField[] = [
  'firstName', 'lastName', 'directAddress', 'city', 'state', 'country', 'notificationAddress', 'fullName',
  'duration', 'autoRenew', 'notes', 'trustedAgent', 'organizationName', 'organizationCategory',
];
export const PREVIEW_COLUMNS: GridColumn[] = PREVIEW_ORDER.map((key) => ({
  key,
  label: APPLICATION_FIELDS.find((f) => f.name === key)?.label ?? key,
  width: WIDTHS[key] ?? '9rem',
}));

export const fieldLabel = (field: ImportField): string => APPLICATION_FIELDS.find((f) => f.name === field)?.label ?? field;

/** A duplicate in words, when main has not already said so on the Direct address cell. */
export function duplicateWords(duplicate: ImportRow['duplicate']): string | undefined {
  if (!duplicate) return undefined;
  switch (duplicate.kind) {
    case 'file':
      return `Same Direct address as row ${duplicate.row}.`;
    case 'history':
      return 'This Direct address is already in History for this environment.';
    case 'queued':
      return 'This Direct address is already waiting in the Outbox.';
  }
}

/** A value as the TA reads it: "Patient (4)", "Canada (CA)", "2 years"; anything else as it is. */
export function cellWords(field: ImportField, value: string): string {
  const v = value.trim();
  if (field === 'organizationCategory' && v === '4') return 'Patient (4)';
  if (field === 'country' && /^[a-z]{2}$/i.test(v)) {
    const name = countryName(v.toUpperCase());
    return name === v.toUpperCase() ? value : `${name} (${v.toUpperCase()})`;
  }
  if (field === 'duration' && /^\d+$/.test(v)) return `${v} year${v === '1' ? '' : 's'}`;
  return value;
}

export function toGridRow(row: ImportRow): GridRow {
  const errors: GridRow['errors'] = {};
  const problems: string[] = [];
  for (const [field, messages] of Object.entries(row.errors) as [ImportField, string[] | undefined][]) {
    if (!messages?.length) continue;
    errors[field] = messages[0];
    problems.push(`${fieldLabel(field)}: ${messages.join(' ')}`);
  }
  const duplicate = duplicateWords(row.duplicate);
  if (duplicate && !errors.directAddress) {
    errors.directAddress = duplicate;
    problems.push(`${fieldLabel('directAddress')}: ${duplicate}`);
  }
  const state = IMPORT_ROW_STATUS_LABELS[row.status];
  return {
    rowNumber: row.row,
    cells: row.values,
    shown: Object.fromEntries(Object.entries(row.values).map(([field, value]) => [field, cellWords(field as ImportField, value ?? '')])),
    errors,
    excluded: row.status === 'excluded',
    summary: problems.length ? `${state} — ${problems.join(' ')}` : state,
  };
}
