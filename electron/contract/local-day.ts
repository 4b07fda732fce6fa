/**
 * History's date filters name whole days in the TA's own time zone (the computer's), never UTC's:
 * "submitted on 10 March" means from the TA's midnight to the next, however long that day is
 * (23 or 25 hours when the clocks change). A date-only value (YYYY-MM-DD, as a date input gives
 * it) becomes the instant its day starts or ends there; anything else is taken as an instant
 * already and returned as given. Zod-free, for the core and the renderer alike.
 */
export function localDayEdge(value: string, edge: 'start' | 'end'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const start = new Date(year, month, day);
  // The end is the last millisecond before the next local midnight, not "start + 24 h".
  const at = edge === 'start' ? start : new Date(new Date(year, month, day + 1).getTime() - 1);
  return at.toISOString();
}
