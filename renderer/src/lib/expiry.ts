import { formatDay } from './format.ts';

const DAY_MS = 86_400_000;

/** Whole days from today (the TA's) to a calendar day; negative once it has passed. */
export function daysUntil(day: string, now: Date = new Date()): number {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  const target = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1);
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((target - today) / DAY_MS);
}

/**
 * A certificate's expiry in words: when, how soon, and whether it renews by itself. "Expires
 * 28 Nov 2027 (in 45 days)", "Expired 2 Jan 2026", "Renews automatically on 28 Nov 2027".
 */
export function expiryWords(day: string, autoRenew: boolean | null | undefined, now: Date = new Date()): string {
  const when = formatDay(day);
  const left = daysUntil(day, now);
  if (autoRenew) return left < 0 ? `Renewal was due ${when}` : `Renews automatically on ${when}`;
  if (left < 0) return `Expired ${when}`;
  if (left === 0) return `Expires today (${when})`;
  return `Expires ${when} (in ${left} ${left === 1 ? 'day' : 'days'})`;
}
