import { DPP_STATUS } from './dpp-statuses.ts';

/**
 * When an issued certificate lapses (docs/dpp-contract.md, "How long a certificate lasts"): its
 * duration in years from its issue date. Without automatic renewal the TA must apply again
 * before then; TA Desk says so 60, 30 and 7 days ahead, and History can list what expires soon.
 */
export const EXPIRY_NOTICE_DAYS = [60, 30, 7] as const;
/** "Expiring soon" in History: within this many days, not renewing by itself. */
export const EXPIRING_SOON_DAYS = 60;

/**
 * The calendar day (YYYY-MM-DD, UTC) a certificate issued at `issuedAt` lapses after `years`.
 * One issued on 29 February lapses on 28 February (the earlier day: a notice is never late).
 */
export function expiryDay(issuedAt: string, years: number): string | null {
  const issued = new Date(issuedAt);
  if (Number.isNaN(issued.getTime()) || !Number.isInteger(years) || years < 1) return null;
  const year = issued.getUTCFullYear() + years;
  const month = issued.getUTCMonth();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(issued.getUTCDate(), lastDay);
  return new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);
}

/** Whole days from `now` to the start of `day` (UTC); negative once it has begun. */
export function daysUntilExpiry(day: string, now: Date): number {
  return Math.ceil((Date.parse(`${day}T00:00:00Z`) - now.getTime()) / 86_400_000);
}

/**
 * Whether an earlier application still holds its Direct address or domain, so that the DPP
 * refuses another for it (docs/dpp-contract.md, "Applying again", assumed): one under review, or
 * with a certificate further than EXPIRING_SOON_DAYS from lapsing (or lapsing on a day not
 * known), does; a rejected one does not (the TA corrects it and applies again), nor a certificate
 * within that window or lapsed (the TA applies again before it lapses). One rule for the
 * practice DPP and for the review's words; days counted in UTC, as the DPP counts them.
 */
export function holdsSubject(status: string | null, expiresOn: string | null, now: Date): boolean {
  if (status === DPP_STATUS.rejected) return false;
  if (status !== DPP_STATUS.certificateIssued && status !== DPP_STATUS.provisioned) return true;
  return expiresOn === null || daysUntilExpiry(expiresOn, now) > EXPIRING_SOON_DAYS;
}
