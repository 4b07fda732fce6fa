import { setImmediate } from 'node:timers/promises';
import { IMPORT_ENCODING_LABELS, type ImportEncoding } from '../../contract/import-words.ts';
import { ImportFileError } from './errors.ts';

/**
 * From the bytes of a chosen file to text, or to a clear refusal. UTF-8 (with or without the
 * byte-order mark a spreadsheet's "CSV UTF-8" writes) is read at once. UTF-16 and Windows-1252
 * (Latin-1) are recognised and named, and converted only when the TA agreed: a wrong guess would
 * put wrong letters into patients' names on their certificates.
 */


const SAVE_AS_CSV = 'In your spreadsheet, choose File › Save As (or Download) › “CSV UTF-8”, then import that file.';

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** Files that are plainly something else, recognised by their first bytes. */
function otherFormat(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) return `This is a spreadsheet workbook (.xlsx, .ods) or another zipped file, not a CSV. ${SAVE_AS_CSV}`;
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) return `This is an Excel 97–2003 workbook (.xls), not a CSV. ${SAVE_AS_CSV}`;
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46)) return 'This is a PDF document, not a CSV. Import the CSV file your spreadsheet or practice system exported.';
  return undefined;
}

export interface Detected {
  encoding: ImportEncoding;
  /** Bytes of byte-order mark at the start (0 when none). */
  bomLength: number;
}

/** UTF-16 without a byte-order mark: ASCII text has a zero in every other byte. */
function utf16WithoutBom(sample: Uint8Array): ImportEncoding | undefined {
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = Math.floor(sample.length / 2);
  if (pairs === 0) return undefined;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Share of bytes in the sample that text never holds (controls other than tab, CR, LF, and NUL). */
function binaryShare(sample: Uint8Array): number {
  let odd = 0;
  for (const b of sample) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) odd++;
  return sample.length === 0 ? 0 : odd / sample.length;
}

/** What the first bytes tell; undefined when only the whole file can say (UTF-8, or else Windows-1252). */
function detectFromStart(bytes: Uint8Array): Detected | undefined {
  if (bytes.length === 0) throw new ImportFileError('The file is empty. Choose a CSV file with a header row and one row per patient.');
  const other = otherFormat(bytes);
  if (other) throw new ImportFileError(other);
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) return { encoding: 'utf-8', bomLength: 3 };
  if (startsWith(bytes, 0xff, 0xfe)) return { encoding: 'utf-16le', bomLength: 2 };
  if (startsWith(bytes, 0xfe, 0xff)) return { encoding: 'utf-16be', bomLength: 2 };
  const sample = bytes.subarray(0, 64 * 1024);
  const utf16 = utf16WithoutBom(sample);
  if (utf16) return { encoding: utf16, bomLength: 0 };
  // A few NULs can sit in a cell (flagged there); a file full of controls is not text at all.
  if (binaryShare(sample) > 0.05) {
    throw new ImportFileError(`This file is not a CSV: it holds binary data, not text. ${SAVE_AS_CSV}`);
  }
  return undefined;
}

const WINDOWS_1252: Detected = { encoding: 'windows-1252', bomLength: 0 };

export function detectEncoding(bytes: Uint8Array): Detected {
  const found = detectFromStart(bytes);
  if (found) return found;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    return WINDOWS_1252;
  }
}

/** What the TA is asked before a file in another encoding is converted. */
export function consentMessage(encoding: ImportEncoding): string {
  const found = IMPORT_ENCODING_LABELS[encoding];
  return (
    `This file is in ${found}, not UTF-8. TA Desk can convert it; check a few names with accents after converting. ` +
    `Or save it again from your spreadsheet as “CSV UTF-8” and import that file.`
  );
}

export type Decoded = { state: 'text'; text: string; encoding: ImportEncoding; bom: boolean } | { state: 'needs-encoding'; encoding: ImportEncoding; message: string };

/**
 * The file's text. `consented` is the encoding the TA agreed to convert from; it counts only when
 * it is the one detected (a UTF-8 file is never read as anything else).
 */
export function decodeFile(bytes: Uint8Array, consented?: ImportEncoding): Decoded {
  const { encoding, bomLength } = detectEncoding(bytes);
  if (encoding !== 'utf-8' && consented !== encoding) return { state: 'needs-encoding', encoding, message: consentMessage(encoding) };
  // ignoreBOM: the mark was measured above and is cut off here, so it never reaches a header.
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(bomLength));
  return { state: 'text', text, encoding, bom: bomLength > 0 };
}

/**
 * Bytes decoded between two turns of main's event loop by readText: a 50 MB file decoded (and
 * checked as UTF-8) at once held the loop 50–120 ms on a busy machine.
 */
export const DECODE_SLICE_BYTES = 1024 * 1024;

/** The decoder's text, DECODE_SLICE_BYTES at a time (a character split by a slice's edge is kept whole by `stream`). */
async function decodeInSlices(decoder: TextDecoder, bytes: Uint8Array): Promise<string> {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += DECODE_SLICE_BYTES) {
    if (i > 0) await setImmediate();
    parts.push(decoder.decode(bytes.subarray(i, i + DECODE_SLICE_BYTES), { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/**
 * decodeFile for reading a file in main, with a turn of the event loop between slices. A file
 * the first bytes do not place is decoded as UTF-8 at once with the check (one pass, not two);
 * a byte that is not UTF-8 makes it Windows-1252, asked as decodeFile asks.
 */
export async function readText(bytes: Uint8Array, consented?: ImportEncoding): Promise<Decoded> {
  let detected = detectFromStart(bytes);
  if (!detected) {
    try {
      const text = await decodeInSlices(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }), bytes);
      return { state: 'text', text, encoding: 'utf-8', bom: false };
    } catch (err) {
      if (!(err instanceof TypeError)) throw err;
      detected = WINDOWS_1252;
    }
  }
  const { encoding, bomLength } = detected;
  if (encoding !== 'utf-8' && consented !== encoding) return { state: 'needs-encoding', encoding, message: consentMessage(encoding) };
  const text = await decodeInSlices(new TextDecoder(encoding, { ignoreBOM: true }), bytes.subarray(bomLength));
  return { state: 'text', text, encoding, bom: bomLength > 0 };
}
