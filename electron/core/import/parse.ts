import { setImmediate } from 'node:timers';
import Papa from 'papaparse';
import type { CertificateType } from '../../contract/certificate-types.ts';
import { IMPORT_DELIMITERS, IMPORT_NOUNS, importCapReason, MAX_IMPORT_ROWS, type ImportDelimiter } from '../../contract/import-words.ts';
import { ImportFileError } from './errors.ts';

/**
 * The CSV text as a header and records, read by papaparse (quoted fields with line breaks, CRLF,
 * comma, semicolon or tab found from the file). Rows are numbered as a spreadsheet shows them
 * (a record spanning several lines is one row), so every message names the row the TA can
 * find. Blank rows are skipped but keep their number; the first row that is not blank is the header.
 */
export interface ParsedFile {
  delimiter: ImportDelimiter;
  headers: string[];
  records: { row: number; cells: string[] }[];
}

/**
 * Characters papaparse reads between two turns of main's event loop in readCsv: a few
 * milliseconds of parsing each, so a big file never holds IPC answers, the idle lock or the
 * outbox for long (a whole 10,000-row file parsed at once held them for 40–110 ms).
 */
export const PARSE_CHUNK_CHARS = 64 * 1024;

/** Spreadsheet column name of a 0-based index: A … Z, AA … */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/** Headers compare without case, spaces or punctuation ("Direct Address" = "direct_address"). */
export function headerKey(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

function checkHeaders(headerRow: number, headers: string[], records: ParsedFile['records']): void {
  const seen = new Map<string, number>();
  headers.forEach((header, index) => {
    const key = headerKey(header);
    if (key === '') {
      const used = records.find((r) => (r.cells[index] ?? '').trim() !== '');
      if (used) {
        throw new ImportFileError(
          `Row ${headerRow}, column ${columnName(index)} has no name, but row ${used.row} has a value in that column. Give every column with values a name in the header row.`,
        );
      }
      return;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      throw new ImportFileError(
        `Row ${headerRow}: columns ${columnName(first)} and ${columnName(index)} are both named “${headers[first]?.trim()}”. Rename or remove one of them, so each value goes to one field.`,
      );
    }
    seen.set(key, index);
  });
}

/**
 * The rows papaparse gives, taken one part of the file at a time (all at once by parseCsv, a
 * chunk per turn of the event loop by readCsv), then checked as a whole by finish().
 */
class FileRows {
  /** Rows seen so far, blank ones included: the next row's number is seen + 1. */
  #seen = 0;
  #header: { row: number; cells: string[] } | undefined;
  readonly #records: ParsedFile['records'] = [];
  /** Rows past the cap are counted, not kept (the refusal names how many the file has). */
  #overCap = 0;

  constructor(readonly type: CertificateType) {}

  add(rows: readonly string[][], errors: readonly Papa.ParseError[]): void {
    // Row of an error: its index among the rows of this part, which start after the rows seen.
    // An error on a row not given (the part's last, cut by the chunk's edge) is not yet one:
    // papaparse reads that row again with the next chunk. A closing quote whose CRLF the edge
    // split between "\r" and "\n" is reported so, and is fine once the "\n" arrives.
    const quoteError = errors.find((e) => e.type === 'Quotes' && (e.row ?? 0) < rows.length);
    if (quoteError) {
      const row = this.#seen + (quoteError.row ?? 0) + 1;
      throw new ImportFileError(
        `Row ${row}: a quoted value is not closed (a " without its pair), so the rest of the file cannot be read as rows. Fix the quotes on row ${row} and import the file again.`,
      );
    }
    for (const cells of rows) {
      const row = ++this.#seen;
      if (isBlank(cells)) continue;
      if (!this.#header) this.#header = { row, cells };
      else if (this.#records.length < MAX_IMPORT_ROWS) this.#records.push({ row, cells });
      else this.#overCap++;
    }
  }

  finish(delimiterFound: string | undefined): ParsedFile {
    const { one, many } = IMPORT_NOUNS[this.type];
    // The header names of the type's form, as the refusal of a one-column file suggests them.
    const example = this.type === 'organization' ? 'Direct domain, Alternate name, City …' : 'First name, Last name, Direct address …';
    if (!this.#header) throw new ImportFileError(`The file has no rows. Choose a CSV file with a header row and one row per ${one}.`);
    const headerRow = this.#header.row;
    const headers = this.#header.cells.map((h) => h.trim());
    // One column only: nothing separated the values with commas, semicolons or tabs.
    if (headers.length < 2) {
      throw new ImportFileError(
        `This does not look like a CSV of ${many}: the first row has a single column. The header row names the columns (${example}), separated by commas, semicolons or tabs.`,
      );
    }
    const records = this.#records;
    if (this.#overCap > 0) {
      const total = records.length + this.#overCap;
      throw new ImportFileError(`This file has ${total.toLocaleString('en-US')} ${one} rows. ${importCapReason(this.type)}`);
    }
    if (records.length === 0) throw new ImportFileError(`The file has a header row but no ${many}. Add one row per ${one} under the header.`);
    checkHeaders(headerRow, headers, records);
    const extra = records.find((r) => r.cells.slice(headers.length).some((c) => c.trim() !== ''));
    if (extra) {
      const index = headers.length + extra.cells.slice(headers.length).findIndex((c) => c.trim() !== '');
      throw new ImportFileError(
        `Row ${extra.row}, column ${columnName(index)} has a value, but the header row has no column ${columnName(index)}. Add a name for it in the header row, or remove the value.`,
      );
    }
    const delimiter = (IMPORT_DELIMITERS as readonly string[]).includes(delimiterFound ?? '') ? (delimiterFound as ImportDelimiter) : ',';
    return { delimiter, headers, records };
  }
}

/** The whole text at once. `type`: the certificate type being imported, for the words of a refusal ("patients", "people", "domains"). */
export function parseCsv(text: string, type: CertificateType = 'patient'): ParsedFile {
  const rows = new FileRows(type);
  const parsed = Papa.parse<string[]>(text, { delimitersToGuess: [...IMPORT_DELIMITERS], skipEmptyLines: false });
  rows.add(parsed.data, parsed.errors);
  return rows.finish(parsed.meta.delimiter);
}

/**
 * Chunks in a row that end inside one row (a quoted value open for 1 MB) before readCsv reads the
 * whole text at once instead: papaparse reads that open row again with every chunk, which for an
 * unclosed quote near the top of a 50 MB file took 38 s. No application's row is that long, so
 * only a broken file takes this way (one block, as long as parseCsv takes for it).
 */
const OPEN_ROW_CHUNKS = 16;

/**
 * The same as parseCsv, read PARSE_CHUNK_CHARS at a time with a turn of the event loop between
 * chunks (papaparse pauses and resumes), for reading a file in main.
 */
export function readCsv(text: string, type: CertificateType = 'patient'): Promise<ParsedFile> {
  const rows = new FileRows(type);
  let delimiter: string | undefined;
  let openRowChunks = 0;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (read: () => ParsedFile) => {
      settled = true;
      try {
        resolve(read());
      } catch (err) {
        reject(err);
      }
    };
    Papa.parse<string[]>(text, {
      delimitersToGuess: [...IMPORT_DELIMITERS],
      skipEmptyLines: false,
      chunkSize: PARSE_CHUNK_CHARS,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        delimiter ??= results.meta.delimiter;
        openRowChunks = results.data.length === 0 ? openRowChunks + 1 : 0;
        if (openRowChunks >= OPEN_ROW_CHUNKS) {
          settle(() => parseCsv(text, type));
          parser.abort();
          return;
        }
        try {
          rows.add(results.data, results.errors);
        } catch (err) {
          settled = true;
          reject(err);
          parser.abort();
          return;
        }
        parser.pause();
        setImmediate(() => parser.resume());
      },
      complete() {
        if (!settled) settle(() => rows.finish(delimiter));
      },
    });
  });
}
