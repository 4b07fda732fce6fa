/**
 * Times as they leave the app (CSV exports): the TA's wall time (the computer's time zone, the
 * same for main and the window) with its UTC offset, so a reader elsewhere is not misled.
 * Day boundaries for filters are local-day.ts's.
 */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const two = (n: number) => String(n).padStart(2, '0');

/**
 * "2026-11-28 09:14 +01:00". No time gives ''; a date without a time stays as it is (it names a
 * day, not an instant); text that is no time at all is shown as it came.
 */
export function localTimeWithOffset(iso: string | null | undefined): string {
  if (!iso) return '';
  if (DATE_ONLY.test(iso)) return iso;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const offset = -at.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())} ${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}
