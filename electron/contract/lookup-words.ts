/**
 * Status lookup's names and words, zod-free so the renderer can import them without the schemas
 * (lookup.ts attaches the schemas to these names).
 */
/** Most addresses one batch takes; a bigger list is refused with this number in the message. */
export const MAX_BATCH_ADDRESSES = 5000;
/** Largest pasted text or CSV file a batch accepts (characters). */
export const MAX_BATCH_TEXT = 2_000_000;

export const BATCH_STATES = ['running', 'finished', 'cancelled', 'stopped'] as const;
export type BatchState = (typeof BATCH_STATES)[number];

export const BATCH_OUTCOMES = ['found', 'not-found', 'failed', 'not-looked-up'] as const;
export type BatchOutcome = (typeof BATCH_OUTCOMES)[number];

/** Outcomes of a batch in words, for the table, its filter and the CSV export. */
export const BATCH_OUTCOME_LABELS: Record<BatchOutcome, string> = {
  found: 'Found',
  'not-found': 'No application',
  failed: 'Could not check',
  'not-looked-up': 'Not looked up (cancelled)',
};

/** The sentence the TA reads when the DPP has nothing for an address. */
export function notFoundMessage(address: string, environmentName: string): string {
  return `No application was found for ${address} at ${environmentName}.`;
}
