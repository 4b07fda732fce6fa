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

/** `type`: the certificate type being imported, for the words of a refusal ("patients", "people", "domains"). */
export function parseCsv(text: string, type: CertificateType = 'patient'): ParsedFile {
  const { one, many } = IMPORT_NOUNS[type];
  // The header names of the type's form, as the refusal of a one-column file suggests them.
  const example = type === 'organization' ? 'Direct domain, Alternate name, City …' : 'First name, Last name, Direct address …';
  const parsed = Papa.parse<string[]>(text, { delimitersToGuess: [...IMPORT_DELIMITERS], skipEmptyLines: false });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    const row = (quoteError.row ?? 0) + 1;
    throw new ImportFileError(
      `Row ${row}: a quoted value is not closed (a " without its pair), so the rest of the file cannot be read as rows. Fix the quotes on row ${row} and import the file again.`,
    );
  }
  const rows = parsed.data;
  const headerIndex = rows.findIndex((r) => !isBlank(r));
  if (headerIndex < 0) throw new ImportFileError(`The file has no rows. Choose a CSV file with a header row and one row per ${one}.`);
  const headers = (rows[headerIndex] ?? []).map((h) => h.trim());
  // One column only: nothing separated the values with commas, semicolons or tabs.
  if (headers.length < 2) {
    throw new ImportFileError(
      `This does not look like a CSV of ${many}: the first row has a single column. The header row names the columns (${example}), separated by commas, semicolons or tabs.`,
    );
  }
  const records: ParsedFile['records'] = [];
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const cells = rows[i] ?? [];
    if (isBlank(cells)) continue;
    records.push({ row: i + 1, cells });
    if (records.length > MAX_IMPORT_ROWS) break;
  }
  if (records.length > MAX_IMPORT_ROWS) {
    const total = rows.slice(headerIndex + 1).filter((r) => !isBlank(r)).length;
    throw new ImportFileError(`This file has ${total.toLocaleString('en-US')} ${one} rows. ${importCapReason(type)}`);
  }
  if (records.length === 0) throw new ImportFileError(`The file has a header row but no ${many}. Add one row per ${one} under the header.`);
  checkHeaders(headerIndex + 1, headers, records);
  const extra = records.find((r) => r.cells.slice(headers.length).some((c) => c.trim() !== ''));
  if (extra) {
    const index = headers.length + extra.cells.slice(headers.length).findIndex((c) => c.trim() !== '');
    throw new ImportFileError(
      `Row ${extra.row}, column ${columnName(index)} has a value, but the header row has no column ${columnName(index)}. Add a name for it in the header row, or remove the value.`,
    );
  }
  const delimiter = (IMPORT_DELIMITERS as readonly string[]).includes(parsed.meta.delimiter) ? (parsed.meta.delimiter as ImportDelimiter) : ',';
  return { delimiter, headers, records };
}
