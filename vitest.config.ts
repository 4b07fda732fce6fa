import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { contractAlias } from './vite.renderer.config.ts';

export default defineConfig({
  // Renderer modules under test import the contract as $contract/….
  resolve: { alias: contractAlias },
  test: {
    environment: 'node',
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: { name: 'core', include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'] },
      },
      {
        // electron/main and the preload, run against test/fakes/electron.ts: the Electron binary
        // cannot be downloaded here, and this fake is the only stand-in the project allows.
        extends: true,
        resolve: { alias: [{ find: /^electron$/, replacement: resolve(import.meta.dirname, 'test/fakes/electron.ts') }] },
        test: { name: 'electron-main', include: ['test/main/**/*.test.ts'] },
      },
      {
        // Renderer logic (controllers, form state, list math): runes compiled as in the browser
        // build, run without a DOM.
        extends: true,
        plugins: [svelte({ dynamicCompileOptions: () => ({ generate: 'client' }) })],
        resolve: { conditions: ['browser'] },
        test: { name: 'renderer', include: ['test/renderer/**/*.test.ts'] },
      },
    ],
  },
});
