/** Dates as the TA reads them: local time, short. Unknown → an em dash. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Offer a CSV (or any text) as a download, without a round trip through a URL the CSP would block. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "1 application", "2,000 applications". */
export const plural = (n: number, one: string, many: string): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** A calendar day ("2027-11-28", or an ISO time) as the TA reads it, without a time. Unknown → an em dash. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '—';
  // A bare date is that day where the TA is, not midnight UTC (which is the day before in the US).
  const d = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00`) : new Date(day);
  return Number.isNaN(d.getTime()) ? day : d.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/**
 * 2,000 — digits grouped as en-US does, without Intl: the first toLocaleString() in a new window
 * loads ICU's number data (~40 ms), and the form's character count is on the way to first paint.
 */
export const groupDigits = (n: number): string => String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
