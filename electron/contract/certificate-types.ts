/**
 * The certificate applications a Trusted Agent makes (docs/dpp-contract.md §1, §3, §4), in the
 * order the type picker offers them: patient first. Words for each, defined once; no zod here,
 * so anything may import the list cheaply. Rows made before there were types are patient ones.
 */
export const CERTIFICATE_TYPES = ['patient', 'address', 'organization'] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];

export const DEFAULT_CERTIFICATE_TYPE: CertificateType = 'patient';

/** What the TA reads: the picker, History's type column and filter, CSV exports. */
export const CERTIFICATE_TYPE_LABELS: Record<CertificateType, string> = {
  patient: 'Patient certificate',
  address: 'Address certificate',
  organization: 'Organizational certificate',
};

/** One line under each choice of the type picker. */
export const CERTIFICATE_TYPE_DESCRIPTIONS: Record<CertificateType, string> = {
  patient: 'For a patient’s Direct address.',
  address: 'For the Direct address of a member of staff or a provider.',
  organization: 'For a Direct domain or subdomain of your organization.',
};

export function isCertificateType(value: unknown): value is CertificateType {
  return typeof value === 'string' && (CERTIFICATE_TYPES as readonly string[]).includes(value);
}

/**
 * An application tracked from Status lookup whose type the DPP's answer did not tell (its number
 * and fields fit more than one type: docs/dpp-contract.md, "Which certificate an answer is for").
 * History shows it in words and filters by it, rather than guess a type.
 */
export const TYPE_NOT_KNOWN = 'unknown';
export const TYPE_NOT_KNOWN_LABEL = 'Certificate type not known';
/** The types a History row can have: the three, or not known (tracked rows only). */
export const HISTORY_CERTIFICATE_TYPES = [...CERTIFICATE_TYPES, TYPE_NOT_KNOWN] as const;
export type HistoryCertificateType = (typeof HISTORY_CERTIFICATE_TYPES)[number];

export function certificateTypeLabel(type: string): string {
  if (type === TYPE_NOT_KNOWN) return TYPE_NOT_KNOWN_LABEL;
  return isCertificateType(type) ? CERTIFICATE_TYPE_LABELS[type] : type;
}

/**
 * HIPAA types ("OrganizationCategory") an address or organizational certificate may carry
 * (documented values); a patient certificate is always "4", Patient (application.ts).
 */
export const HIPAA_TYPES = [
  { value: '1', label: 'Other' },
  { value: '2', label: 'HIPAA covered entity' },
  { value: '3', label: 'HIPAA business associate' },
] as const;
export type HipaaType = (typeof HIPAA_TYPES)[number]['value'];
export const HIPAA_TYPE_CODES = HIPAA_TYPES.map((t) => t.value) as [HipaaType, ...HipaaType[]];
