/**
 * Schema 4: every application row says which certificate it applies for (the contract's
 * certificate-types.ts). Not PHI, so a plain column, which History can filter on without opening
 * any payload. Rows from before there were types are patient applications.
 */
export const V4_CERTIFICATE_TYPES = `
ALTER TABLE applications ADD COLUMN certificate_type TEXT NOT NULL DEFAULT 'patient'
  CHECK (certificate_type IN ('patient', 'address', 'organization'));
CREATE INDEX applications_certificate_type ON applications (certificate_type);
`;

/**
 * Schema 5: every import batch says which certificate type its rows apply for (the batch view,
 * its label and History's batch filter name it, even for a batch whose rows all went back to
 * Drafts). Batches from before were patient imports.
 */
export const V5_IMPORT_BATCH_TYPES = `
ALTER TABLE import_batches ADD COLUMN certificate_type TEXT NOT NULL DEFAULT 'patient'
  CHECK (certificate_type IN ('patient', 'address', 'organization'));
`;
