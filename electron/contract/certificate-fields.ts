import { HIPAA_TYPES } from './certificate-types.ts';

/**
 * The shape of a certificate form, as data: what the renderer's one form engine draws from.
 * No zod here (the registry in certificates.ts pairs each form with its schema).
 *
 * A form (`CertificateForm`) is a list of `sections`, each a fieldset with a legend, and a list
 * of `fields` in form order (also the review step's order), each naming its section. A field says:
 * - `name` (the key in the values object, the schema and the wire mapping) and `label`, the
 *   visible and accessible label (the E2E tests find fields by it);
 * - `help`: the hint under the label; `profileHelp`: a hint that depends on the TA profile's
 *   Direct domain (`helpFor` below builds it), shown instead of `help` when the profile has one;
 * - `input`: how it is typed — 'text', 'email', 'password' and 'textarea' (free text),
 *   'select' and 'radio' (one of `options`), 'checkbox' (a boolean; `attestation` marks the
 *   checkbox whose label is the form's attestation sentence), 'readonly' (a fixed value shown as
 *   its option's label, never edited);
 * - `options`: the choices, given here, or named lists the renderer builds itself:
 *   'countries' (ISO code + English name, Intl) and 'usps-states' (USPS_STATE_CODES);
 * - `maxLength`: the input's maxlength; a 'textarea' has none (a long paste is kept whole and a
 *   counter says how far over `counterMax` it is);
 * - `optional`: may stay empty (everything else is required);
 * - `variants`: the field changes with another field's value; the first variant whose `when`
 *   matches overrides `input`, `options` and `help` (State: a select of USPS codes when Country is
 *   US, free text with "State, province or region." otherwise, as the patient form always did);
 * - `visibleWhen`: the field exists only while the condition holds (hidden = not sent);
 * - `follows`: the value is the named fields joined by a space until the TA edits it (Full name);
 * - `profileDefault`: its starting value comes from the TA profile;
 * - `secret`: never kept in a draft's values, history, export or log (the address certificate's
 *   Direct account password, held in the keychain by main until sent);
 * - `review`: how the review step says a value: booleans as `yes`/`no` words, an empty optional
 *   as `empty`; option-valued fields show the option's label, countries as "Canada (CA)".
 *
 * Values travel as one flat object per type (`*Input` types in each certificate-*.ts file), the
 * same object the schema validates and the wire module maps to JSON keys.
 */

export type InputKind = 'text' | 'email' | 'password' | 'textarea' | 'select' | 'radio' | 'checkbox' | 'readonly';

export interface FieldOption {
  readonly value: string | number;
  readonly label: string;
}

/** Lists too long (or too locale-dependent) to spell here: the renderer builds them. */
export type OptionList = 'countries' | 'usps-states';

/** True when the value of `field` is one of `in` (compared after trimming, upper-cased). */
export interface FieldCondition {
  readonly field: string;
  readonly in: readonly string[];
}

export interface FieldVariant {
  readonly when: FieldCondition;
  readonly input?: InputKind;
  readonly options?: readonly FieldOption[] | OptionList;
  readonly help?: string;
}

export type ProfileKey = 'trustedAgent' | 'organizationName' | 'defaultCountry' | 'defaultState';

export interface FieldSpec<N extends string = string> {
  readonly name: N;
  readonly label: string;
  readonly section: string;
  readonly input: InputKind;
  readonly help?: string;
  /** Hint when the profile names a Direct domain: `{domain}` is replaced by it. */
  readonly profileHelp?: string;
  readonly options?: readonly FieldOption[] | OptionList;
  readonly maxLength?: number;
  readonly counterMax?: number;
  readonly optional?: boolean;
  readonly variants?: readonly FieldVariant[];
  readonly visibleWhen?: FieldCondition;
  readonly follows?: readonly string[];
  readonly profileDefault?: ProfileKey;
  readonly attestation?: boolean;
  readonly secret?: boolean;
  readonly autocomplete?: string;
  readonly review?: { readonly yes?: string; readonly no?: string; readonly empty?: string };
}

export interface SectionSpec {
  readonly id: string;
  readonly legend: string;
}

export interface CertificateFormSpec<N extends string = string> {
  /** The form's heading and accessible name ("Patient certificate application"). */
  readonly title: string;
  readonly sections: readonly SectionSpec[];
  readonly fields: readonly FieldSpec<N>[];
  /** The attestation sentence (the label of the field marked `attestation`). */
  readonly attestation: string;
  /** The field that names an application in Drafts, History and notices (a person or a domain). */
  readonly subjectField: N;
  /** Starting values that are not blanks, false or a profile default (duration 1, a fixed category). */
  readonly initial: Readonly<Partial<Record<N, string | number | boolean>>>;
}

/** Does a field condition hold for these values? */
export function conditionHolds(condition: FieldCondition, values: Readonly<Record<string, unknown>>): boolean {
  const value = String(values[condition.field] ?? '').trim().toUpperCase();
  return condition.in.some((v) => v.toUpperCase() === value);
}

/** The field as it should be drawn for these values: its first matching variant applied. */
export function resolveField<N extends string>(field: FieldSpec<N>, values: Readonly<Record<string, unknown>>): FieldSpec<N> {
  const variant = field.variants?.find((v) => conditionHolds(v.when, values));
  return variant ? { ...field, ...variant } : field;
}

/** Is the field part of the form for these values? */
export function fieldVisible(field: FieldSpec, values: Readonly<Record<string, unknown>>): boolean {
  return !field.visibleWhen || conditionHolds(field.visibleWhen, values);
}

/** The hint to show under a field, given the profile's Direct domain. */
export function helpFor(field: FieldSpec, directDomain: string | undefined): string | undefined {
  return directDomain && field.profileHelp ? field.profileHelp.replace('{domain}', directDomain) : field.help;
}

export const DURATION_OPTIONS: readonly FieldOption[] = [
  { value: 1, label: '1 year' },
  { value: 2, label: '2 years' },
  { value: 3, label: '3 years' },
];

export const YES_NO = { yes: 'Yes', no: 'No' } as const;
export const ATTESTED = { yes: 'Attested', no: 'Not attested' } as const;

/** The Trusted Agent and organization name, filled in from the profile; the same on every type. */
export function trustedAgentFields(section: string) {
  return [
    { name: 'trustedAgent', label: 'Trusted Agent', section, input: 'text', maxLength: 100, profileDefault: 'trustedAgent' },
    {
      name: 'organizationName',
      label: 'Organization legal name',
      section,
      input: 'text',
      help: 'The legal business name as established in the DPP.',
      maxLength: 200,
      profileDefault: 'organizationName',
    },
  ] as const satisfies readonly FieldSpec[];
}

/** City, State (a USPS select for the US) and Country, as the patient form has always drawn them. */
export function locationFields(section: string) {
  return [
    { name: 'city', label: 'City', section, input: 'text', maxLength: 100 },
    {
      name: 'state',
      label: 'State',
      section,
      input: 'text',
      help: 'State, province or region.',
      maxLength: 100,
      profileDefault: 'defaultState',
      variants: [{ when: { field: 'country', in: ['US'] }, input: 'select', options: 'usps-states', help: undefined }],
    },
    { name: 'country', label: 'Country', section, input: 'select', options: 'countries', profileDefault: 'defaultCountry' },
  ] as const satisfies readonly FieldSpec[];
}

export function durationField(section: string) {
  return { name: 'duration', label: 'Certificate duration', section, input: 'select', options: DURATION_OPTIONS } as const satisfies FieldSpec;
}

export function autoRenewField(section: string) {
  return { name: 'autoRenew', label: 'Renew automatically', section, input: 'checkbox', review: YES_NO } as const satisfies FieldSpec;
}

/** The IAL2 attestation checkbox of the patient and address certificates (its sentence is the form's). */
export function ial2Field(section: string) {
  return { name: 'ial2Vetted', label: 'IAL2 identity verification', section, input: 'checkbox', attestation: true, review: ATTESTED } as const satisfies FieldSpec;
}

/** Where the certificate's holder (`who`: "patient", "person") is told about it. */
export function notificationAddressField(section: string, who: string) {
  return {
    name: 'notificationAddress',
    label: 'Notification address',
    section,
    input: 'email',
    help: `Where the ${who} is told about the certificate; not the Direct address.`,
    autocomplete: 'email',
  } as const satisfies FieldSpec;
}

export function notesField(section: string) {
  return {
    name: 'notes',
    label: 'Notes for the DataMotion Officer',
    section,
    input: 'textarea',
    help: 'Optional, up to 2,000 characters.',
    counterMax: 2000,
    optional: true,
    review: { empty: 'None' },
  } as const satisfies FieldSpec;
}

/** HIPAA types of an address or organizational certificate (certificate-types.ts). */
export const HIPAA_TYPE_OPTIONS: readonly FieldOption[] = HIPAA_TYPES;
