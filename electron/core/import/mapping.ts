import type { CertificateType } from '../../contract/certificate-types.ts';
import { CERTIFICATE_FORMS } from '../../contract/certificates.ts';
import { importFields } from '../../contract/import-fields.ts';
import { IAL2_COLUMN_IGNORED, SECRET_COLUMN_IGNORED, USERS_VETTED_COLUMN_IGNORED, type ImportField } from '../../contract/import-words.ts';
import type { ImportColumn } from '../../contract/import.ts';
import { JSON_KEYS, type WireField } from '../dpp/wire.ts';
import { headerKey } from './parse.ts';

/**
 * Which field each column of the file gives, for the import's certificate type. A header matches
 * a field of that type's form by its label ("Direct address"), its JSON key on the wire
 * ("DirectAddress") or its name in the app ("directAddress"), ignoring case, spaces and
 * punctuation; the TA maps the rest by hand. A column that names the type's attestation (IAL2,
 * users will be vetted) or a secret (a password) is never mapped, not even by hand: the TA attests
 * for the batch, and a password is never read from a file.
 */
export type Mapping = (ImportField | null)[];

interface TypeKeys {
  fieldByKey: Map<string, ImportField>;
  /** Why a header is never read, for the headers that name the attestation or a secret. */
  ignored: (key: string) => string | undefined;
}

const keysOf = (name: string, label: string) => [headerKey(label), headerKey(JSON_KEYS[name as WireField] ?? name), headerKey(name)];

function buildKeys(type: CertificateType): TypeKeys {
  const fieldByKey = new Map<string, ImportField>();
  for (const { name, label } of importFields(type)) for (const key of keysOf(name, label)) fieldByKey.set(key, name);
  const form = CERTIFICATE_FORMS[type];
  const attestation = form.fields.find((f) => f.attestation);
  const attestationKeys = new Set(attestation ? keysOf(attestation.name, attestation.label) : []);
  const ial2 = attestation?.name === 'ial2Vetted';
  if (!ial2) attestationKeys.add(headerKey(form.attestation));
  const secrets = new Set(form.fields.filter((f) => f.secret).flatMap((f) => keysOf(f.name, f.label)));
  return {
    fieldByKey,
    ignored(key) {
      if (attestationKeys.has(key) || (ial2 ? key.startsWith('ial2') : key.includes('vetted'))) return ial2 ? IAL2_COLUMN_IGNORED : USERS_VETTED_COLUMN_IGNORED;
      // Any header naming a password, not only the form's label: "Password", "Direct password".
      if (secrets.size > 0 && (secrets.has(key) || key.includes('password'))) return SECRET_COLUMN_IGNORED;
      return undefined;
    },
  };
}

const byType = new Map<CertificateType, TypeKeys>();
const keys = (type: CertificateType): TypeKeys => byType.get(type) ?? (byType.set(type, buildKeys(type)).get(type) as TypeKeys);

/** Why a column is never read (its header names the attestation or a secret), or undefined. */
export function ignoredWhy(header: string, type: CertificateType = 'patient'): string | undefined {
  return keys(type).ignored(headerKey(header));
}

/** The automatic mapping: each field to the first column that names it. */
export function autoMap(headers: readonly string[], type: CertificateType = 'patient'): Mapping {
  const taken = new Set<ImportField>();
  const { fieldByKey, ignored } = keys(type);
  return headers.map((header) => {
    const key = headerKey(header);
    const field = fieldByKey.get(key);
    if (!field || taken.has(field) || ignored(key)) return null;
    taken.add(field);
    return field;
  });
}

/** Map one column by hand (null: not read). A field comes from one column: its old column is unmapped. */
export function mapColumn(mapping: Mapping, column: number, field: ImportField | null): Mapping {
  return mapping.map((current, index) => (index === column ? field : current === field && field !== null ? null : current));
}

export function describeColumns(headers: readonly string[], mapping: Mapping, auto: Mapping, type: CertificateType = 'patient'): ImportColumn[] {
  return headers.map((header, index) => {
    const field = mapping[index] ?? null;
    const column: ImportColumn = { index, header, field, auto: field !== null && auto[index] === field };
    const why = field === null ? ignoredWhy(header, type) : undefined;
    if (why) column.note = why;
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
