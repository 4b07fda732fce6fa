import type { FieldOption } from '$contract/certificate-fields.ts';
import type { CertificateType } from '$contract/certificate-types.ts';
import { importFieldLabel, importFields } from '$contract/import-fields.ts';
import type { ImportRow } from '$contract/import.ts';
import { IMPORT_DUPLICATE_FIELD, IMPORT_ROW_STATUS_LABELS, type ImportField } from '$contract/import-words.ts';
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
  directDomain: '16rem',
  alternateName: '14rem',
};

/**
 * Every field a column can give, per type (never the attestation nor a secret: they are not
 * read from a file). The row's own fields first, so the narrow window shows what differs from
 * row to row; the profile's defaults (the same on every row) last.
 */
const PREVIEW_ORDER: Record<CertificateType, ImportField[]> = {
  patient: [
    'firstName', 'lastName', 'directAddress', 'city', 'state', 'country', 'notificationAddress', 'fullName',
    'duration', 'autoRenew', 'notes', 'trustedAgent', 'organizationName', 'organizationCategory',
  ],
  address: [
    'firstName', 'lastName', 'directAddress', 'organizationCategory', 'city', 'state', 'country', 'notificationAddress', 'fullName',
    'duration', 'autoRenew', 'notes', 'trustedAgent', 'organizationName',
  ],
  organization: ['directDomain', 'alternateName', 'organizationCategory', 'city', 'state', 'country', 'duration', 'autoRenew', 'notes', 'trustedAgent', 'organizationName'],
};

/** The grid's columns for a type, labelled as the type's form labels them. */
export function previewColumns(type: CertificateType): GridColumn[] {
  return PREVIEW_ORDER[type].map((key) => ({ key, label: importFieldLabel(type, key), width: WIDTHS[key] ?? '9rem' }));
}

export const fieldLabel = (field: ImportField, type: CertificateType = 'patient'): string => importFieldLabel(type, field);

/** A duplicate in words, when main has not already said so on the Direct address (or domain) cell. */
export function duplicateWords(duplicate: ImportRow['duplicate'], type: CertificateType = 'patient'): string | undefined {
  if (!duplicate) return undefined;
  const label = importFieldLabel(type, IMPORT_DUPLICATE_FIELD[type]);
  switch (duplicate.kind) {
    case 'file':
      return `Same ${label} as row ${duplicate.row}.`;
    case 'history':
      return `This ${label} is already in History for this environment.`;
    case 'queued':
      return `This ${label} is already waiting in the Outbox.`;
  }
}

/**
 * A value as the TA reads it: a code with its option's label ("Patient (4)", "HIPAA covered
 * entity (2)"), "Canada (CA)", "2 years"; anything else as it is.
 */
export function cellWords(field: ImportField, value: string, type: CertificateType = 'patient'): string {
  const v = value.trim();
  if (field === 'country' && /^[a-z]{2}$/i.test(v)) {
    const name = countryName(v.toUpperCase());
    return name === v.toUpperCase() ? value : `${name} (${v.toUpperCase()})`;
  }
  const options = importFields(type).find((f) => f.name === field)?.options;
  const option = Array.isArray(options) ? (options as FieldOption[]).find((o) => String(o.value) === v) : undefined;
  // A number's label says it all ("2 years"); a code is shown beside its label.
  if (option) return typeof option.value === 'number' ? option.label : `${option.label} (${v})`;
  return value;
}

export function toGridRow(row: ImportRow, type: CertificateType = 'patient'): GridRow {
  const errors: GridRow['errors'] = {};
  const problems: string[] = [];
  for (const [field, messages] of Object.entries(row.errors) as [ImportField, string[] | undefined][]) {
    if (!messages?.length) continue;
    errors[field] = messages[0];
    problems.push(`${fieldLabel(field, type)}: ${messages.join(' ')}`);
  }
  const duplicate = duplicateWords(row.duplicate, type);
  const key = IMPORT_DUPLICATE_FIELD[type];
  if (duplicate && !errors[key]) {
    errors[key] = duplicate;
    problems.push(`${fieldLabel(key, type)}: ${duplicate}`);
  }
  const state = IMPORT_ROW_STATUS_LABELS[row.status];
  return {
    rowNumber: row.row,
    cells: row.values,
    shown: Object.fromEntries(Object.entries(row.values).map(([field, value]) => [field, cellWords(field as ImportField, value ?? '', type)])),
    errors,
    excluded: row.status === 'excluded',
    summary: problems.length ? `${state} — ${problems.join(' ')}` : state,
  };
}
