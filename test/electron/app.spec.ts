import { expect, test } from '@playwright/test';
import { ipcMainInvokeHandler } from 'electron-playwright-helpers';
import { channels, events } from '../../electron/contract/channels.ts';
import { startPracticeServer } from '../helpers/practice-server.ts';
import { fillApplication, reviewAndSubmit } from '../e2e/fixtures.ts';
import { launchApp } from './launch.ts';

test('a TA submits a practice application in the Electron app', async () => {
  const { app, page } = await launchApp();
  try {
    await expect(page.getByText('Practice mode — applications go to the built-in practice DPP, not DataMotion.')).toBeVisible();
    await fillApplication(page, { first: 'Jane', last: 'Doe', directAddress: 'jane.doe@direct.practice.example' });
    await page.getByRole('button', { name: 'Review application' }).click();
    await expect(page.getByTestId('review-environment')).toHaveText('Practice');
    await page.getByRole('button', { name: 'Submit application' }).click();
    await expect(page.getByTestId('application-id')).toHaveText(/^PC-\d{6}$/);
    // History shows it with its provisioning status.
    await page.getByRole('button', { name: 'History' }).click();
    await expect(page.getByText('Jane Doe')).toBeVisible();
    // Statuses are shown in words (issue 14), never as the DPP spells them.
    await expect(page.getByText('Pending review').first()).toBeVisible();
  } finally {
    await app.close();
  }
});

/**
 * The first script and stylesheet are inside index.html, allowed by their hashes in the CSP that
 * app:// sends (build/inline-entry.ts, electron/main/app-protocol.ts); the views load later from
 * app:// and share the first script's runtime. Checked in the browser by content-security-policy.spec.ts;
 * here in Electron's own page, where the app:// handler serves it.
 */
test('the page’s inline script and style run under its CSP, and a later view loads from app://', async () => {
  const { app, page } = await launchApp();
  try {
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    await expect(page.getByRole('navigation', { name: 'Views' })).toHaveCSS('display', 'flex');
    await page.getByLabel('First name').fill('Vi');
    await page.getByRole('button', { name: 'Drafts' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Drafts' })).toBeVisible();
    await expect(page.getByTestId('draft').filter({ hasText: 'Vi' })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
  } finally {
    await app.close();
  }
});

test('the renderer sees the contract’s functions and nothing of Node', async () => {
  const { app, page } = await launchApp();
  try {
    const exposed = await page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      api: Object.keys((window as unknown as { taDesk: object }).taDesk).sort(),
    }));
    expect(exposed.require).toBe('undefined');
    expect(exposed.process).toBe('undefined');
    const expected = [...Object.values(channels).map((c) => c.method), ...Object.values(events).map((e) => e.method)].sort();
    expect(exposed.api).toEqual(expected);
  } finally {
    await app.close();
  }
});

test('navigation and new windows are blocked', async () => {
  const { app, page } = await launchApp();
  try {
    const before = page.url();
    const opened = await page.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await expect(page.locator('#app')).toHaveAttribute('data-app-state', 'ready');
    expect(page.url()).toBe(before);
    expect(app.windows()).toHaveLength(1);
  } finally {
    await app.close();
  }
});

test('IPC that does not come from the app’s own main frame is refused', async () => {
  const { app } = await launchApp();
  try {
    // The helper calls the handler with a fabricated event: no sender frame, so it must be refused.
    const result = (await ipcMainInvokeHandler(app, 'app.info')) as { ok: boolean; error?: { code: string } };
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  } finally {
    await app.close();
  }
});

test('DPP calls go through net.fetch (Chromium’s network stack)', async () => {
  const dpp = await startPracticeServer();
  const { app, page } = await launchApp({ env: { TA_DESK_DPP_URL: dpp.url } });
  try {
    // Count net.fetch calls in main: the practice DPP on loopback must be reached through it.
    await app.evaluate(({ net }) => {
      const original = net.fetch.bind(net);
      (globalThis as unknown as { netFetchCalls: number }).netFetchCalls = 0;
      net.fetch = ((...args: Parameters<typeof net.fetch>) => {
        (globalThis as unknown as { netFetchCalls: number }).netFetchCalls += 1;
        return original(...args);
      }) as typeof net.fetch;
    });
    await fillApplication(page, { first: 'Net', last: 'Fetch', directAddress: 'net.fetch@direct.practice.example' });
    await reviewAndSubmit(page);
    await expect(page.getByTestId('application-id')).toHaveText(/^PC-\d{6}$/);
    expect(await app.evaluate(() => (globalThis as unknown as { netFetchCalls: number }).netFetchCalls)).toBeGreaterThan(0);
    expect(dpp.dpp.received()).toHaveLength(1);
  } finally {
    await app.close();
    await dpp.close();
  }
});

test('a draft survives a restart of the app', async () => {
  const first = await launchApp();
  await first.page.getByLabel('First name').fill('Resa');
  await first.page.getByLabel('Last name').fill('Start');
  await expect(first.page.getByTestId('save-state')).toContainText('Draft saved at');
  await first.app.close();

  const second = await launchApp({ dataDir: first.dataDir, keychain: first.keychain });
  try {
    await second.page.getByRole('button', { name: 'Drafts' }).click();
    await expect(second.page.getByTestId('draft').filter({ hasText: 'Resa Start' })).toBeVisible();
  } finally {
    await second.app.close();
  }
});

test('the exposed API is frozen and only the contract’s', async () => {
  const { app, page } = await launchApp();
  try {
    const tampered = await page.evaluate(() => {
      const api = (window as unknown as { taDesk: Record<string, unknown> }).taDesk;
      try {
        api.getAppInfo = () => 'hijacked';
      } catch {
        /* frozen by contextBridge */
      }
      return typeof api.getAppInfo === 'function' && String(api.getAppInfo).includes('hijacked');
    });
    expect(tampered).toBe(false);
  } finally {
    await app.close();
  }
});
