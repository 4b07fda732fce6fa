// zod/mini: the renderer validates as the TA types (see application.ts for why mini).
import * as z from 'zod/mini';
import {
  autoRenewField,
  durationField,
  HIPAA_TYPE_OPTIONS,
  locationFields,
  notesField,
  trustedAgentFields,
  type CertificateFormSpec,
  type FieldSpec,
} from './certificate-fields.ts';
import {
  autoRenew,
  checkNotCopy,
  withDomainRule,
  checkUsState,
  countryCode,
  dnsName,
  duration,
  hipaaType,
  normalizeState,
  notes,
  pusher,
  requiredText,
  ticked,
} from './certificate-rules.ts';

/**
 * The organizational certificate application (docs/dpp-contract.md §4): a certificate bound to
 * a Direct domain or subdomain of the organization, not to a person. Its status is looked up by
 * Application ID (there is no Direct address).
 */

export const USERS_VETTED_ATTESTATION =
  'I accept responsibility that every user this certificate covers is, or will be, identity-vetted';

// Built on first use, like application.ts's: the schema is not needed until the form is checked.
const buildFields = () =>
  z.object({
    trustedAgent: requiredText(100, 'Enter the Trusted Agent’s name.', 'Trusted Agent must be 100 characters or fewer.'),
    organizationName: requiredText(200, 'Enter the organization’s legal name as established in the DPP.', 'Organization legal name must be 200 characters or fewer.'),
    organizationCategory: hipaaType(),
    city: requiredText(100, 'Enter the organization’s city.', 'City must be 100 characters or fewer.'),
    state: requiredText(100, 'Enter the organization’s state.', 'State must be 100 characters or fewer.'),
    country: countryCode('Choose the organization’s country.'),
    duration: duration(),
    directDomain: dnsName('Enter the Direct domain the certificate is for.', 'direct.example.org'),
    alternateName: requiredText(200, 'Enter the alternate name for the Direct domain.', 'Alternate name must be 200 characters or fewer.'),
    autoRenew: autoRenew(),
    usersVetted: ticked('Tick the box to accept responsibility that every user this certificate covers is vetted.'),
    notes: notes(),
  });

let fieldsSchema: ReturnType<typeof buildFields> | undefined;
const organizationFields = () => (fieldsSchema ??= buildFields());

type Fields = z.output<ReturnType<typeof buildFields>>;

/** `directDomain`: the profile's Direct domain; when set, the certificate's domain must lie within it. */
export function organizationApplicationSchema(context: { directDomain?: string | undefined } = {}) {
  const rules = (app: Fields, ctx: { issues: z.core.$ZodRawIssue[] }) => {
    const push = pusher(ctx, app);
    checkUsState(app, push);
    checkNotCopy('alternateName', app.alternateName, 'the alternate name the domain should carry', push);
  };
  return z.pipe(withDomainRule(organizationFields(), 'directDomain', context.directDomain).check(z.superRefine(rules)), z.transform((app: Fields) => normalizeState(app)));
}

export const OrganizationApplicationSchema = z.lazy(() => organizationApplicationSchema());
export type OrganizationApplicationInput = z.input<typeof OrganizationApplicationSchema>;
export type OrganizationApplication = z.output<typeof OrganizationApplicationSchema>;
export type OrganizationField = keyof Fields;

const fields = [
  ...trustedAgentFields('organization'),
  { name: 'organizationCategory', label: 'HIPAA type', section: 'organization', input: 'radio', options: HIPAA_TYPE_OPTIONS },
  ...locationFields('location'),
  durationField('certificate'),
  {
    name: 'directDomain',
    label: 'Direct domain',
    section: 'certificate',
    input: 'text',
    maxLength: 253,
    help: 'The Direct domain or subdomain the certificate is for, like direct.example.org.',
    profileHelp: '{domain} or one of its subdomains.',
  },
  { name: 'alternateName', label: 'Alternate name', section: 'certificate', input: 'text', maxLength: 200, help: 'The alternate name for that domain.' },
  autoRenewField('certificate'),
  { name: 'usersVetted', label: 'Users will be vetted', section: 'certificate', input: 'checkbox', attestation: true, review: { yes: 'Accepted', no: 'Not accepted' } },
  notesField('certificate'),
] as const satisfies readonly FieldSpec<OrganizationField>[];

export const ORGANIZATION_FORM: CertificateFormSpec<OrganizationField> = {
  title: 'Organizational certificate application',
  sections: [
    { id: 'organization', legend: 'Trusted Agent and organization' },
    { id: 'location', legend: 'Where the organization is' },
    { id: 'certificate', legend: 'Certificate' },
  ],
  fields,
  attestation: USERS_VETTED_ATTESTATION,
  subjectField: 'directDomain',
  initial: { organizationCategory: '', duration: 1, country: 'US' },
};
