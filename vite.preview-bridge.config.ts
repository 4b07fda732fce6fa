import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { contractAlias } from './vite.renderer.config.ts';

/** The preview host's stand-in for the preload: one classic script that defines window.taDesk. */
export default defineConfig({
  resolve: { alias: contractAlias },
  build: {
    outDir: resolve(import.meta.dirname, 'out/preview-bridge'),
    emptyOutDir: true,
    target: 'chrome130',
    lib: {
      entry: resolve(import.meta.dirname, 'electron/preview/bridge.ts'),
      formats: ['iife'],
      name: 'taDeskPreviewBridge',
      fileName: () => 'bridge.js',
    },
  },
});
