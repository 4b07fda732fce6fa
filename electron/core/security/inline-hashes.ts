import { createHash } from 'node:crypto';

/** CSP source expressions ('sha256-…') of the scripts and styles written inside a page. */
export interface InlineHashes {
  scripts: readonly string[];
  styles: readonly string[];
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const STYLE = /<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi;
/** Data blocks (the preview's boot state) are never run, so the CSP has nothing to allow. */
const DATA_BLOCK = /\btype\s*=\s*["']?application\/json/i;

/**
 * Text that cannot go inside a page's <script> or <style> as it is: the HTML parser would end
 * the element early at `</script` or `</style`, or read `<script` as markup. The build and the
 * preview host refuse such text rather than escape it.
 */
export function cannotGoInline(text: string): boolean {
  return /<\/?(script|style)/i.test(text);
}

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
