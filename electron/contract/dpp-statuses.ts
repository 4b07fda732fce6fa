/**
 * The DPP's provisioning statuses (docs/dpp-contract.md: the names are assumed, and the DPP may
 * send others), defined once for the DPP client, the practice DPP, the poller, History, CSV
 * exports and the audit log. Stored and sent as the DPP spells them; shown as words.
 */
export const DPP_STATUS = {
  pendingReview: 'PendingReview',
  approved: 'Approved',
  certificateIssued: 'CertificateIssued',
  provisioned: 'Provisioned',
  rejected: 'Rejected',
} as const;
export type DppStatus = (typeof DPP_STATUS)[keyof typeof DPP_STATUS];

/** The lifecycle in order (Rejected may follow any of the first three). */
export const DPP_STATUSES: readonly DppStatus[] = Object.values(DPP_STATUS);

/** Statuses after which nothing more happens: polling stops, history may be purged. */
export const FINAL_DPP_STATUSES: readonly DppStatus[] = [DPP_STATUS.provisioned, DPP_STATUS.rejected];

export const DPP_STATUS_LABELS: Record<DppStatus, string> = {
  PendingReview: 'Pending review',
  Approved: 'Approved',
  CertificateIssued: 'Certificate issued',
  Provisioned: 'Provisioned',
  Rejected: 'Rejected',
};

export function isKnownDppStatus(status: string | null | undefined): status is DppStatus {
  return typeof status === 'string' && Object.hasOwn(DPP_STATUS_LABELS, status);
}

export function isFinalDppStatus(status: string | null | undefined): boolean {
  return isKnownDppStatus(status) && FINAL_DPP_STATUSES.includes(status);
}

/** The words for a status; a status the DPP invented after we shipped is shown as it came. */
export function dppStatusLabel(status: string): string {
  return isKnownDppStatus(status) ? DPP_STATUS_LABELS[status] : status;
}
