import { expect, openApp, test } from './fixtures.ts';

/**
 * Issue 12, finding 11: the access token leaves the address bar and the browser history once the
 * page has loaded, and the app keeps working, after a reload too (events included).
 */
test('the token leaves the address bar and history; the app keeps working after a reload', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await expect.poll(() => page.url()).not.toContain('token');
  expect(page.url()).toBe(`${host.origin}/`);
  // History holds the blank start page and the app without the token: no entry carries it.
  await page.goBack();
  expect(page.url()).toBe('about:blank');
  await page.goForward();
  expect(page.url()).toBe(`${host.origin}/`);

  await page.reload();
  await expect(page.locator('#app')).toHaveAttribute('data-app-state', 'ready');
  expect(page.url()).not.toContain(host.token);
  // An API call and an event (lock.changed) both still arrive.
  await page.keyboard.press('Control+L');
  await expect(page.getByRole('heading', { name: 'TA Desk is locked' })).toBeVisible();
});
