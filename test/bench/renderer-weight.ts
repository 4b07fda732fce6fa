import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

/** Gzipped JS + CSS of the production renderer build (what the window downloads and parses). */
export async function rendererWeight() {
  const root = resolve(import.meta.dirname, '../..');
  await build({ configFile: resolve(root, 'vite.renderer.config.ts'), logLevel: 'silent' });
  const assets = resolve(root, 'out/renderer/assets');
  let js = 0;
  let css = 0;
  for (const file of readdirSync(assets)) {
    const size = gzipSync(readFileSync(join(assets, file)), { level: 9 }).length;
    if (file.endsWith('.js')) js += size;
    if (file.endsWith('.css')) css += size;
  }
  return { jsKb: Math.round(js / 102.4) / 10, cssKb: Math.round(css / 102.4) / 10, totalKb: Math.round((js + css) / 102.4) / 10 };
}
