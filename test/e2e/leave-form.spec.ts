import { expect, openApp, test } from './fixtures.ts';

/**
 * Leaving a form the TA has typed into saves it as a draft on the way out, and does so without
 * reading the form's state after Svelte has torn it down (Svelte then warns "derived_inert": a
 * value read from a destroyed component may be stale). The console stays free of Svelte warnings
 * and errors.
 */
test('leaving a typed organizational form for History saves the draft, with nothing in the console', async ({ page, startHost }) => {
  const host = await startHost();
  const warnings: string[] = [];
  page.on('console', (message) => {
    // Svelte's warnings, and any error (a failed request such as a missing /favicon.ico included).
    if ((message.type() === 'warning' && message.text().includes('svelte')) || message.type() === 'error') warnings.push(message.text());
  });
  await openApp(page, host);
  await page.getByRole('radio', { name: /Organizational certificate/ }).check();
  await page.getByLabel('Direct domain').fill('north.direct.practice.example');
  await page.getByLabel('Alternate name').fill('North Clinic');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'History' }).click();
  await expect(page.getByRole('heading', { name: 'History', level: 2 })).toBeVisible();

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Drafts' }).click();
  await expect(page.getByText('north.direct.practice.example').first()).toBeVisible();
  expect(warnings).toEqual([]);
});
