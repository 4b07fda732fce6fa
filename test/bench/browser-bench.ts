import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createCredentialVault } from '../../electron/core/vault/credential-vault.ts';
import { memorySecretStore } from '../../electron/core/vault/memory-store.ts';
import { openStore } from '../../electron/core/store/open-store.ts';
import { startPreviewHost } from '../../electron/preview/host.ts';
import { median, percentile, round } from './stats.ts';
import { seedSubmitted } from './seed.ts';

/**
 * Renderer benchmarks in Debian's Chromium against the preview host (the built renderer, the
 * same core services). The keychain is in memory here: these measure the UI, not the keychain.
 */
async function withHost<T>(seed: number, run: (url: string, browser: Browser) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ta-desk-bench-ui-'));
  const secretStore = memorySecretStore();
  if (seed > 0) {
    const dataKey = await createCredentialVault(secretStore, { servicePrefix: 'bench' }).getOrCreateDataKey();
    const store = await openStore({ dataDir, dataKey });
    await seedSubmitted(store, dataKey, seed);
    await store.close();
  }
  const host = await startPreviewHost({ dataDir, secretStore, keychainServicePrefix: 'bench' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    return await run(host.url, browser);
  } finally {
    await browser.close();
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Navigation start → the app's `ta-desk-ready` mark (data-app-state="ready"), fresh page each time. */
export function timeToUsable(runs = 10) {
  return withHost(0, async (url, browser) => {
    const samples: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(() => performance.getEntriesByName('ta-desk-ready').length > 0);
      const ms = await page.evaluate(() => performance.getEntriesByName('ta-desk-ready')[0]?.startTime ?? NaN);
      if (i > 0) samples.push(ms); // the first load also warms Chromium's own caches
      await context.close();
    }
    return { runs, medianMs: round(median(samples), 0), maxMs: round(Math.max(...samples), 0) };
  });
}

/**
 * Keystroke → validation message: each keystroke flips the Direct address between invalid and
 * valid, so every one changes the inline error; measured in the page from the input event to the
 * DOM mutation that shows (or clears) the message.
 */
export function keystrokeToValidation(keystrokes = 200) {
  return withHost(0, async (url, browser) => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById('app')?.dataset.appState === 'ready');
    const field = page.getByLabel('Direct address');
    await field.fill('x');
    await field.blur(); // validation is live after the first blur
    const samples = await page.evaluate(async (n) => {
      const input = document.getElementById('field-directAddress') as HTMLInputElement;
      const form = input.closest('form') as HTMLFormElement;
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const value = i % 2 === 0 ? 'jane@direct.practice.example' : 'jane@';
        const changed = new Promise<number>((resolve) => {
          const observer = new MutationObserver(() => {
            observer.disconnect();
            resolve(performance.now());
          });
          observer.observe(form, { subtree: true, childList: true, characterData: true, attributes: true });
        });
        const t0 = performance.now();
        input.value = value;
        input.dispatchEvent(new InputEvent('input', { bubbles: true }));
        out.push((await changed) - t0);
        await new Promise((r) => setTimeout(r, 0));
      }
      return out;
    }, keystrokes);
    return { keystrokes, p50Ms: round(median(samples), 2), p95Ms: round(percentile(samples, 95), 2) };
  });
}

/** History at scale in the UI: open the view over N applications, then scroll: rows in the DOM. */
export function historyView(count = 100_000) {
  return withHost(count, async (url, browser) => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById('app')?.dataset.appState === 'ready');
    // The index warms in the background at start; give it the time a TA takes to look around.
    await page.waitForTimeout(3_000);
    const opens: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.getByRole('button', { name: 'New application' }).click();
      const t0 = Date.now();
      await page.getByRole('button', { name: 'History' }).click();
      await page.getByText(/PC-\d{7}/).first().waitFor();
      opens.push(Date.now() - t0);
    }
    // Scroll through the list; count row nodes at each step.
    let maxRows = 0;
    const list = page.locator('[data-testid="history-list"], [role="listbox"], [role="grid"]').first();
    await list.focus().catch(() => undefined);
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('PageDown');
      const rows = await page.locator('[data-testid="history-row"], [role="option"], [role="row"]').count();
      maxRows = Math.max(maxRows, rows);
    }
    await page.keyboard.press('End');
    maxRows = Math.max(maxRows, await page.locator('[data-testid="history-row"], [role="option"], [role="row"]').count());
    return { count, openMedianMs: round(median(opens), 0), maxRowNodes: maxRows };
  });
}

/**
 * The import preview at scale: a 10,000-row CSV chosen in the Import view (parsed and checked in
 * main), then the grid scrolled by keys and by jumps: the most row nodes in the DOM at any point,
 * and the time from choosing the file to the counts on screen.
 */
export function importPreview(count = 10_000) {
  return withHost(0, async (url, browser) => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById('app')?.dataset.appState === 'ready');
    await page.keyboard.press('Alt+I');
    const header = 'First name,Last name,City,State,Direct address,Notification address';
    const lines = Array.from({ length: count }, (_, i) => `Pat${i},Doe${i},Albany,NY,bench.${i}@direct.practice.example,p${i}@example.org`);
    const t0 = Date.now();
    await page.getByTestId('import-file-input').setInputFiles({ name: 'bench.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...lines].join('\r\n')) });
    await page.getByTestId('import-counts').filter({ hasText: `${count.toLocaleString()} ready` }).waitFor({ timeout: 60_000 });
    const shownMs = Date.now() - t0;
    const grid = page.getByRole('grid');
    await grid.focus();
    const rowNodes = () => page.locator('[role="row"]').count();
    let maxRows = 0;
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('PageDown');
      maxRows = Math.max(maxRows, await rowNodes());
    }
    for (const f of [0.3, 0.6, 0.9]) {
      await grid.evaluate((el, fraction) => (el.scrollTop = fraction * el.scrollHeight), f);
      await page.waitForTimeout(100);
      maxRows = Math.max(maxRows, await rowNodes());
    }
    await page.keyboard.press('Control+End');
    await page.locator('[role="rowheader"]').filter({ hasText: String(count + 1) }).waitFor();
    maxRows = Math.max(maxRows, await rowNodes());
    return { count, fileToCountsMs: shownMs, maxRowNodes: maxRows };
  });
}
