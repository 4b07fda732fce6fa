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

/** The sentence the TA reads when the DPP has nothing with that Application ID. */
export function notFoundByIdMessage(applicationId: string, environmentName: string): string {
  return `No application was found with Application ID ${applicationId} at ${environmentName}.`;
}

/** Longest Application ID TA Desk sends (the practice DPP's are 9 characters). */
export const MAX_APPLICATION_ID = 64;

/**
 * What the TA typed in the lookup's one field: a Direct address always has an @, an Application
 * ID never does (docs/dpp-contract.md §2 and §4), so the field needs no second choice.
 */
export function lookupKind(text: string): 'address' | 'applicationId' {
  return text.includes('@') ? 'address' : 'applicationId';
}

/** Why this is not an Application ID TA Desk can ask for, in words; undefined when it is one. */
export function applicationIdProblem(raw: string): string | undefined {
  const id = raw.trim();
  if (id === '') return 'Enter a Direct address or an Application ID.';
  if (id.length > MAX_APPLICATION_ID) return `An Application ID is at most ${MAX_APPLICATION_ID} characters.`;
  // Letters, digits and the separators numbers use: nothing that would change the request's meaning.
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id)) {
    return 'This is neither a Direct address (it has an @) nor an Application ID (letters, digits and hyphens, like PC-000123).';
  }
  return undefined;
}
