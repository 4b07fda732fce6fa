// zod/mini: used by the form schemas the renderer ships (see application.ts for why mini).
import * as z from 'zod/mini';

/**
 * Free text typed by the TA travels to the DPP, the audit log, CSV exports and other people's
 * screens. Characters nobody can see there are refused rather than silently dropped, so the TA
 * knows the pasted text was not what it looked like: C0/C1 controls (NUL, escape sequences),
 * bidirectional overrides and isolates (which can make "Doe" display as another name), and
 * zero-width characters. Line breaks and tabs are allowed only where a field is multi-line.
 */
const NAMED: Record<number, string> = {
  0x00: 'null character',
  0x09: 'tab',
  0x0a: 'line break',
  0x0d: 'carriage return',
  0x1b: 'escape',
  0x7f: 'delete control',
  0x061c: 'Arabic letter mark',
  0x200b: 'zero-width space',
  0x200c: 'zero-width non-joiner',
  0x200d: 'zero-width joiner',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2060: 'word joiner',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
  0xfeff: 'zero-width no-break space (byte-order mark)',
};

// C0, DEL, C1; ALM; zero-width and directional marks; line/paragraph separators; embeddings and
// overrides; word joiner; isolates; BOM.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/u;
const MULTILINE_ALLOWED = new Set(['\n', '\r', '\t']);

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The first character a TA must remove, as "U+202E (right-to-left override)", or undefined. */
export function hiddenCharacterIn(value: string, options: { multiline?: boolean } = {}): string | undefined {
  // One scan of the whole text first: almost all text has none, and the schema runs this on every
  // field of every row of an import (10,000 rows × 15 fields), where a test per character cost most of the time.
  if (!HIDDEN.test(value)) return undefined;
  for (const ch of value) {
    if (!HIDDEN.test(ch) || (options.multiline && MULTILINE_ALLOWED.has(ch))) continue;
    const name = NAMED[ch.codePointAt(0)!] ?? 'control character';
    return `${codePoint(ch)} (${name})`;
  }
  return undefined;
}

/** The message a field shows for a hidden character. */
export function hiddenCharacterMessage(found: string): string {
  return `Remove the invisible character ${found}: it is often pasted along with copied text. Type the text again, or paste it as plain text.`;
}

/**
 * Checks for a free-text zod/mini string: refuses hidden characters (aborting, so a length
 * message does not hide it) and normalizes to NFC, so the same name typed on two keyboards is
 * stored, sent and searched as one string.
 */
export function safeText(options: { multiline?: boolean } = {}) {
  return [
    z.superRefine((value: string, ctx) => {
      const found = hiddenCharacterIn(value, options);
      if (found) ctx.issues.push({ code: 'custom', message: hiddenCharacterMessage(found), input: value, continue: false });
    }),
    z.normalize('NFC'),
  ] as const;
}
