import { z } from 'zod';
import { CERTIFICATE_TYPES } from './certificate-types.ts';
import { ALL_IMPORT_FIELDS } from './import-fields.ts';
import {
  IMPORT_CHUNK_BYTES,
  IMPORT_DELIMITERS,
  IMPORT_ENCODINGS,
  IMPORT_ROW_FILTERS,
  IMPORT_ROW_STATUSES,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_PAGE,
  MAX_IMPORT_ROWS,
} from './import-words.ts';

export * from './import-words.ts';

/**
 * Bulk import (issues 15, 16): a CSV of patients, of people (address certificates) or of Direct
 * domains (organizational certificates) becomes applications, every row checked before anything
 * is sent. Every type is imported by the same code, driven by the type's form in the one-engine
 * registry (certificates.ts; import-fields.ts says which of its fields a column can give). How the
 * renderer drives it (channels in channels.ts; window-API methods in brackets):
 *
 * 1. The TA chooses the certificate type (patient first, the default) and picks a file
 *    (<input type=file>). The view refuses it above MAX_IMPORT_BYTES before reading; main checks
 *    again. The type is part of the import from `import.open` on: once a file is open the view
 *    locks the type; another type means "Start over" (the file put away) and a new import.
 * 2. `import.open` [openImport] { fileName, byteLength, certificateType? } → { importId }.
 *    `import.chunk` [sendImportChunk] { importId, offset, data } for each IMPORT_CHUNK_BYTES slice,
 *    in order, `data` = encodeChunk(slice) (base64).
 *    `import.read` [readImport] { importId } → either { state: 'read', overview } or
 *    { state: 'needs-encoding', encoding, message }: the file is UTF-16 or Windows-1252/Latin-1.
 *    The view says so; on the TA's consent it calls `import.read` again with
 *    { importId, encoding } to convert. UTF-8 with or without a byte-order mark is read at once.
 *    A file that cannot be imported at all (not a CSV, empty, no header row, an empty or repeated
 *    header, more than MAX_IMPORT_ROWS rows) is an error { code: 'invalid', message } whose message
 *    names the row and column; nothing is kept.
 * 3. The overview lists the file's columns with the field each maps to (`auto` when matched by
 *    the type's label, JSON key or app name, ignoring case, spaces and punctuation), the defaults
 *    taken from the environment's profile, required fields no column gives, and the counts.
 *    Values are converted per field kind of the type's form: checkboxes from yes/no words, the
 *    duration from "2" or "2 years", a radio or select from its code or its label ("2" or
 *    "HIPAA covered entity"); a patient's HIPAA type stays the fixed "4".
 *    `import.map` [mapImportColumn] { importId, column, field | null } maps or unmaps one column
 *    → the new overview (rows are validated again).
 * 4. `import.rows` [listImportRows] { importId, offset, limit ≤ MAX_IMPORT_PAGE, filter } → a page
 *    for the virtualized table: each row's values (as the file has them, after edits, with
 *    defaults and the derived Full name filled in), its errors keyed by field (the form's messages
 *    from the same schema as the type's form, with the profile's Direct domain rule, plus
 *    duplicate and formula-cell problems), its status.
 *    `row` is the spreadsheet's row number (the header is row 1) and identifies the row.
 *    `import.edit` [editImportCell] { importId, row, field, value } → the row and the counts.
 *    `import.exclude` [excludeImportRows] { importId, rows, excluded } → the counts.
 *    `import.close` [closeImport] forgets the import (its PHI leaves memory).
 * 5. `import.template` [exportImportTemplate] { certificateType? } → a CSV with the type's header row, through the export
 *    path (desktop: native Save dialog, answer { saved } or { cancelled }; preview: { fileName, csv }).
 *
 * Choices: rows live only in main's memory until queued (nothing on disk before); cells starting
 * with = + - @ are FLAGGED as a problem on their cell, never silently changed (the value would go
 * to the DPP changed); invisible characters (NUL, controls, bidi overrides) are flagged by the
 * form's own safeText rule; the type's attestation (IAL2, or users will be vetted) is never read
 * from a file, nor is a secret (the address certificate's Direct account password): such a column
 * is shown as ignored with why, and cannot be mapped by hand; duplicates (the same Direct address
 * — or, for organizational certificates, Direct domain — earlier in the file, already in History
 * for the active environment, or already waiting in the outbox) are a problem on that cell. Only
 * CSV is accepted (a workbook is refused with how to save it as "CSV UTF-8").
 */

/** A field of any type; main refuses one the import's type does not have. */
export const ImportFieldSchema = z.enum(ALL_IMPORT_FIELDS);
/** What an import's rows apply for; patient when not given (the first type, and every import before there were types). */
export const ImportCertificateTypeSchema = z.enum(CERTIFICATE_TYPES).optional();

export const ImportIdSchema = z.object({ importId: z.uuid() });

export const ImportOpenInputSchema = z.object({
  fileName: z.string().max(255),
  /** What the file's rows apply for; patient when not given. */
  certificateType: ImportCertificateTypeSchema,
  byteLength: z.number().int().min(0).max(MAX_IMPORT_BYTES * 2),
});
export const ImportOpenedSchema = z.object({ importId: z.uuid(), chunkBytes: z.number() });

// base64 of IMPORT_CHUNK_BYTES bytes is 4/3 as long, rounded up to whole groups of four.
const MAX_CHUNK_TEXT = Math.ceil(IMPORT_CHUNK_BYTES / 3) * 4;
export const ImportChunkInputSchema = ImportIdSchema.extend({
  offset: z.number().int().min(0).max(MAX_IMPORT_BYTES),
  data: z.string().max(MAX_CHUNK_TEXT),
});
export const ImportChunkReceivedSchema = z.object({ received: z.number() });

export const ImportReadInputSchema = ImportIdSchema.extend({
  /** Convert from this encoding: given only after the TA agreed to the conversion. */
  encoding: z.enum(IMPORT_ENCODINGS).optional(),
});

export const ImportCountsSchema = z.object({
  total: z.number(),
  ready: z.number(),
  problems: z.number(),
  excluded: z.number(),
});
export type ImportCounts = z.infer<typeof ImportCountsSchema>;

export const ImportColumnSchema = z.object({
  /** 0-based position in the file. */
  index: z.number(),
  header: z.string(),
  field: ImportFieldSchema.nullable(),
  /** Matched automatically by label or JSON key (the TA can change it). */
  auto: z.boolean(),
  /** Why a column is not read (the attestation's, a password's), in words. */
  note: z.string().optional(),
});
export type ImportColumn = z.infer<typeof ImportColumnSchema>;

export const ImportOverviewSchema = z.object({
  importId: z.uuid(),
  fileName: z.string(),
  environmentName: z.string(),
  encoding: z.enum(IMPORT_ENCODINGS),
  /** The file started with a UTF-8 byte-order mark (a spreadsheet's "CSV UTF-8"). */
  bom: z.boolean(),
  delimiter: z.enum(IMPORT_DELIMITERS),
  columns: z.array(ImportColumnSchema),
  /** Values used when no column (or an empty cell) gives the field: the environment's profile. */
  defaults: z.partialRecord(ImportFieldSchema, z.string()),
  /** Full name is made from First and Last name when no column gives it (types without a Full name: false). */
  fullNameDerived: z.boolean(),
  /** Required fields no column gives and no default fills: every row shows this problem. */
  missing: z.array(ImportFieldSchema),
  counts: ImportCountsSchema,
  maxRows: z.literal(MAX_IMPORT_ROWS),
});
export type ImportOverview = z.infer<typeof ImportOverviewSchema>;

export const ImportReadSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('read'), overview: ImportOverviewSchema }),
  z.object({
    state: z.literal('needs-encoding'),
    encoding: z.enum(IMPORT_ENCODINGS),
    /** Says what was found and asks for consent, in words. */
    message: z.string(),
  }),
]);
export type ImportRead = z.infer<typeof ImportReadSchema>;

export const ImportMapInputSchema = ImportIdSchema.extend({
  column: z.number().int().min(0).max(1000),
  field: ImportFieldSchema.nullable(),
});

export const ImportRowsInputSchema = ImportIdSchema.extend({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(MAX_IMPORT_PAGE).default(100),
  filter: z.enum(IMPORT_ROW_FILTERS).default('all'),
});

export const ImportDuplicateSchema = z.union([
  /** The same Direct address is on an earlier row of this file. */
  z.object({ kind: z.literal('file'), row: z.number() }),
  /** Already in History for the active environment (open it by this id). */
  z.object({ kind: z.literal('history'), historyId: z.string() }),
  /** Already waiting in the outbox (queued by an earlier import or submit, not yet sent). */
  z.object({ kind: z.literal('queued'), rowId: z.string() }),
]);

export const ImportRowSchema = z.object({
  /** The spreadsheet's row number (header = 1): names the row in messages and identifies it. */
  row: z.number(),
  status: z.enum(IMPORT_ROW_STATUSES),
  /** Effective values, as text: the file's cell (or the TA's edit), else the default or derived value. */
  values: z.partialRecord(ImportFieldSchema, z.string()),
  /** Problems keyed by field, first message first (the form's words). */
  errors: z.partialRecord(ImportFieldSchema, z.array(z.string())),
  /** Fields the TA edited in the preview. */
  edited: z.array(ImportFieldSchema),
  duplicate: ImportDuplicateSchema.nullable(),
});
export type ImportRow = z.infer<typeof ImportRowSchema>;

export const ImportRowPageSchema = z.object({ total: z.number(), rows: z.array(ImportRowSchema), counts: ImportCountsSchema });
export type ImportRowPage = z.infer<typeof ImportRowPageSchema>;

export const ImportEditInputSchema = ImportIdSchema.extend({
  row: z.number().int().min(2).max(MAX_IMPORT_ROWS + 1),
  field: ImportFieldSchema,
  value: z.string().max(5000),
});
export const ImportEditedSchema = z.object({ row: ImportRowSchema, counts: ImportCountsSchema });

/** The template of a type (patient when not given). */
export const ImportTemplateInputSchema = z.object({ certificateType: ImportCertificateTypeSchema }).optional();

export const ImportExcludeInputSchema = ImportIdSchema.extend({
  rows: z.array(z.number().int().min(2).max(MAX_IMPORT_ROWS + 1)).min(1).max(MAX_IMPORT_ROWS),
  excluded: z.boolean(),
});
