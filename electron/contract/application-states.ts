/**
 * The states of an application in TA Desk, defined once for core, store, renderer and exports
 * (docs/architecture.md, "The application state machine"):
 * draft → queued → sending → submitted (then the DPP's statuses) | needs-attention | unknown-outcome.
 * Stored as these codes; shown to the TA as the words below.
 */
export const APPLICATION_STATES = ['draft', 'queued', 'sending', 'submitted', 'needs-attention', 'unknown-outcome'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

/** The states a TA may still edit or delete: nothing of them has reached (or may reach) the DPP. */
export const EDITABLE_STATES: readonly ApplicationState[] = ['draft', 'needs-attention'];

/** Words for each state, where a TA reads one. */
export const APPLICATION_STATE_LABELS: Record<ApplicationState, string> = {
  draft: 'Draft',
  queued: 'Queued',
  sending: 'Sending',
  submitted: 'Submitted',
  'needs-attention': 'Needs attention',
  'unknown-outcome': 'Outcome unknown',
};

export function applicationStateLabel(state: ApplicationState): string {
  return APPLICATION_STATE_LABELS[state];
}
