import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_ROWS } from '../../electron/contract/import.ts';
import { PARSE_CHUNK_CHARS, parseCsv, readCsv } from '../../electron/core/import/parse.ts';
import { patient, patientCsv, refusal, refusalOf } from '../helpers/import-files.ts';
import { loopTurns } from '../helpers/loop-turns.ts';

/**
 * readCsv (main reads a file a chunk per turn of the event loop) gives what parseCsv gives for
 * the whole text at once: the same rows and numbers when a quoted line break, a blank line or a
 * CRLF falls on a chunk's edge, and the same refusal, naming the same row, for a fault far
 * into the file.
 */

/** Rows of varied length with quoted line breaks, separators and quotes, so chunk edges land everywhere. */
function manyRows(count: number) {
  return Array.from({ length: count }, (_, i) => ({ ...patient(i), notes: `Line one\r\nline "${'x'.repeat(i % 97)}"; with, separators\n${i}` }));
}

describe('reading an import file a chunk at a time', () => {
  it('gives the same rows, row numbers and delimiter as reading the whole text at once', async () => {
    for (const delimiter of [',', ';', '\t']) {
      const text = patientCsv(manyRows(3000), { delimiter });
      // Blank lines in the middle keep their place in the numbering.
      const withGaps = text.replace(`\r\nPat1500${delimiter}`, `\r\n\r\n ${delimiter} \r\nPat1500${delimiter}`);
      expect(withGaps.length).toBeGreaterThan(5 * PARSE_CHUNK_CHARS);
      const whole = parseCsv(withGaps);
      const chunked = await readCsv(withGaps);
      expect(chunked).toEqual(whole);
      expect(chunked.delimiter).toBe(delimiter);
      expect(chunked.records).toHaveLength(3000);
      expect(chunked.records.at(-1)?.row).toBe(3001 + 2);
      expect(chunked.records.at(-1)?.cells[6]).toBe(`Line one\r\nline "${'x'.repeat(2999 % 97)}"; with, separators\n2999`);
    }
  });

  it('reads every row the same wherever a chunk edge falls: inside quotes, between a quote and its CRLF, inside CRLF, on an escaped quote', async () => {
    // Each pattern is 34 characters; a first row padded by 0–40 characters puts the first chunk
    // edge on every character of it.
    const pattern = 'Ann,"Lee ""Jr"", x\r\ny"\r\nBo,Kim\r\n';
    for (let pad = 0; pad <= 40; pad++) {
      const text = `First name,Last name\r\nPad${'x'.repeat(pad)},y\r\n${pattern.repeat(Math.ceil((1.5 * PARSE_CHUNK_CHARS) / pattern.length))}`;
      const chunked = await readCsv(text);
      expect(chunked).toEqual(parseCsv(text));
      expect(chunked.records[1]?.cells).toEqual(['Ann', 'Lee "Jr", x\r\ny']);
    }
  });

  it('refuses a fault far into the file as the whole-text read does, naming the same row', async () => {
    const lines = patientCsv(manyRows(3000)).split('\r\n');
    const late = (row: number, replace: (line: string) => string) => lines.map((l, i) => (i === row - 1 ? replace(l) : l)).join('\r\n');
    const faults = [
      // An unclosed quote on row 2,500 (lines and rows differ: the notes hold line breaks, so find it by name).
      patientCsv(manyRows(3000)).replace('Pat2500,', '"Pat2500,'),
      late(lines.length - 3, (l) => `${l},extra`),
      `First name,City\n${'Ann,Troy upon the river\n'.repeat(MAX_IMPORT_ROWS + 5)}`,
    ];
    for (const text of faults) {
      expect(text.length).toBeGreaterThan(2 * PARSE_CHUNK_CHARS);
      const whole = refusal(() => parseCsv(text));
      expect(await refusalOf(() => readCsv(text))).toBe(whole);
    }
    expect(await refusalOf(() => readCsv(faults[0] as string))).toMatch(/^Row 2502: a quoted value is not closed/);
    expect(await refusalOf(() => readCsv(faults[2] as string))).toMatch(/^This file has 10,005 patient rows/);
  });

  it('reads a row open for over a megabyte (a quote closed late, or never) as the whole-text read does', async () => {
    const rest = patientCsv(manyRows(200)).split('\r\n').slice(1).join('\r\n');
    const huge = `"${'A long remark, with commas\r\nand line breaks. '.repeat(40_000)}"`;
    const closedLate = `First name,Last name,City,State,Direct address,Notification address,Notes\r\nAnn,Lee,Troy,NY,ann@direct.practice.example,ann@example.org,${huge}\r\n${rest}`;
    expect(closedLate.length).toBeGreaterThan(1_500_000);
    const chunked = await readCsv(closedLate);
    expect(chunked).toEqual(parseCsv(closedLate));
    expect(chunked.records).toHaveLength(201);
    const neverClosed = closedLate.replace('Ann,Lee', '"Ann,Lee');
    expect(await refusalOf(() => readCsv(neverClosed))).toBe(refusal(() => parseCsv(neverClosed)));
  });

  it('gives the event loop a turn between chunks', async () => {
    const text = patientCsv(manyRows(3000));
    const probe = loopTurns();
    await readCsv(text);
    const turns = probe.stop();
    expect(turns).toBeGreaterThanOrEqual(Math.floor(text.length / PARSE_CHUNK_CHARS) - 1);
  });
});
