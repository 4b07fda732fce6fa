import { describe, expect, it } from 'vitest';
import { DECODE_SLICE_BYTES, decodeFile, readText } from '../../electron/core/import/decode.ts';
import { loopTurns } from '../helpers/loop-turns.ts';

/**
 * readText (main decodes a file a slice per turn of the event loop) gives what decodeFile gives
 * for the whole file at once: the same text when a slice's edge cuts a character in two, the
 * same question when a byte far into the file is not UTF-8.
 */
const utf8 = (text: string) => new TextEncoder().encode(text);

/** ASCII up to one byte before a slice's edge, then accented letters and an emoji across it, then more. */
function acrossTheEdge(prefix = ''): string {
  const lead = 'a'.repeat(DECODE_SLICE_BYTES - 1 - utf8(prefix).length);
  return `${prefix}${lead}ëÑ🙂 Zoë Núñez\r\n${'Zoë,Núñez,🙂\r\n'.repeat(DECODE_SLICE_BYTES / 8)}`;
}

describe('decoding an import file a slice at a time', () => {
  it('gives the same text as decoding at once, with and without the byte-order mark, characters cut by an edge kept whole', async () => {
    for (const bytes of [utf8(acrossTheEdge()), utf8(`\uFEFF${acrossTheEdge()}`), utf8(acrossTheEdge('First name,Last name\r\n'))]) {
      expect(bytes.length).toBeGreaterThan(2 * DECODE_SLICE_BYTES);
      const chunked = await readText(bytes);
      expect(chunked).toEqual(decodeFile(bytes));
      expect(chunked.state === 'text' && chunked.text.includes('aëÑ🙂 Zoë Núñez')).toBe(true);
    }
  });

  it('asks before converting a file whose first non-UTF-8 byte is past the first slice, then reads it as decodeFile does', async () => {
    const latin = Uint8Array.from(Buffer.from(`First name,Last name\r\n${'Ann,Lee\r\n'.repeat(DECODE_SLICE_BYTES / 4)}Zoë,Núñez\r\n`, 'latin1'));
    expect(latin.length).toBeGreaterThan(2 * DECODE_SLICE_BYTES);
    const asked = await readText(latin);
    expect(asked).toEqual(decodeFile(latin));
    expect(asked).toMatchObject({ state: 'needs-encoding', encoding: 'windows-1252' });
    const converted = await readText(latin, 'windows-1252');
    expect(converted).toEqual(decodeFile(latin, 'windows-1252'));
    expect(converted.state === 'text' && converted.text.endsWith('Zoë,Núñez\r\n')).toBe(true);
  });

  it('converts UTF-16 with consent across slices as decodeFile does, and refuses what decodeFile refuses', async () => {
    const text = `First name,Last name\r\n${'Zoë,Núñez\r\n'.repeat(DECODE_SLICE_BYTES / 8)}`;
    const le = Uint8Array.from([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    expect(await readText(le)).toEqual(decodeFile(le));
    expect(await readText(le, 'utf-16le')).toEqual(decodeFile(le, 'utf-16le'));
    await expect(readText(new Uint8Array(0))).rejects.toThrow(/empty/);
    await expect(readText(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1]))).rejects.toThrow(/workbook/);
  });

  it('gives the event loop a turn between slices', async () => {
    const bytes = utf8(acrossTheEdge().repeat(3));
    const probe = loopTurns();
    await readText(bytes);
    const turns = probe.stop();
    expect(turns).toBeGreaterThanOrEqual(Math.floor(bytes.length / DECODE_SLICE_BYTES) - 1);
  });
});
