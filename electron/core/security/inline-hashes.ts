import { createHash } from 'node:crypto';

/** CSP source expressions ('sha256-…') of the scripts and styles written inside a page. */
export interface InlineHashes {
  scripts: readonly string[];
  styles: readonly string[];
}

export const NO_INLINE: InlineHashes = { scripts: [], styles: [] };

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const STYLE = /<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi;
/** Data blocks (the preview's boot state) are never run, so the CSP has nothing to allow. */
const DATA_BLOCK = /\btype\s*=\s*["']?application\/json/i;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The hashes that let exactly the inline script and style of a page TA Desk built run, and
 * nothing else inline: the renderer's first script and stylesheet are inside index.html
 * (build/inline-entry.ts), and the preview host adds its bridge. Computed from the page being
 * served, so the policy always matches the build; a script injected later (say, by markup in
 * data) has no hash and is blocked, as 'unsafe-inline' would not do. The page is the build's own
 * file, trusted like the scripts it names; the build refuses to write one with any inline script
 * or style but the entry's (build/inline-entry.ts).
 */
export function inlineHashes(html: string): InlineHashes {
  const scripts = [...html.matchAll(SCRIPT)].filter(([, attrs]) => !/\bsrc\s*=/i.test(attrs!) && !DATA_BLOCK.test(attrs!)).map(([, , text]) => sha256(text!));
  const styles = [...html.matchAll(STYLE)].map(([, text]) => sha256(text!));
  return { scripts, styles };
}
