import type { FieldSpec } from './certificate-fields.ts';
import type { CertificateType } from './certificate-types.ts';
import { CERTIFICATE_FORMS } from './certificates.ts';
import { CERTIFICATE_TYPES } from './certificate-types.ts';
import type { ImportField } from './import-words.ts';

/**
 * Which fields of each certificate type a column of an import file can give, read from the
 * one-engine registry (certificates.ts), so a type's import follows its form: every field but
 * the attestation (the TA attests once for the batch) and secrets (never in a file).
 * Separate from import-words.ts, which stays free of the forms and their schemas.
 */

const importable = (f: FieldSpec): boolean => !f.attestation && !f.secret;

// Worked out once per type: the forms never change, and these are asked for per row and per cell.
const IMPORT_FIELDS = {} as Record<CertificateType, readonly FieldSpec<ImportField>[]>;
const DERIVED_FIELD = {} as Record<CertificateType, FieldSpec<ImportField> | undefined>;
for (const t of CERTIFICATE_TYPES) {
  IMPORT_FIELDS[t] = CERTIFICATE_FORMS[t].fields.filter(importable) as FieldSpec<ImportField>[];
  DERIVED_FIELD[t] = IMPORT_FIELDS[t].find((f) => f.follows);
}

/** A type's fields a column can give, in form order. */
export function importFields(type: CertificateType): readonly FieldSpec<ImportField>[] {
  return IMPORT_FIELDS[type];
}

/** Every field any type can import (the contract's enum; main checks the field belongs to the import's type). */
export const ALL_IMPORT_FIELDS = [...new Set(CERTIFICATE_TYPES.flatMap((t) => importFields(t).map((f) => f.name)))] as [ImportField, ...ImportField[]];

export function isImportField(type: CertificateType, name: string): name is ImportField {
  return importFields(type).some((f) => f.name === name);
}

/** The label of a field in a type's form ("Direct domain"); the name itself if the type has no such field. */
export function importFieldLabel(type: CertificateType, field: string): string {
  return CERTIFICATE_FORMS[type].fields.find((f) => f.name === field)?.label ?? field;
}

/** The field whose value is made from others when no column gives it (Full name from First and Last name). */
export function derivedField(type: CertificateType): FieldSpec<ImportField> | undefined {
  return DERIVED_FIELD[type];
}
