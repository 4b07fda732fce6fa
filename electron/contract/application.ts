// zod/mini: the same schemas as classic zod, tree-shakable, so the renderer (which validates as
// the TA types) ships a fraction of zod. Classic zod elsewhere accepts these schemas as they are.
import * as z from 'zod/mini';
import {
  autoRenew,
  CERTIFICATE_DURATIONS,
  checkNotCopy,
  withDomainRule,
  checkNotificationDiffers,
  checkUsState,
  countryCode,
  duration,
  emailAddress,
  normalizeState,
  notes,
  pusher,
  requiredText,
  ticked,
} from './certificate-rules.ts';
import { APPLICATION_FIELDS, PATIENT_CATEGORY, type ApplicationField } from './application-fields.ts';

/**
 * The patient certificate application of docs/dpp-contract.md, section 1: one schema for the
 * form (renderer), the IPC boundary (main) and the practice DPP, so a rule is never enforced in
 * one place and forgotten in another. Field names here are the app's; the JSON keys on the wire
 * live in electron/core/dpp/wire.ts.
 */

// The field list and fixed values live in a zod-free module the renderer's first script can
// import without zod (application-fields.ts); they are re-exported here for everything else.
export { APPLICATION_FIELDS, IAL2_ATTESTATION, PATIENT_CATEGORY, type ApplicationField } from './application-fields.ts';

export { CERTIFICATE_DURATIONS };

/**
 * One Direct address on its own, by the same rule as the form's field: what Status lookup checks
 * before anything is sent (any domain: the DPP answers for every address of the organization).
 * Built on first use (z.lazy), like every schema in this file: building zod schemas while a
 * module loads costs the process that loads it (main at start-up; the renderer loads this
 * module only after the first screen, with the form's rules).
 */
export const DirectAddressSchema = z.lazy(() => emailAddress('Enter a Direct address.', 'jane.doe@direct.example.org'));

const buildFields = () =>
  z.object({
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
    country: countryCode('Choose the patient’s country.'),
    duration: duration(),
    fullName: requiredText(101, 'Enter the patient’s full name.', 'Full name must be 101 characters or fewer.'),
    directAddress: emailAddress('Enter the patient’s Direct address.', 'jane.doe@direct.example.org'),
    autoRenew: autoRenew(),
    ial2Vetted: ticked('Tick the box to attest that the patient’s identity was verified to IAL2.'),
    notificationAddress: emailAddress('Enter an email address for notifications.', 'jane.doe@example.org'),
    notes: notes(),
  });

let fieldsSchema: ReturnType<typeof buildFields> | undefined;
/** The fields' own rules, built once, on the first schema asked for. */
const patientFields = () => (fieldsSchema ??= buildFields());

type Fields = z.output<ReturnType<typeof buildFields>>;

function crossFieldRules() {
  return (app: Fields, ctx: { issues: z.core.$ZodRawIssue[] }) => {
    const push = pusher(ctx, app);
    checkUsState(app, push);
    checkNotCopy('fullName', app.fullName, 'the patient’s full name as it should appear on the certificate', push);
    checkNotificationDiffers(app, push);
  };
}

/**
 * The application schema. `directDomain` is the organization's Direct domain from the TA profile
 * (or the DPP's account record, in the practice DPP); without it the domain rule is not applied.
 */
export function applicationSchema(context: { directDomain?: string | undefined } = {}) {
  return z.pipe(withDomainRule(patientFields(), 'directAddress', context.directDomain).check(z.superRefine(crossFieldRules())), z.transform((app: Fields) => normalizeState(app)));
}

/** The context-free schema, used at the IPC boundary; services add the profile's domain rule. */
export const ApplicationSchema = z.lazy(() => applicationSchema());

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
