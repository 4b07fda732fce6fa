import { z } from 'zod';
import { BATCH_OUTCOMES, BATCH_STATES, MAX_BATCH_TEXT } from './lookup-words.ts';

export { MAX_BATCH_ADDRESSES, MAX_BATCH_TEXT, type BatchOutcome, type BatchState } from './lookup-words.ts';

/**
 * Status lookup by Direct address (docs/dpp-contract.md §2, "Any address, not only TA Desk's own"): one
 * address, or a batch pasted or read from a CSV file. Addresses are checked with the form's rule
 * before anything is sent; invalid and repeated entries of a batch are listed, never sent.
 */

export const LookupInputSchema = z.object({ address: z.string().max(1000) });

/** What the DPP holds for an address, as the TA reads it. */
export const FoundApplicationSchema = z.object({
  applicationId: z.string().nullable(),
  status: z.string(),
  statusDate: z.string().nullable(),
  comments: z.string().nullable(),
});
export type FoundApplication = z.infer<typeof FoundApplicationSchema>;

export const LookupAnswerSchema = z.object({
  /** The address as checked (domain lower-cased). */
  address: z.string(),
  environmentName: z.string(),
  practice: z.boolean(),
  /** null: the DPP has no application for this address (404). */
  found: FoundApplicationSchema.nullable(),
  /** The History row already holding this address in this environment, if any. */
  historyId: z.string().nullable(),
});
export type LookupAnswer = z.infer<typeof LookupAnswerSchema>;

export const BATCH_FORMATS = ['list', 'csv'] as const;
export const BatchStartInputSchema = z.object({
  text: z.string().max(MAX_BATCH_TEXT),
  format: z.enum(BATCH_FORMATS),
});

/** An entry of a batch that was not sent, and why (in words). */
export const SkippedEntrySchema = z.object({ entry: z.string(), reason: z.string() });
export type SkippedEntry = z.infer<typeof SkippedEntrySchema>;

export const BatchProgressSchema = z.object({
  batchId: z.string(),
  state: z.enum(BATCH_STATES),
  done: z.number(),
  total: z.number(),
  /** Seconds the DPP asked us to wait (429), while waiting. */
  waitSeconds: z.number().optional(),
  /** Why the batch stopped early (credentials refused, keychain…), in words. */
  problem: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type BatchProgress = z.infer<typeof BatchProgressSchema>;

export const BatchStartedSchema = BatchProgressSchema.extend({
  environmentName: z.string(),
  skipped: z.array(SkippedEntrySchema),
});
export type BatchStarted = z.infer<typeof BatchStartedSchema>;


export const BatchRowSchema = z.object({
  address: z.string(),
  outcome: z.enum(BATCH_OUTCOMES),
  found: FoundApplicationSchema.nullable(),
  /** Why the lookup failed, in words. */
  error: z.string().nullable(),
  historyId: z.string().nullable(),
});
export type BatchRow = z.infer<typeof BatchRowSchema>;

export const BatchResultsSchema = BatchStartedSchema.extend({ rows: z.array(BatchRowSchema) });
export type BatchResults = z.infer<typeof BatchResultsSchema>;

export const BatchIdSchema = z.object({ batchId: z.string().max(100) });

/** Add a found application to History as tracked (applied for outside TA Desk). */
export const TrackInputSchema = z.object({ address: z.string().max(1000) });
export const TrackedSchema = z.object({ id: z.string(), alreadyTracked: z.boolean() });
