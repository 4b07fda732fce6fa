/**
 * A date input's day (YYYY-MM-DD) as the instant it starts or ends in the TA's own time zone:
 * "submitted from the 3rd" means their midnight, not UTC's. Anything else is no bound at all.
 */
export function localDay(value: string, end: boolean): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const date = end ? new Date(y, m, d, 23, 59, 59, 999) : new Date(y, m, d);
  // new Date() rolls 2026-02-31 over into March: that is not a day the TA picked.
  if (date.getFullYear() !== y || date.getMonth() !== m || date.getDate() !== d) return undefined;
  return date.toISOString();
}
