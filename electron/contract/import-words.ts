/**
 * Bulk import's names, limits and words, zod-free so the renderer can import them without the
 * schemas (import.ts attaches the schemas to these names). Main and the view read the same limits,
 * so the view can say them before the TA picks a file.
 */
import type { ApplicationField } from './application.ts';
import type { AddressField } from './certificate-address.ts';
import type { OrganizationField } from './certificate-organization.ts';
import { CERTIFICATE_TYPE_LABELS, type CertificateType } from './certificate-types.ts';

/** Largest file accepted (bytes). Checked by the view before reading and by main on every chunk. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/**
 * Most data rows one import takes. Why: every row of the preview is kept in main's memory (PHI is
 * never written unencrypted, and nothing is stored until the rows are queued), the TA reviews every
 * problem before sending, and at the DPP's pace 10,000 applications already take hours. A longer list
 * is refused with this number; the TA splits it into files of at most this many rows.
 */
export const MAX_IMPORT_ROWS = 10_000;
export function importCapReason(type: CertificateType = 'patient'): string {
  return `One import takes at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} ${IMPORT_NOUNS[type].many}: every row is checked and kept on this computer until it is sent, and the DPP takes applications one at a time. Split a longer list into several files.`;
}

/**
 * What one row of an import is, per certificate type: a patient, a person (an address
 * certificate's holder: staff, a provider), or a domain (an organizational certificate).
 */
export const IMPORT_NOUNS: Record<CertificateType, { one: string; many: string }> = {
  patient: { one: 'patient', many: 'patients' },
  address: { one: 'person', many: 'people' },
  organization: { one: 'domain', many: 'domains' },
};

/** "214 patients", "1 person", "1,500 domains". */
export function countOf(type: CertificateType, count: number): string {
  const noun = IMPORT_NOUNS[type];
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun.one : noun.many}`;
}

/** The Import view's heading for each type. */
export const IMPORT_TITLES: Record<CertificateType, string> = {
  patient: 'Import patients',
  address: 'Import people for address certificates',
  organization: 'Import domains for organizational certificates',
};

/**
 * The field duplicates are found on: two applications for one Direct address (patient and
 * address certificates alike: an address has one certificate), or for one Direct domain.
 */
export const IMPORT_DUPLICATE_FIELD: Record<CertificateType, 'directAddress' | 'directDomain'> = {
  patient: 'directAddress',
  address: 'directAddress',
  organization: 'directDomain',
};

/**
 * The file travels to main in chunks of at most this many bytes (base64 in `import.chunk`): the
 * preview host takes requests of at most 256 KB, and Electron's IPC copies each message whole.
 */
export const IMPORT_CHUNK_BYTES = 128 * 1024;

/** Encodings main recognises. Only UTF-8 is read without asking; the others need the TA's consent. */
export const IMPORT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];
export const IMPORT_ENCODING_LABELS: Record<ImportEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 (Western European, often called Latin-1)',
};

export const IMPORT_DELIMITERS = [',', ';', '\t'] as const;
export type ImportDelimiter = (typeof IMPORT_DELIMITERS)[number];
export const IMPORT_DELIMITER_LABELS: Record<ImportDelimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/** A row of the preview is ready to queue, has a problem to fix, or was excluded by the TA. */
export const IMPORT_ROW_STATUSES = ['ready', 'problem', 'excluded'] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];
export const IMPORT_ROW_STATUS_LABELS: Record<ImportRowStatus, string> = { ready: 'Ready', problem: 'Needs a fix', excluded: 'Excluded' };

/** Which rows `import.rows` pages through ("only rows with problems" is 'problem'). */
export const IMPORT_ROW_FILTERS = ['all', ...IMPORT_ROW_STATUSES] as const;
export type ImportRowFilter = (typeof IMPORT_ROW_FILTERS)[number];

/** Most rows one `import.rows` call returns (the view pages a virtualized table). */
export const MAX_IMPORT_PAGE = 500;

/**
 * Fields a column can give, over all certificate types (import-fields.ts says which a type has).
 * The attestation of each type (IAL2; users will be vetted) is never read from a file: the TA
 * attests once for the batch (batchAttestation); a secret (the address certificate's Direct
 * account password) is never read from a file either. A column that looks like one of them is
 * shown as ignored, with why.
 */
export type ImportField = Exclude<ApplicationField | AddressField | OrganizationField, 'ial2Vetted' | 'usersVetted' | 'password'>;
export const IAL2_COLUMN_IGNORED =
  'Not read: the IAL2 attestation is never taken from a file. You attest once for the whole batch before it is queued.';
export const USERS_VETTED_COLUMN_IGNORED =
  'Not read: the attestation that users will be vetted is never taken from a file. You accept it once for the whole batch before it is queued.';
/** Why a password column is left out, and what the TA can do instead (the password is optional). */
export const SECRET_COLUMN_IGNORED =
  'Not read: a password must never sit in a CSV file, so TA Desk does not take one from it. These applications are sent without a password (it is optional); for a person who needs one, exclude the row and apply with the form. Delete the column from the file.';

/** Fields filled from the environment's profile (or the form's default) when no column gives them. */
export const IMPORT_DEFAULTED_FIELDS = ['trustedAgent', 'organizationName', 'organizationCategory', 'country', 'duration', 'autoRenew'] as const;

/**
 * The sentence the TA ticks before queueing, naming the count; the audit entry quotes the same
 * sentence, so what was attested and what was recorded cannot differ.
 */
export function batchAttestation(count: number, type: CertificateType = 'patient'): string {
  if (type === 'organization') {
    if (count === 1) return 'I accept responsibility that every user the certificate for this domain covers is, or will be, identity-vetted';
    return `I accept responsibility that every user the certificates for these ${countOf(type, count)} cover is, or will be, identity-vetted`;
  }
  const { one } = IMPORT_NOUNS[type];
  if (count === 1) return `I attest that the identity of this ${one} was verified to IAL2 (NIST SP 800-63A)`;
  return `I attest that the identity of each of these ${countOf(type, count)} was verified to IAL2 (NIST SP 800-63A)`;
}

/** The message of a cell that starts like a spreadsheet formula. Such cells are flagged, never changed. */
export const FORMULA_CELL_MESSAGE =
  'This starts with = + - or @, as a spreadsheet formula does. Check the value in the file and type it here as it should be sent.';

/** One chunk's bytes as base64, for `import.chunk` (Electron IPC and the preview host both carry text). */
export function encodeChunk(bytes: Uint8Array): string {
  let binary = '';
  // String.fromCharCode takes arguments: a few thousand at a time stays under engine limits.
  for (let i = 0; i < bytes.length; i += 0x2000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x2000));
  return btoa(binary);
}

/** A queued batch: being written, sending, paused by the TA, cancelled, or with nothing left to send. */
export const IMPORT_BATCH_STATES = ['queueing', 'sending', 'paused', 'cancelled', 'finished'] as const;
export type ImportBatchState = (typeof IMPORT_BATCH_STATES)[number];
export const IMPORT_BATCH_STATE_LABELS: Record<ImportBatchState, string> = {
  queueing: 'Being queued',
  sending: 'Sending',
  paused: 'Paused',
  cancelled: 'Cancelled',
  finished: 'Finished',
};

/** Where each row of a batch is: sent, still to send, needs the TA, or back in Drafts (cancelled). */
export const IMPORT_BATCH_ROW_FILTERS = ['all', 'sent', 'queued', 'attention', 'drafts'] as const;
export type ImportBatchRowFilter = (typeof IMPORT_BATCH_ROW_FILTERS)[number];

/**
 * The two columns that say whom a batch row is for (a batch row's `patientName` and
 * `directAddress`): the person and the Direct address, or the domain's alternate name and the
 * Direct domain. The results export's PHI columns and the batch view say them so.
 */
export const BATCH_SUBJECT_COLUMNS: Record<CertificateType, [string, string]> = {
  patient: ['Patient', 'Direct address'],
  address: ['Person', 'Direct address'],
  organization: ['Alternate name', 'Direct domain'],
};

/**
 * How a batch is named in lists and in History's filter: when it was queued, how many, and (for
 * the types after the first, whose nouns alone do not say it) the certificate type.
 */
export function importBatchLabel(createdAtLocal: string, count: number, type: CertificateType = 'patient'): string {
  const kind = type === 'patient' ? '' : `, ${CERTIFICATE_TYPE_LABELS[type].toLowerCase()}s`;
  return `Import of ${createdAtLocal} (${countOf(type, count)}${kind})`;
}
