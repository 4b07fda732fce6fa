/**
 * Bulk import's names, limits and words, zod-free so the renderer can import them without the
 * schemas (import.ts attaches the schemas to these names). Main and the view read the same limits,
 * so the view can say them before the TA picks a file.
 */
import type { ApplicationField } from './application.ts';

/** Largest file accepted (bytes). Checked by the view before reading and by main on every chunk. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/**
 * Most data rows one import takes. Why: every row of the preview is kept in main's memory (PHI is
 * never written unencrypted, and nothing is stored until the rows are queued), the TA reviews every
 * problem before sending, and at the DPP's pace 10,000 applications already take hours. A longer list
 * is refused with this number; the TA splits it into files of at most this many rows.
 */
export const MAX_IMPORT_ROWS = 10_000;
export const IMPORT_CAP_REASON =
  `One import takes at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} patients: every row is checked and kept on this computer until it is sent, and the DPP takes applications one at a time. Split a longer list into several files.`;

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
 * Fields a column can give. The IAL2 attestation is never read from a file: the TA attests once
 * for the batch (batchAttestation); a column that looks like it is shown as ignored, with why.
 */
export type ImportField = Exclude<ApplicationField, 'ial2Vetted'>;
export const IAL2_COLUMN_IGNORED =
  'Not read: the IAL2 attestation is never taken from a file. You attest once for the whole batch before it is queued.';

/** Fields filled from the environment's profile (or the form's default) when no column gives them. */
export const IMPORT_DEFAULTED_FIELDS = ['trustedAgent', 'organizationName', 'organizationCategory', 'country', 'duration', 'autoRenew'] as const;

/**
 * The sentence the TA ticks before queueing, naming the count; the audit entry quotes the same
 * sentence, so what was attested and what was recorded cannot differ.
 */
export function batchAttestation(count: number): string {
  if (count === 1) return 'I attest that the identity of this patient was verified to IAL2 (NIST SP 800-63A)';
  return `I attest that the identity of each of these ${count.toLocaleString('en-US')} patients was verified to IAL2 (NIST SP 800-63A)`;
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

/** How a batch is named in lists and in History's filter: when it was queued and how many patients. */
export function importBatchLabel(createdAtLocal: string, count: number): string {
  return `Import of ${createdAtLocal} (${count.toLocaleString('en-US')} patient${count === 1 ? '' : 's'})`;
}
