/**
 * `npm exec -- tsx test/bench/startup-bench.ts [--runs 15]`: TA Desk's preview until usable
 * (data-app-state="ready") against a static page whose one script marks itself ready, side by
 * side in one Chromium, a fresh context per load, loads alternating. Prints both medians and
 * their ratio (issue 14: ≤ 2×, goal 1.5×). Also run by `npm run bench -- --only startup`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { memorySecretStore } from '../../electron/core/vault/memory-store.ts';
import { startPreviewHost } from '../../electron/preview/host.ts';
import { median, round } from './stats.ts';

const STATIC_HTML = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Baseline</title></head><body><div id="app" data-app-state="loading"></div><script type="module" src="/ready.js"></script></body></html>';
const STATIC_JS = "document.getElementById('app').dataset.appState = 'ready';\nperformance.mark('ta-desk-ready');\n";

/** The baseline: the least a page can do to become "ready", served from loopback too. */
async function startStaticPage(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const js = req.url === '/ready.js';
    res.writeHead(200, { 'Content-Type': js ? 'text/javascript' : 'text/html; charset=utf-8' });
    res.end(js ? STATIC_JS : STATIC_HTML);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

/** Navigation start → the moment #app says ready, in a context of its own (nothing cached). */
async function loadUntilReady(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    // Both pages set the same mark where they set data-app-state="ready" (App.svelte does it too).
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('ta-desk-ready').length > 0);
    return await page.evaluate(() => performance.getEntriesByName('ta-desk-ready')[0]!.startTime);
  } finally {
    await context.close();
  }
}

export async function startupRatio(runs = 15) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ta-desk-bench-startup-'));
  const host = await startPreviewHost({ dataDir, secretStore: memorySecretStore(), keychainServicePrefix: 'bench-startup' });
  const baseline = await startStaticPage();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const app: number[] = [];
    const page: number[] = [];
    // One warm-up of each (Chromium's own caches), then alternate so load on the machine hits both.
    await loadUntilReady(browser, host.url);
    await loadUntilReady(browser, baseline.url);
    for (let i = 0; i < runs; i++) {
      app.push(await loadUntilReady(browser, host.url));
      page.push(await loadUntilReady(browser, baseline.url));
    }
    const appMs = median(app);
    const staticMs = median(page);
    return { runs, appMedianMs: round(appMs, 1), staticMedianMs: round(staticMs, 1), ratio: round(appMs / staticMs, 2) };
  } finally {
    await browser.close();
    await host.close();
    await new Promise((resolve) => baseline.server.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
  const r = await startupRatio(Number(values.runs));
  console.log(`TA Desk preview ready: ${r.appMedianMs} ms; static page ready: ${r.staticMedianMs} ms; ratio ${r.ratio}× (median of ${r.runs}; target ≤ 2×, goal 1.5×)`);
}
