// zod/mini: the renderer validates as the TA types (see application.ts for why mini).
import * as z from 'zod/mini';
import {
  autoRenewField,
  durationField,
  HIPAA_TYPE_OPTIONS,
  locationFields,
  ial2Field, notesField, notificationAddressField,
  trustedAgentFields,
  type CertificateFormSpec,
  type FieldSpec,
} from './certificate-fields.ts';
import {
  autoRenew,
  checkNotCopy,
  withDomainRule,
  checkNotificationDiffers,
  checkUsState,
  countryCode,
  duration,
  emailAddress,
  hipaaType,
  normalizeState,
  notes,
  optionalSecret,
  pusher,
  requiredText,
  ticked,
} from './certificate-rules.ts';

/**
 * The address certificate application (docs/dpp-contract.md §3): a certificate for one Direct
 * address of a person who is not a patient (staff, a provider). Like the patient application,
 * with a HIPAA type to choose and an optional Direct account password — a secret that main keeps
 * in the keychain, never in a draft, until the DPP has it.
 */

export const ADDRESS_IAL2_ATTESTATION = "I attest that this person's identity was verified to IAL2 (NIST SP 800-63A)";

// Built on first use, like application.ts's: the schema is not needed until the form is checked.
const buildFields = () =>
  z.object({
    trustedAgent: requiredText(100, 'Enter the Trusted Agent’s name.', 'Trusted Agent must be 100 characters or fewer.'),
    organizationName: requiredText(200, 'Enter the organization’s legal name as established in the DPP.', 'Organization legal name must be 200 characters or fewer.'),
    organizationCategory: hipaaType(),
    firstName: requiredText(50, 'Enter the certificate holder’s first name.', 'First name must be 50 characters or fewer.'),
    lastName: requiredText(50, 'Enter the certificate holder’s last name.', 'Last name must be 50 characters or fewer.'),
    city: requiredText(100, 'Enter the certificate holder’s city.', 'City must be 100 characters or fewer.'),
    state: requiredText(100, 'Enter the certificate holder’s state.', 'State must be 100 characters or fewer.'),
    country: countryCode('Choose the certificate holder’s country.'),
    duration: duration(),
    fullName: requiredText(101, 'Enter the certificate holder’s full name.', 'Full name must be 101 characters or fewer.'),
    directAddress: emailAddress('Enter the certificate holder’s Direct address.', 'jane.doe@direct.example.org'),
    password: optionalSecret('Direct account password'),
    autoRenew: autoRenew(),
    ial2Vetted: ticked('Tick the box to attest that this person’s identity was verified to IAL2.'),
    notificationAddress: emailAddress('Enter an email address for notifications.', 'jane.doe@example.org'),
    notes: notes(),
  });

let fieldsSchema: ReturnType<typeof buildFields> | undefined;
const addressFields = () => (fieldsSchema ??= buildFields());

type Fields = z.output<ReturnType<typeof buildFields>>;

/** `directDomain`: the profile's (or the DPP account's) Direct domain; without it no domain rule. */
export function addressApplicationSchema(context: { directDomain?: string | undefined } = {}) {
  const rules = (app: Fields, ctx: { issues: z.core.$ZodRawIssue[] }) => {
    const push = pusher(ctx, app);
    checkUsState(app, push);
    checkNotCopy('fullName', app.fullName, 'the full name as it should appear on the certificate', push);
    checkNotificationDiffers(app, push);
  };
  return z.pipe(withDomainRule(addressFields(), 'directAddress', context.directDomain).check(z.superRefine(rules)), z.transform((app: Fields) => normalizeState(app)));
}

export const AddressApplicationSchema = z.lazy(() => addressApplicationSchema());
export type AddressApplicationInput = z.input<typeof AddressApplicationSchema>;
export type AddressApplication = z.output<typeof AddressApplicationSchema>;
export type AddressField = keyof Fields;

const fields = [
  ...trustedAgentFields('organization'),
  { name: 'organizationCategory', label: 'HIPAA type', section: 'organization', input: 'radio', options: HIPAA_TYPE_OPTIONS },
  { name: 'firstName', label: 'First name', section: 'subject', input: 'text', maxLength: 50 },
  { name: 'lastName', label: 'Last name', section: 'subject', input: 'text', maxLength: 50 },
  ...locationFields('subject'),
  durationField('certificate'),
  {
    name: 'fullName',
    label: 'Full name',
    section: 'certificate',
    input: 'text',
    help: 'The person’s first and last name, as on the certificate.',
    maxLength: 101,
    follows: ['firstName', 'lastName'],
  },
  { name: 'directAddress', label: 'Direct address', section: 'certificate', input: 'email', profileHelp: 'An address at {domain} or one of its subdomains.' },
  {
    name: 'password',
    label: 'Direct account password',
    section: 'certificate',
    input: 'password',
    optional: true,
    secret: true,
    autocomplete: 'new-password',
    help: 'Optional: the password of this person’s Direct messaging account, for when they should not get DataMotion’s notifications. Kept in your keychain until it is sent, then forgotten.',
    review: { yes: 'Given (not shown)', empty: 'None' },
  },
  autoRenewField('certificate'),
  ial2Field('certificate'),
  notificationAddressField('certificate', 'person'),
  notesField('certificate'),
] as const satisfies readonly FieldSpec<AddressField>[];

export const ADDRESS_FORM: CertificateFormSpec<AddressField> = {
  title: 'Address certificate application',
  sections: [
    { id: 'organization', legend: 'Trusted Agent and organization' },
    { id: 'subject', legend: 'Certificate holder' },
    { id: 'certificate', legend: 'Certificate' },
  ],
  fields,
  attestation: ADDRESS_IAL2_ATTESTATION,
  subjectField: 'fullName',
  initial: { organizationCategory: '', duration: 1, country: 'US' },
};
