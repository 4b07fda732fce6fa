import { DPP_STATUS } from '../contract/dpp-statuses.ts';

export const REJECT_TRIGGER = '#reject';
export const REJECT_COMMENT = 'Identity could not be verified to IAL2.';

/** PendingReview → Approved → CertificateIssued → Provisioned, one step per `stepMs`. */
const STEPS = [DPP_STATUS.pendingReview, DPP_STATUS.approved, DPP_STATUS.certificateIssued, DPP_STATUS.provisioned] as const;

/** When an application received at `submittedAt` reaches CertificateIssued (unless rejected). */
export function issuedAt(submittedAt: number, stepMs: number): number {
  return submittedAt + STEPS.indexOf(DPP_STATUS.certificateIssued) * stepMs;
}

export interface LifecycleState {
  status: string;
  statusDate: number;
  comments: string | null;
}

/**
 * Status of an application `elapsed` ms after it was received. Notes containing #reject are
 * Rejected at the review step (the first step), with the documented comment.
 */
export function statusAt(submittedAt: number, now: number, stepMs: number, notes: string | undefined): LifecycleState {
  const steps = Math.max(0, Math.floor((now - submittedAt) / stepMs));
  if (notes?.includes(REJECT_TRIGGER) && steps >= 1) {
    return { status: DPP_STATUS.rejected, statusDate: submittedAt + stepMs, comments: REJECT_COMMENT };
  }
  const index = Math.min(steps, STEPS.length - 1);
  return { status: STEPS[index] ?? DPP_STATUS.pendingReview, statusDate: submittedAt + index * stepMs, comments: null };
}
