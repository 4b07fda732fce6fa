import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { inlineEntry } from './build/inline-entry.ts';
import { contentSecurityPolicy } from './electron/core/security/csp.ts';

/**
 * The page's Content Security Policy comes as an HTTP header from whatever serves the built files
 * (app:// in Electron, the preview host; electron/core/security/csp.ts), never as a <meta> in
 * index.html: Chromium's preload scanner holds back every fetch it finds after a CSP <meta> until
 * the parser reaches the tag, which delayed the first script by ~30 ms of a fresh window's start-up
 * (issue 14). Vite's dev server (`electron-vite dev`) sends no such header, so in dev only the
 * same policy goes into the page as a <meta>, relaxed for exactly what dev needs: Vite injects
 * styles with <style> tags and talks to its HMR server over a websocket.
 */
const devServerCsp: Plugin = {
  name: 'ta-desk-dev-csp',
  apply: 'serve',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: {
        'http-equiv': 'Content-Security-Policy',
        content: contentSecurityPolicy({ connectSelf: true })
          .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
          .replace("connect-src 'self'", "connect-src 'self' ws://localhost:*")
          // frame-ancestors is ignored (and warned about) in a <meta>.
          .replace(/; frame-ancestors 'none'/, ''),
      },
      injectTo: 'head-prepend',
    },
  ],
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
  plugins: [svelte(), devServerCsp, inlineEntry()],
  resolve: { alias: contractAlias },
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    // Every file beside index.html: the inlined entry resolves its imports against the page's URL.
    assetsDir: '',
    target: 'chrome130',
    minify: true,
    // No polyfill script: Chromium has modulepreload, and an extra inline script would need a hash.
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
