import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

/**
 * Gzipped JS + CSS of the production renderer build: `initialKb` is what index.html loads before
 * the app is usable (its scripts, module preloads and stylesheets), `totalKb` every chunk,
 * including the views that load on first use.
 */
export async function rendererWeight() {
  const root = resolve(import.meta.dirname, '../..');
  await build({ configFile: resolve(root, 'vite.renderer.config.ts'), logLevel: 'silent' });
  const out = resolve(root, 'out/renderer');
  const assets = join(out, 'assets');
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  const initialFiles = new Set([...html.matchAll(/(?:src|href)="\.?\/?assets\/([^"]+)"/g)].map((m) => m[1]));
  let js = 0;
  let css = 0;
  let initial = 0;
  for (const file of readdirSync(assets)) {
    if (!file.endsWith('.js') && !file.endsWith('.css')) continue;
    const size = gzipSync(readFileSync(join(assets, file)), { level: 9 }).length;
    if (file.endsWith('.js')) js += size;
    else css += size;
    if (initialFiles.has(file)) initial += size;
  }
  return { initialKb: kb(initial), jsKb: kb(js), cssKb: kb(css), totalKb: kb(js + css), initialFiles: [...initialFiles] };
}
