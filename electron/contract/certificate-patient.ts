import { IAL2_ATTESTATION, PATIENT_CATEGORY, type ApplicationField } from './application-fields.ts';
import {
  autoRenewField,
  durationField,
  locationFields,
  ial2Field, notesField, notificationAddressField,
  trustedAgentFields,
  type CertificateFormSpec,
  type FieldSpec,
} from './certificate-fields.ts';

/**
 * The patient certificate form (docs/dpp-contract.md §1) as data for the form engine. Its
 * schema stays application.ts's ApplicationSchema and its labels APPLICATION_FIELDS, unchanged:
 * this file only says how to draw them (a test checks that names and labels agree).
 */
const fields = [
  ...trustedAgentFields('organization'),
  {
    name: 'organizationCategory',
    label: 'HIPAA type',
    section: 'organization',
    input: 'readonly',
    options: [{ value: PATIENT_CATEGORY, label: 'Patient' }],
    help: 'A patient certificate is always of HIPAA type Patient.',
  },
  { name: 'firstName', label: 'First name', section: 'subject', input: 'text', maxLength: 50 },
  { name: 'lastName', label: 'Last name', section: 'subject', input: 'text', maxLength: 50 },
  ...locationFields('subject'),
  durationField('certificate'),
  {
    name: 'fullName',
    label: 'Full name',
    section: 'certificate',
    input: 'text',
    help: 'The patient’s first and last name, as on the certificate.',
    maxLength: 101,
    follows: ['firstName', 'lastName'],
  },
  {
    name: 'directAddress',
    label: 'Direct address',
    section: 'certificate',
    input: 'email',
    profileHelp: 'An address at {domain} or one of its subdomains.',
  },
  autoRenewField('certificate'),
  ial2Field('certificate'),
  notificationAddressField('certificate', 'patient'),
  notesField('certificate'),
] as const satisfies readonly FieldSpec<ApplicationField>[];

export const PATIENT_FORM: CertificateFormSpec<ApplicationField> = {
  title: 'Patient certificate application',
  sections: [
    { id: 'organization', legend: 'Trusted Agent and organization' },
    { id: 'subject', legend: 'Patient' },
    { id: 'certificate', legend: 'Certificate' },
  ],
  fields,
  attestation: IAL2_ATTESTATION,
  subjectField: 'fullName',
  initial: { organizationCategory: PATIENT_CATEGORY, duration: 1, country: 'US' },
};

