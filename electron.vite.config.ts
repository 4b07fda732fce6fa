import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer.config.ts';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/main/index.ts') },
        // The store's SQLite is Electron's own Node built-in: import it at run time, never bundle
        // or polyfill it (electron-vite externalizes built-ins already; this keeps it so if a
        // resolver does not know the node:-only scheme). Checked by test/unit/packaging.test.ts.
        external: ['node:sqlite'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron': bundle zod and the contract into one CJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: {
      ...rendererConfig.build,
      // rolldownOptions, not rollupOptions: Vite 8 ignores the old name once the shared config sets
      // the new one (its chunking), and the input would be lost.
      rolldownOptions: { ...rendererConfig.build?.rolldownOptions, input: resolve(import.meta.dirname, 'renderer/index.html') },
    },
  },
});
