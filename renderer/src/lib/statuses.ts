import { DPP_STATUSES, dppStatusLabel, isKnownDppStatus } from '$contract/dpp-statuses.ts';

/**
 * How the views show DPP statuses (History's rows, filters, detail and timeline): the words come
 * from the contract; the colour classes belong to StatusBadge.svelte.
 */

/** No status yet is an em dash. */
export const statusLabel = (status: string | null): string => (status === null ? '—' : dppStatusLabel(status));

/** The StatusBadge colour class of a status; unknown ones share one colour. */
export const statusTone = (status: string | null): string => (isKnownDppStatus(status) ? `status-${status.toLowerCase()}` : 'status-other');

/** Lifecycle order first, then any other status A→Z. */
export function orderStatuses(statuses: Iterable<string>): string[] {
  const all = new Set(statuses);
  const known = DPP_STATUSES.filter((s) => all.has(s));
  const other = [...all].filter((s) => !isKnownDppStatus(s)).sort();
  return [...known, ...other];
}
