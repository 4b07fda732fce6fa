import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** The preview host's stand-in for the preload: one classic script that defines window.taDesk. */
export default defineConfig({
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
