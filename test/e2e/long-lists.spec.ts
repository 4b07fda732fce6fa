import { createPracticeDpp } from '../../electron/practice/handler.ts';
import { serveOnLoopback } from '../../electron/practice/serve.ts';
import { expectNoAxeViolations } from './axe.ts';
import { expect, openApp, test } from './fixtures.ts';

/**
 * A bulk import leaves thousands of applications waiting: the Outbox must draw only the rows in
 * view (a node per row froze the window), and the keyboard must still reach the last one.
 */

const ROWS = 2_000;
const HEADER = 'First name,Last name,City,State,Direct address,Notification address';
const line = (n: number) => `Pat${n},Doe${n},Albany,NY,long${n}.${process.pid}@direct.practice.example,p${n}@example.org`;

test('2,000 queued applications: the Outbox keeps under 200 row nodes and End reaches the last one', async ({ page, startHost }) => {
  test.setTimeout(120_000);
  // The DPP is down (nothing listens on its port), so every imported row stays in the Outbox.
  const dpp = createPracticeDpp();
  const probe = await serveOnLoopback((req) => dpp.handle(req));
  const url = probe.url;
  await probe.close();

  const host = await startHost({ dppUrl: url });
  await openApp(page, host);
  await page.keyboard.press('Alt+I');
  await expect(page.getByRole('button', { name: 'Choose a CSV file…' })).toBeFocused();
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  const csv = [HEADER, ...Array.from({ length: ROWS }, (_, i) => line(i + 1))].join('\n');
  await (await chooser).setFiles({ name: 'many.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('import-counts')).toHaveText(/^2,?000 rows: 2,?000 ready, 0 with problems, 0 excluded\.$/, { timeout: 30_000 });
  await page.getByLabel(/I attest that the identity of each of these 2,?000 patients/).check();
  await page.getByRole('button', { name: /^Queue 2,?000 applications$/ }).click();
  await expect(page.getByTestId('outbox-count')).toHaveText(/^2,?000$/, { timeout: 30_000 });

  await page.getByRole('button', { name: /^Outbox/ }).click();
  const list = page.getByRole('listbox', { name: 'Waiting applications' });
  await expect(list).toBeVisible();
  await expect(page.getByTestId('outbox-row').first()).toContainText('Patient certificate');
  expect(await page.getByTestId('outbox-row').count()).toBeLessThan(200);
  await expectNoAxeViolations(page, 'outbox with 2,000 rows');

  // The keyboard reaches the end: End makes the last row active, shown and announced (active descendant).
  await list.focus();
  await page.keyboard.press('End');
  const active = page.locator(`[role="option"][aria-posinset="${ROWS}"]`);
  await expect(active).toHaveAttribute('aria-selected', 'true');
  await expect(active).toBeInViewport();
  await expect(list).toHaveAttribute('aria-activedescendant', (await active.getAttribute('id'))!);
  await expect(active.getByTestId('outbox-row')).toContainText('Pat');
  await page.keyboard.press('ArrowUp');
  await expect(page.locator(`[role="option"][aria-posinset="${ROWS - 1}"]`)).toHaveAttribute('aria-selected', 'true');
  expect(await page.getByTestId('outbox-row').count()).toBeLessThan(200);
});
