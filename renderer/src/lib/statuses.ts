/**
 * The words and colours for DPP statuses, for every renderer view (History's rows, filters,
 * detail and timeline). The names mirror the contract's dpp-statuses module that core is adding:
 * once it lands, the map below goes and these re-export it (one import changes).
 */
const DPP_STATUS_LABELS = {
  PendingReview: 'Pending review',
  Approved: 'Approved',
  CertificateIssued: 'Certificate issued',
  Provisioned: 'Provisioned',
  Rejected: 'Rejected',
} as const;
type DppStatus = keyof typeof DPP_STATUS_LABELS;

/** The DPP's lifecycle, in order. */
export const DPP_STATUSES = Object.keys(DPP_STATUS_LABELS) as DppStatus[];

export function isKnownDppStatus(status: string | null | undefined): status is DppStatus {
  return typeof status === 'string' && Object.hasOwn(DPP_STATUS_LABELS, status);
}

/** A status the DPP invented after we shipped is shown as it came. */
export function dppStatusLabel(status: string): string {
  return isKnownDppStatus(status) ? DPP_STATUS_LABELS[status] : status;
}

/** As the views show it: no status yet is an em dash. */
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
