/** The DPP's statuses as a TA reads them; any status TA Desk does not know is shown verbatim. */
const STATUS_WORDS: Record<string, string> = {
  PendingReview: 'Pending review',
  Approved: 'Approved',
  CertificateIssued: 'Certificate issued',
  Provisioned: 'Provisioned',
  Rejected: 'Rejected',
};

export function statusLabel(status: string | null | undefined): string {
  if (!status) return '—';
  return STATUS_WORDS[status] ?? status;
}
