import type { FieldOption, FieldSpec } from '../../contract/certificate-fields.ts';
import type { CertificateType } from '../../contract/certificate-types.ts';
import { CERTIFICATE_FORMS, certificateFieldErrors, certificateSchema } from '../../contract/certificates.ts';
import { derivedField } from '../../contract/import-fields.ts';
import { FORMULA_CELL_MESSAGE, type ImportField } from '../../contract/import-words.ts';
import type { Environment } from '../environment.ts';
import { countryCodeOf, stateCodeOf } from './place-names.ts';
import { headerKey } from './parse.ts';

/**
 * One row of the file checked as the form of its certificate type checks an application: the
 * values become the form's input (text converted per field kind of the type's form), then the
 * same schema (certificates.ts), with the profile's Direct domain rule, says what is wrong, keyed
 * by field. The type's attestation is set here only so the schema does not complain about it: it
 * is never read from the file, and the batch is queued only after the TA attested for it. A
 * secret field is never given (it is optional: the application goes without it).
 */
export type RowValues = Partial<Record<ImportField, string>>;
export type RowErrors = Partial<Record<ImportField, string[]>>;
/** A checked application of the import's type (its attestation still to be attested). */
export type CheckedApplication = Record<string, unknown>;

export interface RowCheck {
  values: RowValues;
  errors: RowErrors;
  /** The valid application (attestation still to be attested), when there are no errors. */
  application?: CheckedApplication;
}

/**
 * What fills a field no column (or an empty cell) gives: the environment's profile and the
 * form's defaults. A type with a fixed value (the patient's HIPAA type "4") has it too; the
 * HIPAA type of an address or organizational certificate is the TA's to give, per row.
 */
export function profileDefaults(profile: Environment['profile'], type: CertificateType = 'patient'): RowValues {
  const fixed = CERTIFICATE_FORMS[type].fields.find((f) => f.input === 'readonly' && Array.isArray(f.options));
  const fixedValue = fixed && Array.isArray(fixed.options) ? { [fixed.name]: String((fixed.options as FieldOption[])[0]?.value ?? '') } : {};
  return {
    trustedAgent: profile.trustedAgent,
    organizationName: profile.organizationName,
    ...fixedValue,
    country: profile.defaultCountry || 'US',
    duration: '1',
    autoRenew: 'No',
  };
}

const YES = new Set(['yes', 'y', 'true', '1', 'on', 'x']);
const NO = new Set(['no', 'n', 'false', '0', 'off', '']);

function toBoolean(text: string): boolean | string {
  const key = text.trim().toLowerCase();
  return YES.has(key) ? true : NO.has(key) ? false : text;
}

/** "2", "2 years", "2 yrs" → 2; anything else goes to the schema as is, for its message. */
function toNumber(text: string): number | string {
  const m = /^\s*([0-9]+)\s*(?:y|yr|yrs|year|years)?\s*$/i.exec(text);
  return m ? Number(m[1]) : text;
}

type CellReader = (text: string) => unknown;

/**
 * How a field reads a cell: a checkbox's yes/no, a duration's number, an option's code (by its
 * code or its label, ignoring case, spaces and punctuation: "2", "HIPAA covered entity",
 * "HIPAA covered entity (2)" → "2"; "Patient (4)" → "4"); anything else as it is, and a value
 * that is none of these goes to the schema (an option's trimmed), for its message.
 */
function cellReader(field: FieldSpec): CellReader {
  if (field.input === 'checkbox') return toBoolean;
  const options = Array.isArray(field.options) ? (field.options as FieldOption[]) : undefined;
  if (options && typeof options[0]?.value === 'number') return toNumber;
  if (!options) return (text) => text;
  // Keys of earlier options win, as a search through the options in order would find them.
  const codes = new Map<string, string>();
  for (const o of options) for (const t of [String(o.value), o.label, `${o.label}${o.value}`]) if (!codes.has(headerKey(t))) codes.set(headerKey(t), String(o.value));
  return (text) => codes.get(headerKey(text)) ?? text.trim();
}

/** Per type, built on first use: the form's fields (but secrets) with how each reads a cell. */
const inputFields = new Map<CertificateType, { name: string; attestation: boolean; read: CellReader }[]>();
function inputFieldsOf(type: CertificateType) {
  let fields = inputFields.get(type);
  if (!fields) {
    fields = CERTIFICATE_FORMS[type].fields.filter((f) => !f.secret).map((f) => ({ name: f.name, attestation: !!f.attestation, read: cellReader(f) }));
    inputFields.set(type, fields);
  }
  return fields;
}

const FORMULA_START = /^[=+\-@]/;

/**
 * Fill the row's effective values: a cell (or the TA's edit) wins; an empty one takes the default;
 * a derived field (Full name), when nothing gives it, is made from its fields, as the form does.
 */
export function effectiveValues(given: RowValues, defaults: RowValues, type: CertificateType = 'patient'): RowValues {
  const values: RowValues = { ...defaults };
  for (const [field, value] of Object.entries(given) as [ImportField, string][]) {
    if (value.trim() !== '' || !(field in defaults)) values[field] = value;
  }
  const derived = derivedField(type);
  if (derived && (values[derived.name] ?? '').trim() === '') {
    const made = (derived.follows ?? []).map((f) => (values[f as ImportField] ?? '').trim()).filter(Boolean).join(' ');
    if (made) values[derived.name] = made;
  }
  return values;
}

/** The type's form input from a row's text values: every field but secrets, the attestation set. */
export function toCertificateInput(type: CertificateType, values: RowValues): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of inputFieldsOf(type)) input[field.name] = field.attestation ? true : field.read(values[field.name as ImportField] ?? '');
  // Places spelled out, as spreadsheets often have them: the country first, the state by it.
  if (typeof input.country === 'string') input.country = countryCodeOf(input.country);
  if (typeof input.state === 'string') input.state = stateCodeOf(input.state, String(input.country ?? ''));
  return input;
}

export type RowChecker = (given: RowValues) => RowCheck;

/** A checker for one environment and type: its schema (with the Direct domain rule) built once for every row. */
export function rowChecker(profile: Environment['profile'], defaults?: RowValues, type: CertificateType = 'patient'): RowChecker {
  const schema = certificateSchema(type, { directDomain: profile.directDomain });
  const fill = defaults ?? profileDefaults(profile, type);
  return (given) => {
    const values = effectiveValues(given, fill, type);
    const parsed = schema.safeParse(toCertificateInput(type, values));
    const errors: RowErrors = parsed.success ? {} : (certificateFieldErrors(type, parsed.error) as RowErrors);
    // Cells from the file (or typed in the preview) that a spreadsheet would run as a formula.
    for (const [field, value] of Object.entries(given) as [ImportField, string][]) {
      if (FORMULA_START.test(value.trimStart())) errors[field] = [FORMULA_CELL_MESSAGE, ...(errors[field] ?? [])];
    }
    const clean = Object.keys(errors).length === 0;
    return clean && parsed.success ? { values, errors, application: parsed.data as CheckedApplication } : { values, errors };
  };
}
