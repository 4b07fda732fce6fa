import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as eslintScope from 'eslint-scope';
import * as espree from 'espree';
import type { Plugin } from 'vite';
import { cannotGoInline, inlineHashes } from '../electron/core/security/inline-hashes.ts';

/**
 * Where the inlined entry leaves what it exports, for the chunks loaded later (see inlineEntry).
 * A registered symbol, so the page's other scripts cannot collide with it by accident.
 */
export const ENTRY_EXPORTS_KEY = 'ta-desk.entry-exports';

/**
 * V8's explicit compile hint (Chromium 136+): compile every function of the script with the
 * script, not one by one on first call. Nearly all of the first script runs on the way to the
 * first screen, where lazy compiling took ~15 ms of the first render; compiled up front it costs
 * less in all (traced: ~54 → ~51 ms of main-thread time, and ~8 ms sooner ready in an A/B of 25
 * loads). Must be the script's first line.
 */
const COMPILE_ALL_HINT = '//# allFunctionsCalledOnLoad\n';

/** A JavaScript identifier (what a minified export is named, and what may follow `as` unquoted). */
const IDENTIFIER = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;

/**
 * The renderer's first script and stylesheet go inside index.html instead of beside it.
 *
 * Why: a fresh window can ask for a file only once its first long task is over (~40 ms in), and
 * the answer then comes over a new connection and is compiled on a background thread that
 * starts late; the same script inside the page is compiled while the page is parsed. In one
 * Chromium, a fresh context per load, this took TA Desk from ~2.3× to ~1.9× the time a static
 * page needs to become ready (issue 14, docs/BENCHMARKS.md). The CSP allows the inline script and
 * style by their SHA-256 hashes (electron/core/security/inline-hashes.ts), never 'unsafe-inline'.
 *
 * The views load later as a chunk that imports what they share with the first script (the Svelte
 * runtime, the app state): one copy of each, or the app would have two runtimes. A script inside
 * the page has no URL to import from, so
 * - the inlined entry ends by publishing its exports, frozen, under ENTRY_EXPORTS_KEY, and
 * - the entry's file keeps its name but now holds a small module that re-exports them, so the
 *   views' `import … from "./index-….js"` finds the very objects the first script uses.
 * The re-export copies each binding once. That is the same as a live import only while no
 * exported binding is reassigned after the entry has run: reassignedExports fails the build when
 * the entry exports a `let` or `var` it assigns again.
 *
 * Every file sits beside index.html (assetsDir ''), because the inlined entry resolves its
 * dynamic imports against the page's URL.
 */
export function inlineEntry(): Plugin {
  return {
    name: 'ta-desk-inline-entry',
    apply: 'build',
    // Once the files are written: before that, Vite's own generateBundle steps may still rewrite
    // the entry (its preload list, for one).
    writeBundle: {
      order: 'post',
      handler(options, bundle) {
        const dir = options.dir;
        const page = bundle['index.html'];
        const entry = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry);
        if (!dir || page?.type !== 'asset' || entry?.type !== 'chunk') throw new Error('inline-entry: no index.html and entry chunk to inline');
        const text = (source: string | Uint8Array) => (typeof source === 'string' ? source : new TextDecoder().decode(source));
        const css: Record<string, string> = {};
        for (const file of entry.viteMetadata?.importedCss ?? []) {
          const asset = bundle[file];
          if (asset?.type !== 'asset') throw new Error(`inline-entry: ${file} is not in the build`);
          css[file] = text(asset.source);
        }
        const others = Object.values(bundle).flatMap((file) => (file !== entry && file.type === 'chunk' ? [file.code] : []));
        const out = inlineIntoPage(text(page.source), { fileName: entry.fileName, code: entry.code, exports: entry.exports, css }, others);
        writeFileSync(join(dir, entry.fileName), out.entryModule);
        for (const file of Object.keys(css)) rmSync(join(dir, file));
        writeFileSync(join(dir, 'index.html'), out.html);
      },
    },
  };
}

export interface BuiltEntry {
  fileName: string;
  code: string;
  /** What the bundler says the chunk exports (to check the export clause was read whole). */
  exports: readonly string[];
  /** The entry's own stylesheets, by file name. */
  css: Record<string, string>;
}

/**
 * The page with the entry and its stylesheets inside, and the module left in the entry's file.
 * Fails (the build stops) on anything it cannot do safely: code or CSS that would end its tag
 * early, a source-map comment (the inlined code has no file to map), an export clause that does
 * not list what the bundler says the entry exports, an exported binding assigned again, a
 * stylesheet another chunk still names, or any other inline script or style in the page (the CSP
 * allows exactly what the page holds, see electron/core/security/inline-hashes.ts).
 */
export function inlineIntoPage(page: string, entry: BuiltEntry, otherChunks: readonly string[]): { html: string; entryModule: string } {
  const scriptTag = `<script type="module" crossorigin src="./${entry.fileName}"></script>`;
  if (!page.includes(scriptTag)) throw new Error(`inline-entry: index.html has no ${scriptTag}`);
  const already = inlineHashes(page);
  if (already.scripts.length > 0 || already.styles.length > 0) throw new Error('inline-entry: index.html already has an inline script or style; only the entry may be inline');
  if (/sourceMappingURL=/.test(entry.code)) throw new Error('inline-entry: the entry has a source map comment; the inlined entry cannot have source maps');
  const { body, exports } = splitExports(entry.code);
  const read = exports.map((e) => e.exported).sort();
  if (read.join(',') !== [...entry.exports].sort().join(',')) throw new Error(`inline-entry: the entry's export clause lists ${read.length} names, the bundler ${entry.exports.length}`);
  if (cannotGoInline(body)) throw new Error('inline-entry: the entry contains </script> or <style>; it cannot be inlined as is');
  const reassigned = reassignedExports(body, exports);
  if (reassigned.length > 0) throw new Error(`inline-entry: the entry exports bindings it assigns again (${reassigned.join(', ')}); a re-export would go stale`);
  const publish = `Object.defineProperty(globalThis,Symbol.for(${JSON.stringify(ENTRY_EXPORTS_KEY)}),{value:Object.freeze({${exports
    .map(({ local, exported }) => `${JSON.stringify(exported)}:${local}`)
    .join(',')}})});`;
  // Replacer functions: the code is full of `$` sequences a replacement string would expand. The
  // publishing statement goes on a line of its own, after a `;`, whatever the code ends with.
  let html = page.replace(scriptTag, () => `<script type="module">${COMPILE_ALL_HINT}${body}\n;${publish}</script>`);

  // The entry's own stylesheet, inline too (the views' stylesheet loads with them).
  for (const [file, css] of Object.entries(entry.css)) {
    const link = `<link rel="stylesheet" crossorigin href="./${file}">`;
    if (!html.includes(link)) throw new Error(`inline-entry: ${file} is not linked from index.html`);
    if (cannotGoInline(css)) throw new Error(`inline-entry: ${file} contains </style>`);
    if (otherChunks.some((code) => code.includes(file))) throw new Error(`inline-entry: another chunk names ${file}; it must stay a file`);
    html = html.replace(link, () => `<style>${css}</style>`);
  }
  return { html, entryModule: reExportModule(exports.map((e) => e.exported)) };
}

export interface EntryExport {
  local: string;
  exported: string;
}

/** The entry chunk's code without its closing `export { a as b, … }`, and what that exported. */
export function splitExports(code: string): { body: string; exports: EntryExport[] } {
  const match = /export\s*\{([^}]*)\}\s*;?\s*$/.exec(code);
  if (!match) return { body: code, exports: [] };
  const exports = match[1]!
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [local, exported = local] = part.split(/\s+as\s+/);
      return { local: local!, exported: exported!.replace(/^"(.*)"$/, '$1') };
    });
  for (const { local } of exports) if (!IDENTIFIER.test(local)) throw new Error(`inline-entry: cannot read the export ${local}`);
  return { body: code.slice(0, match.index), exports };
}

/**
 * The entry's exported bindings that some code assigns again after their declaration (a module
 * scope `let`/`var` written elsewhere), found by scope analysis (eslint-scope over espree's
 * tree), so an inner variable that only shares a minified name is not mistaken for it.
 */
export function reassignedExports(code: string, exports: readonly EntryExport[]): string[] {
  const ast = espree.parse(code, { ecmaVersion: 'latest', sourceType: 'module', range: true });
  // espree's tree is the ESTree eslint-scope reads; their type packages differ in small ways.
  const scopes = eslintScope.analyze(ast as unknown as Parameters<typeof eslintScope.analyze>[0], { ecmaVersion: 2022, sourceType: 'module' });
  const moduleScope = scopes.globalScope?.childScopes.find((scope) => scope.type === 'module');
  if (!moduleScope) throw new Error('inline-entry: the entry is not a module');
  const locals = new Set(exports.map((e) => e.local));
  return moduleScope.variables
    .filter((variable) => locals.has(variable.name))
    .filter((variable) => variable.references.filter((ref) => ref.isWrite() && !ref.init).length > 0)
    .map((variable) => variable.name);
}

/** The module left in the entry's file: the inlined entry's exports, for the chunks that import them. */
export function reExportModule(names: readonly string[]): string {
  const locals = names.map((_, i) => `e${i}`);
  return [
    '// The first script runs inside index.html (build/inline-entry.ts); this re-exports what it published.',
    `const s=globalThis[Symbol.for(${JSON.stringify(ENTRY_EXPORTS_KEY)})];`,
    'if(!s)throw new Error("TA Desk: the first script did not run");',
    `const{${names.map((n, i) => `${JSON.stringify(n)}:${locals[i]}`).join(',')}}=s;`,
    `export{${names.map((n, i) => `${locals[i]} as ${IDENTIFIER.test(n) ? n : JSON.stringify(n)}`).join(',')}};`,
    '',
  ].join('\n');
}
