// zod/mini: the renderer validates as the TA types (see application.ts for why mini).
import type * as z from 'zod/mini';
import { applicationSchema, type Application, type ApplicationInput } from './application.ts';
import type { Profile } from './app-info.ts';
import { addressApplicationSchema, ADDRESS_FORM, type AddressApplication, type AddressApplicationInput } from './certificate-address.ts';
import type { CertificateFormSpec, FieldSpec } from './certificate-fields.ts';
import {
  organizationApplicationSchema,
  ORGANIZATION_FORM,
  type OrganizationApplication,
  type OrganizationApplicationInput,
} from './certificate-organization.ts';
import { PATIENT_FORM } from './certificate-patient.ts';
import type { CertificateType } from './certificate-types.ts';

/**
 * The one-engine registry: for each certificate type, its form (certificate-fields.ts describes
 * the shape) and its zod schema. The renderer draws and validates any form from here; main
 * validates a submit with the same schema (channels.ts) and the practice DPP answers by it, so a
 * rule is written once (certificate-rules.ts) and enforced alike at all three.
 */

export const CERTIFICATE_FORMS: { readonly [T in CertificateType]: CertificateFormSpec } = {
  patient: PATIENT_FORM,
  address: ADDRESS_FORM,
  organization: ORGANIZATION_FORM,
};

/** What each type's form holds and sends (before validation) and what validation yields. */
export interface CertificateInputs {
  patient: ApplicationInput;
  address: AddressApplicationInput;
  organization: OrganizationApplicationInput;
}
export interface CertificateApplications {
  patient: Application;
  address: AddressApplication;
  organization: OrganizationApplication;
}

/** A validated application with its type: what the store, the outbox and the wire handle. */
export type AnyCertificate = { [T in CertificateType]: { certificateType: T; application: CertificateApplications[T] } }[CertificateType];

export interface SchemaContext {
  /** The profile's (or the DPP account's) Direct domain: addresses and domains must lie within it. */
  directDomain?: string | undefined;
}

/** The schema of one type, with the profile's Direct domain rule when it names one. */
export function certificateSchema<T extends CertificateType>(type: T, context: SchemaContext = {}): z.ZodMiniType<CertificateApplications[T], CertificateInputs[T]> {
  const byType = {
    patient: () => applicationSchema(context),
    address: () => addressApplicationSchema(context),
    organization: () => organizationApplicationSchema(context),
  } as const;
  return byType[type]() as unknown as z.ZodMiniType<CertificateApplications[T], CertificateInputs[T]>;
}

/** Values while typing: every field present, loosely typed (a draft may be half done). */
export type FormValues = Record<string, string | number | boolean>;

/**
 * A blank form of a type: profile defaults, the type's `initial` values, then '' for text and
 * false for checkboxes. A secret field starts empty like any text.
 */
export function emptyValues(type: CertificateType, profile: Profile): FormValues {
  const form = CERTIFICATE_FORMS[type];
  const out: FormValues = {};
  for (const field of form.fields) {
    const fromProfile = field.profileDefault ? profile[field.profileDefault] : undefined;
    const initial = (form.initial as Record<string, string | number | boolean | undefined>)[field.name];
    out[field.name] = fromProfile || (initial ?? (field.input === 'checkbox' ? false : ''));
  }
  return out;
}

/** The values as they are sent: an empty optional field is left out (the schema drops it too). */
export function toInput<T extends CertificateType>(type: T, values: FormValues): CertificateInputs[T] {
  const out: Record<string, unknown> = {};
  for (const field of CERTIFICATE_FORMS[type].fields) {
    const value = values[field.name];
    if (field.optional && (value === '' || value === undefined)) continue;
    out[field.name] = value;
  }
  return out as unknown as CertificateInputs[T];
}

/** Field-keyed messages of a failed validation (first message first), for any type. */
export function certificateFieldErrors(type: CertificateType, error: z.core.$ZodError): Record<string, string[]> {
  const names = new Set(CERTIFICATE_FORMS[type].fields.map((f) => f.name));
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.find((part): part is string => typeof part === 'string' && names.has(part));
    if (key) (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** A field of a type by name (the review step, the error summary's links). */
export function fieldOf(type: CertificateType, name: string): FieldSpec | undefined {
  return CERTIFICATE_FORMS[type].fields.find((f) => f.name === name);
}

/** The field names of a type that are secrets (never in a draft, history, export or log). */
export function secretFields(type: CertificateType): string[] {
  return CERTIFICATE_FORMS[type].fields.filter((f) => f.secret).map((f) => f.name);
}

/** The words that name an application in lists and notices: the person, or the domain. */
export function subjectOf(type: CertificateType, values: Readonly<Record<string, unknown>>): string {
  const value = values[CERTIFICATE_FORMS[type].subjectField];
  return typeof value === 'string' ? value.trim() : '';
}

/** The field of a type that carries its attestation (IAL2; users will be vetted): ticked by the TA, never preset. */
export function attestationFieldOf(type: CertificateType): string {
  const field = CERTIFICATE_FORMS[type].fields.find((f) => f.attestation);
  if (!field) throw new Error(`The ${type} form has no attestation field.`);
  return field.name;
}

/**
 * The values with their type's attestation unticked: a new application, or one back in Drafts
 * (History's reopen and Apply again, a cancelled batch's rows), is a new attestation.
 */
export function untickAttestation<V extends Record<string, unknown>>(values: V, type: CertificateType): V {
  return { ...values, [attestationFieldOf(type)]: false };
}
