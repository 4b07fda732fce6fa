/** The DPP's lifecycle statuses in words; any other status is shown verbatim. */
const KNOWN_STATUSES: Record<string, string> = {
  PendingReview: 'Pending review',
  Approved: 'Approved',
  CertificateIssued: 'Certificate issued',
  Provisioned: 'Provisioned',
  Rejected: 'Rejected',
};

export const statusLabel = (status: string | null): string => (status === null ? '—' : (KNOWN_STATUSES[status] ?? status));
