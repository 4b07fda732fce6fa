import { z } from 'zod';
import { HISTORY_CERTIFICATE_TYPES, TYPE_NOT_KNOWN } from './certificate-types.ts';
import { BATCH_OUTCOMES, BATCH_STATES, MAX_BATCH_TEXT } from './lookup-words.ts';

export { MAX_BATCH_ADDRESSES, MAX_BATCH_TEXT, type BatchOutcome, type BatchState } from './lookup-words.ts';

/**
 * Status lookup by Direct address (docs/dpp-contract.md §2, "Any address, not only TA Desk's own"): one
 * address, or a batch pasted or read from a CSV file; or one application by its Application ID (§4).
 * Addresses are checked with the form's rule before anything is sent; invalid and repeated entries
 * of a batch are listed, never sent.
 */

export const LookupInputSchema = z.object({ address: z.string().max(1000) });

/** What the DPP holds for an address or an Application ID, as the TA reads it. */
export const FoundApplicationSchema = z.object({
  applicationId: z.string().nullable(),
  status: z.string(),
  statusDate: z.string().nullable(),
  comments: z.string().nullable(),
  /** The type the DPP's answer implies (docs/dpp-contract.md, "Which certificate an answer is for"), or 'unknown'. */
  certificateType: z.enum(HISTORY_CERTIFICATE_TYPES).default(TYPE_NOT_KNOWN),
  /** What the certificate is for, as the answer names it: a Direct address, or an organizational certificate's domain. */
  directAddress: z.string().nullable().default(null),
  directDomain: z.string().nullable().default(null),
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

/**
 * Status lookup by Application ID (docs/dpp-contract.md §4): any application of any type, the only
 * lookup an organizational certificate has. The ID is checked with applicationIdProblem first.
 */
export const IdLookupInputSchema = z.object({ applicationId: z.string().max(1000) });
export const IdLookupAnswerSchema = LookupAnswerSchema.omit({ address: true }).extend({
  /** The Application ID as asked (trimmed). */
  applicationId: z.string(),
});
export type IdLookupAnswer = z.infer<typeof IdLookupAnswerSchema>;

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

/** Add a found application to History as tracked (applied for outside TA Desk): by its address, or by its Application ID. */
export const TrackInputSchema = z.object({ address: z.string().max(1000).optional(), applicationId: z.string().max(1000).optional() });
export const TrackedSchema = z.object({ id: z.string(), alreadyTracked: z.boolean() });
