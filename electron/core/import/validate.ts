import { applicationSchema, fieldErrorsFrom, PATIENT_CATEGORY, type Application, type ApplicationInput } from '../../contract/application.ts';
import { FORMULA_CELL_MESSAGE, type ImportField } from '../../contract/import-words.ts';
import type { Environment } from '../environment.ts';

/**
 * One row of the file checked as the form checks an application: the values become the form's
 * input (text to the right types), then the same ApplicationSchema, with the profile's Direct
 * domain rule, says what is wrong, keyed by field. IAL2 is set here only so the schema does not
 * complain about it: it is never read from the file, and the batch is queued only after the TA
 * attested for it.
 */
export type RowValues = Partial<Record<ImportField, string>>;
export type RowErrors = Partial<Record<ImportField, string[]>>;

export interface RowCheck {
  values: RowValues;
  errors: RowErrors;
  /** The valid application (ial2Vetted still to be attested), when there are no errors. */
  application?: Application;
}

/** What fills a field no column (or an empty cell) gives: the environment's profile and the form's defaults. */
export function profileDefaults(profile: Environment['profile']): RowValues {
  return {
    trustedAgent: profile.trustedAgent,
    organizationName: profile.organizationName,
    organizationCategory: PATIENT_CATEGORY,
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
function toDuration(text: string): number | string {
  const m = /^\s*([0-9]+)\s*(?:y|yr|yrs|year|years)?\s*$/i.exec(text);
  return m ? Number(m[1]) : text;
}

/** "4", "Patient", "Patient (4)" → "4". */
function toCategory(text: string): string {
  const t = text.trim();
  return /^(?:patient\s*(?:\(\s*4\s*\))?|4)$/i.test(t) ? PATIENT_CATEGORY : t;
}

const FORMULA_START = /^[=+\-@]/;

/**
 * Fill the row's effective values: a cell (or the TA's edit) wins; an empty one takes the default;
 * Full name, when nothing gives it, is First and Last name, as the form does.
 */
export function effectiveValues(given: RowValues, defaults: RowValues): RowValues {
  const values: RowValues = { ...defaults };
  for (const [field, value] of Object.entries(given) as [ImportField, string][]) {
    if (value.trim() !== '' || !(field in defaults)) values[field] = value;
  }
  if ((values.fullName ?? '').trim() === '') {
    const derived = `${(values.firstName ?? '').trim()} ${(values.lastName ?? '').trim()}`.trim();
    if (derived) values.fullName = derived;
  }
  return values;
}

export function toApplicationInput(values: RowValues): ApplicationInput {
  const input: Record<string, unknown> = {
    trustedAgent: values.trustedAgent ?? '',
    organizationName: values.organizationName ?? '',
    organizationCategory: toCategory(values.organizationCategory ?? ''),
    firstName: values.firstName ?? '',
    lastName: values.lastName ?? '',
    city: values.city ?? '',
    state: values.state ?? '',
    country: values.country ?? '',
    duration: toDuration(values.duration ?? ''),
    fullName: values.fullName ?? '',
    directAddress: values.directAddress ?? '',
    autoRenew: toBoolean(values.autoRenew ?? ''),
    ial2Vetted: true,
    notificationAddress: values.notificationAddress ?? '',
    notes: values.notes ?? '',
  };
  return input as ApplicationInput;
}

export type RowChecker = (given: RowValues) => RowCheck;

/** A checker for one environment: its schema (with the Direct domain rule) built once for every row. */
export function rowChecker(profile: Environment['profile'], defaults: RowValues = profileDefaults(profile)): RowChecker {
  const schema = applicationSchema({ directDomain: profile.directDomain });
  return (given) => {
    const values = effectiveValues(given, defaults);
    const parsed = schema.safeParse(toApplicationInput(values));
    const errors: RowErrors = parsed.success ? {} : (fieldErrorsFrom(parsed.error) as RowErrors);
    // Cells from the file (or typed in the preview) that a spreadsheet would run as a formula.
    for (const [field, value] of Object.entries(given) as [ImportField, string][]) {
      if (FORMULA_START.test(value.trimStart())) errors[field] = [FORMULA_CELL_MESSAGE, ...(errors[field] ?? [])];
    }
    const clean = Object.keys(errors).length === 0;
    return clean && parsed.success ? { values, errors, application: parsed.data } : { values, errors };
  };
}
