import Papa from 'papaparse';
import { DirectAddressSchema } from '../../contract/application.ts';
import { MAX_BATCH_ADDRESSES, type SkippedEntry } from '../../contract/lookup.ts';

/**
 * The addresses of a batch lookup, from what the TA pasted (one per line, or separated by commas
 * or semicolons) or from a CSV file with a column of addresses. Each entry is checked with the
 * form's Direct address rule; invalid and repeated entries are set aside with the reason.
 */
export interface CheckedList {
  /** Valid, first occurrences, in the order given (domain lower-cased). */
  addresses: string[];
  skipped: SkippedEntry[];
}

/** A batch that cannot be read at all (an empty file, no address column, too many addresses). */
export class AddressListError extends Error {
  override name = 'AddressListError';
}

/** Entries of a pasted list: newlines, commas and semicolons all separate. */
export function splitPastedList(text: string): string[] {
  return text
    .split(/[\r\n,;]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const HEADER_HINT = /direct|address|e-?mail/i;

/**
 * The address column of a CSV file: the one whose header names it ("Direct address", "Email"…),
 * else the column where most cells look like addresses. The header row, when there is one, is
 * not an entry.
 */
export function addressesFromCsv(text: string): string[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const rows = parsed.data.filter((r) => Array.isArray(r) && r.some((c) => c.trim() !== ''));
  if (rows.length === 0) throw new AddressListError('The file has no rows. Choose a CSV file with a column of Direct addresses.');
  const width = Math.max(...rows.map((r) => r.length));
  const header = rows[0] ?? [];
  const headerIsNames = header.every((c) => !c.includes('@'));
  const body = headerIsNames ? rows.slice(1) : rows;
  const score = (col: number) => body.filter((r) => (r[col] ?? '').includes('@')).length;
  let column = -1;
  if (headerIsNames) {
    const named = header.map((c, i) => ({ i, hit: HEADER_HINT.test(c) && score(i) > 0 })).filter((c) => c.hit);
    // "Direct address" beats a plain "Email" (a notification address column, say).
    column = (named.find((c) => /direct/i.test(header[c.i] ?? '')) ?? named[0])?.i ?? -1;
  }
  if (column < 0) {
    let best = 0;
    for (let col = 0; col < width; col++) {
      const s = score(col);
      if (s > best) [best, column] = [s, col];
    }
  }
  if (column < 0) throw new AddressListError('No column of the file holds addresses. Choose a CSV file with a column of Direct addresses.');
  return body.map((r) => (r[column] ?? '').trim()).filter((s) => s.length > 0);
}

/** Check each entry with the Direct address rule and drop repeats (compared without case). */
export function checkAddresses(entries: readonly string[]): CheckedList {
  if (entries.length === 0) throw new AddressListError('There are no addresses to look up. Paste at least one Direct address.');
  const seen = new Set<string>();
  const addresses: string[] = [];
  const skipped: SkippedEntry[] = [];
  for (const entry of entries) {
    const parsed = DirectAddressSchema.safeParse(entry);
    if (!parsed.success) {
      skipped.push({ entry, reason: parsed.error.issues[0]?.message ?? 'This is not a Direct address.' });
      continue;
    }
    const key = parsed.data.toLowerCase();
    if (seen.has(key)) {
      skipped.push({ entry, reason: 'Listed more than once: looked up once.' });
      continue;
    }
    seen.add(key);
    addresses.push(parsed.data);
  }
  if (addresses.length > MAX_BATCH_ADDRESSES) {
    throw new AddressListError(`This list has ${addresses.length} addresses; one lookup takes at most ${MAX_BATCH_ADDRESSES}. Split it into smaller lists.`);
  }
  return { addresses, skipped };
}

export function readAddressList(text: string, format: 'list' | 'csv'): CheckedList {
  return checkAddresses(format === 'csv' ? addressesFromCsv(text) : splitPastedList(text));
}
