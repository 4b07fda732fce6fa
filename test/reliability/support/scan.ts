import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every regular file under `dir` (SQLite -wal, -shm and backup files included), recursively. */
export function filesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return [];
    return stat.isDirectory() ? filesUnder(path) : stat.isFile() ? [path] : [];
  });
}

export interface Needle {
  label: string;
  value: string;
}

export interface Hit {
  file: string;
  label: string;
  encoding: string;
}

/**
 * The forms a string can take on disk or in a log: UTF-8 and UTF-16 text (case-insensitive),
 * base64, hex and URL encoding.
 */
function forms(value: string): { encoding: string; bytes: Buffer; caseless: boolean }[] {
  return [
    { encoding: 'utf8', bytes: Buffer.from(value.toLowerCase(), 'utf8'), caseless: true },
    { encoding: 'utf16le', bytes: Buffer.from(value.toLowerCase(), 'utf16le'), caseless: true },
    { encoding: 'base64', bytes: Buffer.from(Buffer.from(value, 'utf8').toString('base64'), 'latin1'), caseless: false },
    { encoding: 'hex', bytes: Buffer.from(Buffer.from(value, 'utf8').toString('hex'), 'latin1'), caseless: true },
    { encoding: 'url', bytes: Buffer.from(encodeURIComponent(value).toLowerCase(), 'latin1'), caseless: true },
  ].filter((f, i, all) => all.findIndex((g) => g.bytes.equals(f.bytes)) === i);
}

/** ASCII lower-casing of raw bytes, so a case-insensitive search needs no decoding. */
function lowerAscii(buf: Buffer): Buffer {
  const out = Buffer.from(buf);
  for (let i = 0; i < out.length; i++) {
    const b = out[i]!;
    if (b >= 0x41 && b <= 0x5a) out[i] = b + 0x20;
  }
  return out;
}

/** Where any needle occurs, in any of its forms, in any of the files (and how many bytes were read). */
export function scan(files: string[], needles: Needle[], extra: { name: string; text: string }[] = []): { hits: Hit[]; bytes: number } {
  const prepared = needles.map((n) => ({ label: n.label, forms: forms(n.value) }));
  const hits: Hit[] = [];
  let bytes = 0;
  const search = (name: string, raw: Buffer) => {
    bytes += raw.length;
    const lower = lowerAscii(raw);
    for (const n of prepared) {
      for (const f of n.forms) {
        if ((f.caseless ? lower : raw).includes(f.bytes)) hits.push({ file: name, label: n.label, encoding: f.encoding });
      }
    }
  };
  for (const file of files) search(file, readFileSync(file));
  for (const { name, text } of extra) search(name, Buffer.from(text, 'utf8'));
  return { hits, bytes };
}
