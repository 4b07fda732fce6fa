import { z } from 'zod';
import { ApplicationStateSchema } from './applications.ts';
import { CERTIFICATE_TYPES } from './certificate-types.ts';
import { IMPORT_BATCH_ROW_FILTERS, IMPORT_BATCH_STATES, MAX_IMPORT_PAGE, MAX_IMPORT_ROWS } from './import-words.ts';

/**
 * Queueing an import and following its batch (issue 15, second part). After the preview:
 *
 * 1. The view shows batchAttestation(counts.ready) with a box to tick. `import.queue`
 *    [queueImport] { importId, attestedCount, attested: true } → the batch's status. Main refuses
 *    when `attestedCount` is not the number of ready rows now (the TA attested to another
 *    number), when the active environment changed since the file was read, or when no row is
 *    ready. Ready rows become queued applications (an idempotency key each), written in
 *    transactions of a few hundred rows, tagged with the batch; the existing outbox sends them
 *    (pacer, reconciliation, exactly once). The import preview is closed.
 * 2. `import.batches` [listImportBatches] → every batch, newest first (the batch view and History's
 *    batch filter). `import.batchStatus` [getImportBatch] { batchId } → one batch. Event
 *    'import.progress' [onImportProgress] carries a batch's status as it changes (at most a few a second).
 * 3. `import.pause` / `import.resume` / `import.cancel` [pauseImportBatch, resumeImportBatch,
 *    cancelImportBatch] { batchId } → the status. Paused: no new send starts (one already on its
 *    way finishes). Cancelled: rows not yet sent go back to Drafts (one transaction); a row on its
 *    way, or whose outcome is being checked, is finished and shown where it ends up — never lost.
 * 4. `import.batchRows` [listImportBatchRows] { batchId, offset, limit, filter } → per row: the file's
 *    row number, whom it is for (BATCH_SUBJECT_COLUMNS: a person or a domain), Application ID, state and status, or the problem in words.
 *    `import.batchExport` [exportImportBatch] { batchId, includePhi } → the results as CSV through the
 *    export path (PHI columns only when asked).
 * 5. History: `history.query` takes `batchId` (only that batch's applications).
 * After a crash or restart a batch resumes where it was: it is its rows in the outbox plus a batch
 * row. A batch cut off while being queued keeps the rows written so far (they are sent) and says so;
 * importing the file again shows those rows as already queued.
 */

export const ImportQueueInputSchema = z.object({
  importId: z.uuid(),
  /** The number in the sentence the TA ticked. */
  attestedCount: z.number().int().min(1).max(MAX_IMPORT_ROWS),
  attested: z.literal(true),
});

export const ImportBatchIdSchema = z.object({ batchId: z.uuid() });

export const ImportBatchStatusSchema = z.object({
  batchId: z.uuid(),
  /** importBatchLabel(…) in words, for lists and History's filter. */
  label: z.string(),
  /** What the batch's rows apply for (every row of a batch has the same type). */
  certificateType: z.enum(CERTIFICATE_TYPES),
  environmentId: z.string(),
  environmentName: z.string(),
  createdAt: z.string(),
  state: z.enum(IMPORT_BATCH_STATES),
  total: z.number(),
  sent: z.number(),
  /** Still to send, including any on their way or being checked. */
  queued: z.number(),
  attention: z.number(),
  /** Back in Drafts after a cancel. */
  drafts: z.number(),
  /** Applications per second over the last minute, when any were sent. */
  ratePerSecond: z.number().nullable(),
  /** Estimate at that rate (null: not sending, or no rate yet). */
  secondsLeft: z.number().nullable(),
  /** Why the batch is short of what was attested (queueing was cut off), in words. */
  note: z.string().nullable(),
});
export type ImportBatchStatus = z.infer<typeof ImportBatchStatusSchema>;

export const ImportBatchRowsInputSchema = ImportBatchIdSchema.extend({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(MAX_IMPORT_PAGE).default(100),
  filter: z.enum(IMPORT_BATCH_ROW_FILTERS).default('all'),
});

export const ImportBatchRowSchema = z.object({
  /** TA Desk's id of the application (opens it in History or Drafts). */
  id: z.string(),
  /** The row number in the imported file. */
  row: z.number(),
  /** Whom the certificate is for: the person, or an organizational certificate's alternate name (BATCH_SUBJECT_COLUMNS). */
  patientName: z.string(),
  /** The Direct address, or an organizational certificate's Direct domain. */
  directAddress: z.string(),
  state: ApplicationStateSchema,
  applicationId: z.string().nullable(),
  dppStatus: z.string().nullable(),
  /** What went wrong, in words (needs attention), or null. */
  problem: z.string().nullable(),
});
export type ImportBatchRow = z.infer<typeof ImportBatchRowSchema>;

export const ImportBatchRowPageSchema = z.object({ total: z.number(), rows: z.array(ImportBatchRowSchema) });

export const ImportBatchExportInputSchema = ImportBatchIdSchema.extend({ includePhi: z.boolean() });
