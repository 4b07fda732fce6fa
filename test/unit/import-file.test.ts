import { describe, expect, it } from 'vitest';
import { batchAttestation, encodeChunk, importBatchLabel, MAX_IMPORT_ROWS } from '../../electron/contract/import.ts';
import { decodeFile, detectEncoding } from '../../electron/core/import/decode.ts';
import { autoMap, describeColumns, mapColumn } from '../../electron/core/import/mapping.ts';
import { columnName, parseCsv } from '../../electron/core/import/parse.ts';
import { patient, patientCsv, refusal, TEMPLATE_HEADER } from '../helpers/import-files.ts';

/** Reading an import file: encodings, CSV dialects, bad files, header mapping (the pure parts of import/). */
const utf8 = (text: string) => new TextEncoder().encode(text);

function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const units = [...(bom ? [0xfeff] : []), ...Array.from(text, (c) => c.charCodeAt(0))];
  units.forEach((u, i) => {
    out[i * 2 + (order === 'le' ? 0 : 1)] = u & 0xff;
    out[i * 2 + (order === 'le' ? 1 : 0)] = u >> 8;
  });
  return out;
}


describe('decoding an import file', () => {
  it('reads UTF-8 with and without the byte-order mark, and keeps the mark out of the first header', () => {
    const text = 'First name,Last name\r\nZoë,Núñez\r\n';
    const plain = decodeFile(utf8(text));
    const marked = decodeFile(utf8(`\uFEFF${text}`));
    expect(plain).toEqual({ state: 'text', text, encoding: 'utf-8', bom: false });
    expect(marked).toEqual({ state: 'text', text, encoding: 'utf-8', bom: true });
  });

  it('names UTF-16 and Windows-1252 and converts them only with consent', () => {
    const text = 'First name,Last name\r\nZoë,Núñez\r\n';
    for (const [bytes, encoding] of [
      [utf16(text, 'le', true), 'utf-16le'],
      [utf16(text, 'be', true), 'utf-16be'],
      [utf16(text, 'le', false), 'utf-16le'],
      [Uint8Array.from(Buffer.from(text, 'latin1')), 'windows-1252'],
    ] as const) {
      const asked = decodeFile(bytes);
      expect(asked.state).toBe('needs-encoding');
      if (asked.state !== 'needs-encoding') continue;
      expect(asked.encoding).toBe(encoding);
      expect(asked.message).toMatch(/not UTF-8/);
      // Consent to another encoding than the one found does not count.
      expect(decodeFile(bytes, encoding === 'windows-1252' ? 'utf-16le' : 'windows-1252').state).toBe('needs-encoding');
      expect(decodeFile(bytes, encoding)).toMatchObject({ state: 'text', text, encoding });
    }
  });

  it('refuses workbooks, PDFs, binary data and empty files, saying what to do', () => {
    expect(refusal(() => detectEncoding(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])))).toMatch(/workbook.*CSV UTF-8/);
    expect(refusal(() => detectEncoding(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 1])))).toMatch(/Excel 97/);
    expect(refusal(() => detectEncoding(utf8('%PDF-1.7\n')))).toMatch(/PDF/);
    expect(refusal(() => detectEncoding(Uint8Array.from({ length: 400 }, (_, i) => (i * 7) % 32)))).toMatch(/binary data/);
    expect(refusal(() => detectEncoding(new Uint8Array(0)))).toMatch(/empty/);
  });

  it('carries bytes as base64 chunks that decode to the same bytes', () => {
    const bytes = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 31) % 256);
    expect(Uint8Array.from(Buffer.from(encodeChunk(bytes), 'base64'))).toEqual(bytes);
  });
});

describe('parsing an import file', () => {
  it('reads comma, semicolon and tab files, CRLF, quoted line breaks, and numbers rows as a spreadsheet does', () => {
    const rows = [{ ...patient(1), notes: 'Line one\r\nline "two"; with, separators' }, patient(2)];
    for (const delimiter of [',', ';', '\t']) {
      const parsed = parseCsv(patientCsv(rows, { delimiter }));
      expect(parsed.delimiter).toBe(delimiter);
      expect(parsed.headers).toContain('Direct address');
      expect(parsed.records.map((r) => r.row)).toEqual([2, 3]);
      expect(parsed.records[0]?.cells[6]).toBe('Line one\r\nline "two"; with, separators');
    }
    // Blank lines are skipped but keep their place in the numbering.
    const gaps = parseCsv('First name,Last name\n\nAnn,Lee\n,\nBo,Kim\n');
    expect(gaps.records.map((r) => [r.row, r.cells[0]])).toEqual([
      [3, 'Ann'],
      [5, 'Bo'],
    ]);
  });

  it('refuses a file without columns, an unnamed or repeated header, stray values and unclosed quotes, naming row and column', () => {
    expect(refusal(() => parseCsv('just some text\nmore text\n'))).toMatch(/single column/);
    expect(refusal(() => parseCsv('First name,,City\nAnn,x,Troy\n'))).toBe(
      'Row 1, column B has no name, but row 2 has a value in that column. Give every column with values a name in the header row.',
    );
    expect(refusal(() => parseCsv('First name,City,city \nAnn,Troy,Troy\n'))).toMatch(/^Row 1: columns B and C are both named “City”/);
    expect(refusal(() => parseCsv('First name,City\nAnn,Troy\nBo,Troy,extra\n'))).toMatch(/^Row 3, column C has a value, but the header row has no column C/);
    expect(refusal(() => parseCsv('First name,City\nAnn,Troy\n"Bo,Troy\nCy,Rome\n'))).toMatch(/^Row 3: a quoted value is not closed/);
    expect(refusal(() => parseCsv('First name,City\n'))).toMatch(/no patients/);
    // An unnamed column with nothing in it (a trailing separator) is fine.
    expect(parseCsv('First name,City,\nAnn,Troy,\n').records).toHaveLength(1);
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} rows, saying how many and why`, () => {
    const text = `First name,City\n${'Ann,Troy\n'.repeat(MAX_IMPORT_ROWS + 5)}`;
    expect(refusal(() => parseCsv(text))).toMatch(/^This file has 10,005 patient rows\. One import takes at most 10,000 patients/);
    expect(parseCsv(`First name,City\n${'Ann,Troy\n'.repeat(MAX_IMPORT_ROWS)}`).records).toHaveLength(MAX_IMPORT_ROWS);
  });

  it('names columns as a spreadsheet does', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});

describe('mapping columns', () => {
  it('matches labels, JSON keys and field names ignoring case, spaces and punctuation; never the IAL2 column', () => {
    const headers = ['FIRST_NAME', 'last name', 'DirectAddress', 'e-mail', 'Notification-Address', 'Ial2Vetted', 'Full Name', 'first name'];
    const mapping = autoMap(headers);
    expect(mapping).toEqual(['firstName', 'lastName', 'directAddress', null, 'notificationAddress', null, 'fullName', null]);
    const columns = describeColumns(headers, mapping, mapping);
    expect(columns[5]?.note).toMatch(/never taken from a file/);
    expect(columns[3]).toEqual({ index: 3, header: 'e-mail', field: null, auto: false });
    // The saved template maps every column.
    expect(autoMap(TEMPLATE_HEADER).every((f) => f !== null)).toBe(true);
  });

  it('maps by hand: a field comes from one column only', () => {
    const mapping = mapColumn(['firstName', null, 'city'], 1, 'city');
    expect(mapping).toEqual(['firstName', 'city', null]);
    expect(mapColumn(mapping, 0, null)).toEqual([null, 'city', null]);
  });
});

describe('the words of a batch', () => {
  it('names the count in the attestation and the label, singular for one', () => {
    expect(batchAttestation(214)).toBe('I attest that the identity of each of these 214 patients was verified to IAL2 (NIST SP 800-63A)');
    expect(batchAttestation(1_500)).toContain('each of these 1,500 patients');
    expect(batchAttestation(1)).toBe('I attest that the identity of this patient was verified to IAL2 (NIST SP 800-63A)');
    expect(importBatchLabel('2026-11-28 09:14 +01:00', 1)).toBe('Import of 2026-11-28 09:14 +01:00 (1 patient)');
    expect(importBatchLabel('2026-11-28 09:14 +01:00', 2500)).toBe('Import of 2026-11-28 09:14 +01:00 (2,500 patients)');
  });
});
