// zod/mini: the same schemas as classic zod, tree-shakable, so the renderer (which validates as
// the TA types) ships a fraction of zod. Classic zod elsewhere accepts these schemas as they are.
import * as z from 'zod/mini';
import { isCountryCode } from './country-codes.ts';
import { safeText } from './text.ts';
import { isUspsStateCode } from './usps-states.ts';

/**
 * The patient certificate application of docs/dpp-contract.md, section 1: one schema for the
 * form (renderer), the IPC boundary (main) and the practice DPP, so a rule is never enforced in
 * one place and forgotten in another. Field names here are the app's; the JSON keys on the wire
 * live in electron/core/dpp/wire.ts.
 */

/** Form order, with the visible label of each field (docs/dpp-contract.md, "Label" column). */
export const APPLICATION_FIELDS = [
  { name: 'trustedAgent', label: 'Trusted Agent' },
  { name: 'organizationName', label: 'Organization legal name' },
  { name: 'organizationCategory', label: 'HIPAA type' },
  { name: 'firstName', label: 'First name' },
  { name: 'lastName', label: 'Last name' },
  { name: 'city', label: 'City' },
  { name: 'state', label: 'State' },
  { name: 'country', label: 'Country' },
  { name: 'duration', label: 'Certificate duration' },
  { name: 'fullName', label: 'Full name' },
  { name: 'directAddress', label: 'Direct address' },
  { name: 'autoRenew', label: 'Renew automatically' },
  { name: 'ial2Vetted', label: 'IAL2 identity verification' },
  { name: 'notificationAddress', label: 'Notification address' },
  { name: 'notes', label: 'Notes for the DataMotion Officer' },
] as const;

export type ApplicationField = (typeof APPLICATION_FIELDS)[number]['name'];

export const IAL2_ATTESTATION =
  "I attest that this patient's identity was verified to IAL2 (NIST SP 800-63A)";

/** HIPAA type "Patient (4)": the only category this application sends. */
export const PATIENT_CATEGORY = '4';

export const CERTIFICATE_DURATIONS = [1, 2, 3] as const;

function requiredText(max: number, missing: string, tooLong: string) {
  return z.string({ error: missing }).check(z.trim(), ...safeText(), z.minLength(1, { error: missing, abort: true }), z.maxLength(max, { error: tooLong }));
}

/** RFC 5321 limits plus a syntax check; the domain is lower-cased (it is case-insensitive). */
function address(missing: string, example: string) {
  const checked = z.string({ error: missing }).check(
    z.trim(),
    ...safeText(),
    z.minLength(1, { error: missing, abort: true }),
    z.refine((v) => !/\s/.test(v), { error: 'Remove the spaces: an address cannot contain any.', abort: true }),
    z.maxLength(254, { error: 'This address is too long: it must be 254 characters or fewer.', abort: true }),
    z.refine((v) => v.slice(0, v.lastIndexOf('@')).length <= 64, {
      error: 'The part before the @ must be 64 characters or fewer.',
      abort: true,
    }),
  );
  return z.pipe(
    z.pipe(checked, z.email({ error: `Enter an address like ${example}.` })),
    z.transform((v: string) => {
      const at = v.lastIndexOf('@');
      return `${v.slice(0, at)}@${v.slice(at + 1).toLowerCase()}`;
    }),
  );
}

/**
 * One Direct address on its own, by the same rule as the form's field: what Status lookup checks
 * before anything is sent (any domain: the DPP answers for every address of the organization).
 */
export const DirectAddressSchema = address('Enter a Direct address.', 'jane.doe@direct.example.org');

const fieldsSchema = z.object({
  trustedAgent: requiredText(100, 'Enter the Trusted Agent’s name.', 'Trusted Agent must be 100 characters or fewer.'),
  organizationName: requiredText(
    200,
    'Enter the organization’s legal name as established in the DPP.',
    'Organization legal name must be 200 characters or fewer.',
  ),
  organizationCategory: z.literal(PATIENT_CATEGORY, { error: 'HIPAA type must be Patient (4).' }),
  firstName: requiredText(50, 'Enter the patient’s first name.', 'First name must be 50 characters or fewer.'),
  lastName: requiredText(50, 'Enter the patient’s last name.', 'Last name must be 50 characters or fewer.'),
  city: requiredText(100, 'Enter the patient’s city.', 'City must be 100 characters or fewer.'),
  state: requiredText(100, 'Enter the patient’s state.', 'State must be 100 characters or fewer.'),
  country: z
    .string({ error: 'Choose the patient’s country.' })
    .check(z.trim(), z.toUpperCase(), z.refine(isCountryCode, { error: 'Choose a country by its two-letter ISO code, like US.' })),
  duration: z.literal(CERTIFICATE_DURATIONS, { error: 'Choose a certificate duration of 1, 2 or 3 years.' }),
  fullName: requiredText(101, 'Enter the patient’s full name.', 'Full name must be 101 characters or fewer.'),
  directAddress: address('Enter the patient’s Direct address.', 'jane.doe@direct.example.org'),
  autoRenew: z.boolean({ error: 'Choose whether the certificate renews automatically.' }),
  ial2Vetted: z.literal(true, {
    error: 'Tick the box to attest that the patient’s identity was verified to IAL2.',
  }),
  notificationAddress: address('Enter an email address for notifications.', 'jane.doe@example.org'),
  notes: z.pipe(
    z.optional(z.string().check(z.trim(), ...safeText({ multiline: true }), z.maxLength(2000, { error: 'Notes must be 2000 characters or fewer.' }))),
    z.transform((v: string | undefined) => (v === '' ? undefined : v)),
  ),
});

type Fields = z.output<typeof fieldsSchema>;

function domainOf(addr: string): string {
  return addr.slice(addr.lastIndexOf('@') + 1).toLowerCase();
}

function crossFieldRules(directDomain: string | undefined) {
  return (app: Fields, ctx: { issues: z.core.$ZodRawIssue[] }) => {
    const issue = (field: keyof Fields, message: string) => ctx.issues.push({ code: 'custom', path: [field], message, input: app });
    if (app.country === 'US' && !isUspsStateCode(app.state.toUpperCase())) {
      issue('state', 'For the US, choose a state by its USPS code, like NY.');
    }
    // A duplicated draft is marked "(copy)" in Drafts by its name; it never reaches a certificate.
    if (/\(copy\)$/i.test(app.fullName)) {
      issue('fullName', 'Replace “(copy)” with the patient’s full name as it should appear on the certificate.');
    }
    if (app.notificationAddress.toLowerCase() === app.directAddress.toLowerCase()) {
      issue('notificationAddress', 'Use a notification address different from the Direct address.');
    }
    if (directDomain) {
      const domain = domainOf(app.directAddress);
      const wanted = directDomain.toLowerCase();
      if (domain !== wanted && !domain.endsWith(`.${wanted}`)) {
        issue('directAddress', `Use an address at ${wanted} (or a subdomain of it), your organization’s Direct domain.`);
      }
    }
  };
}

function normalize(app: Fields): Fields {
  return app.country === 'US' ? { ...app, state: app.state.toUpperCase() } : app;
}

/**
 * The application schema. `directDomain` is the organization's Direct domain from the TA profile
 * (or the DPP's account record, in the practice DPP); without it the domain rule is not applied.
 */
export function applicationSchema(context: { directDomain?: string | undefined } = {}) {
  return z.pipe(fieldsSchema.check(z.superRefine(crossFieldRules(context.directDomain))), z.transform(normalize));
}

/** The context-free schema, used at the IPC boundary; services add the profile's domain rule. */
export const ApplicationSchema = applicationSchema();

/** What the form holds and sends. */
export type ApplicationInput = z.input<typeof ApplicationSchema>;
/** A valid, normalized application. */
export type Application = z.output<typeof ApplicationSchema>;

/** Field-keyed error messages, as the form shows them (first message first). */
export type FieldErrors = Partial<Record<ApplicationField, string[]>>;

const fieldNames: ReadonlySet<string> = new Set(APPLICATION_FIELDS.map((f) => f.name));
export function isApplicationField(name: string): name is ApplicationField {
  return fieldNames.has(name);
}

/** Collect zod issues into per-field messages; issues without a field path are left out. */
export function fieldErrorsFrom(error: z.core.$ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    // The application may sit inside a larger payload ({ application: {...} }): find its field.
    const key = issue.path.find((part): part is ApplicationField => typeof part === 'string' && isApplicationField(part));
    if (key) {
      (out[key] ??= []).push(issue.message);
    }
  }
  return out;
}
