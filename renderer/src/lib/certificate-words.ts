import type { CertificateType } from '$contract/certificate-types.ts';

/**
 * What the two columns every application has are called, by type: a patient's name and Direct
 * address, a staff member's, or an organizational certificate's alternate name and Direct domain
 * (ApplicationSummary keeps them as patientName and directAddress for every type).
 */
export const SUBJECT_WORDS: Record<CertificateType, { name: string; address: string; unnamed: string }> = {
  patient: { name: 'Patient name', address: 'Direct address', unnamed: 'Unnamed patient' },
  address: { name: 'Name', address: 'Direct address', unnamed: 'Unnamed person' },
  organization: { name: 'Alternate name', address: 'Direct domain', unnamed: 'Unnamed domain' },
};
