import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

/**
 * In `electron-vite dev` only, Vite injects styles with <style> tags and talks to its HMR server
 * over a websocket; relax the page's CSP for exactly that. Builds keep the strict policy.
 */
const devServerCsp: Plugin = {
  name: 'ta-desk-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws://localhost:*"),
};

/**
 * `$contract/…` is electron/contract/…: the one part of electron/ the renderer may import (the
 * ESLint boundary rule allows only this spelling). Also declared in tsconfig.base.json `paths`
 * for tsc and svelte-check, and used by the preview bridge and vitest configs.
 */
export const contractAlias = { $contract: resolve(import.meta.dirname, 'electron/contract') };

/**
 * The renderer build, shared by electron-vite (the app) and the preview host (browser tests).
 * `base: './'` keeps asset URLs relative so the same files load from app:// and from http.
 */
export const rendererConfig: UserConfig = {
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [svelte(), devServerCsp],
  resolve: { alias: contractAlias },
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    minify: true,
    // Inline scripts would need 'unsafe-inline' in the CSP: keep every module a file.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // Two chunks, not ~35: what index.html needs before the app is usable (the entry, with
        // everything it imports statically) and everything the views load on first use. Each
        // small chunk paid its own gzip dictionary and its own list of imports from the Svelte
        // runtime in the entry (~0.6 KB a view); one lazy chunk pays them once, keeping the renderer
        // inside its weight budget (docs/BENCHMARKS.md). The cost: the first view opened after
        // "New application" also loads the others' code, from local files.
        codeSplitting: {
          groups: [
            { name: 'index', tags: ['$initial'], priority: 2 },
            { name: 'views', priority: 1 },
          ],
        },
      },
    },
  },
};

export default defineConfig(rendererConfig);
