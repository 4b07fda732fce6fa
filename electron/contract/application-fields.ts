/**
 * The patient certificate application's fields and fixed values (docs/dpp-contract.md, section 1),
 * without zod: the renderer's first script draws the patient form from these, and zod with the
 * schemas (application.ts) loads only after the first screen is painted (issue 14).
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
