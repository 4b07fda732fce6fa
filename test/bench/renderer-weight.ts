import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const gzipped = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/**
 * Gzipped weight of the production renderer build: `initialKb` is what a window reads before the
 * app is usable, index.html with the first script and stylesheet inside it (build/inline-entry.ts)
 * plus any file it names; `totalKb` adds every other JS and CSS file, the views that load on first
 * use and the small module that hands the first script's exports to them.
 */
export async function rendererWeight() {
  const root = resolve(import.meta.dirname, '../..');
  await build({ configFile: resolve(root, 'vite.renderer.config.ts'), logLevel: 'silent' });
  const out = resolve(root, 'out/renderer');
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  const initialFiles = new Set([...html.matchAll(/(?:src|href)="\.?\/?([^"/:]+\.(?:js|css))"/g)].map((m) => m[1]!));
  const inlineScript = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].reduce((n, m) => n + m[1]!.length, 0);
  const inlineStyle = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].reduce((n, m) => n + m[1]!.length, 0);
  let initial = gzipped(join(out, 'index.html'));
  let later = 0;
  for (const file of readdirSync(out)) {
    if (!file.endsWith('.js') && !file.endsWith('.css')) continue;
    if (initialFiles.has(file)) initial += gzipped(join(out, file));
    else later += gzipped(join(out, file));
  }
  return { initialKb: kb(initial), totalKb: kb(initial + later), inlineScriptKbRaw: kb(inlineScript), inlineStyleKbRaw: kb(inlineStyle), initialFiles: ['index.html', ...initialFiles] };
}
