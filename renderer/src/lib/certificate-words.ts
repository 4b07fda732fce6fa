import type { HistoryCertificateType } from '$contract/certificate-types.ts';

/**
 * What the two columns every application has are called, by type: a patient's name and Direct
 * address, a staff member's, or an organizational certificate's alternate name and Direct domain
 * (ApplicationSummary keeps them as patientName and directAddress for every type), and those of
 * a tracked application whose type is not known.
 */
export const SUBJECT_WORDS: Record<HistoryCertificateType, { name: string; address: string; unnamed: string }> = {
  patient: { name: 'Patient name', address: 'Direct address', unnamed: 'Unnamed patient' },
  address: { name: 'Name', address: 'Direct address', unnamed: 'Unnamed person' },
  organization: { name: 'Alternate name', address: 'Direct domain', unnamed: 'Unnamed domain' },
  // Tracked from Status lookup, of a type the DPP's answer did not tell: no name was given.
  unknown: { name: 'Name', address: 'Direct address or domain', unnamed: 'Name not known' },
};
