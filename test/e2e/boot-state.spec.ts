import { expect, openApp, test } from './fixtures.ts';

/**
 * The page comes with its boot state (environment, lock, outbox), applied before the first render
 * (issue 14, start-up). A page opened while TA Desk is locked must therefore draw the lock screen
 * from its very first frame: no form, and no patient data, ever shows behind it.
 */
test('a page opened while locked shows the lock screen from its first frame, never the form', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await page.getByLabel('First name').fill('Ada');
  await page.keyboard.press('Control+L');
  await expect(page.getByRole('heading', { name: 'TA Desk is locked' })).toBeVisible();

  // Record, from the first script that runs in the new page, whether the form was ever drawn.
  await page.addInitScript(() => {
    const seen = { form: false };
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    new MutationObserver(() => {
      if (document.querySelector('form.application-form, #field-firstName')) seen.form = true;
    }).observe(document, { childList: true, subtree: true });
  });
  await page.reload();
  await expect(page.locator('#app')).toHaveAttribute('data-app-state', 'ready');
  await expect(page.getByRole('heading', { name: 'TA Desk is locked' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __seen: { form: boolean } }).__seen.form)).toBe(false);
  await expect(page.getByText('Ada')).toHaveCount(0);
});

/**
 * Without the boot state in the page (a page built by another host, or one that could not gather
 * it), the app asks main for the same three answers and applies them the same way: here the
 * environment and the lock, from a page opened while locked.
 */
test('without a boot state in the page, the app asks main for it and applies it the same way', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await page.keyboard.press('Control+L');
  await expect(page.getByRole('heading', { name: 'TA Desk is locked' })).toBeVisible();

  let stripped = false;
  await page.route((url) => url.pathname === '/', async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(/<script type="application\/json" id="ta-desk-boot">[\s\S]*?<\/script>/, () => {
      stripped = true;
      return '';
    });
    await route.fulfill({ response, body });
  });
  await page.reload();
  await expect(page.locator('#app')).toHaveAttribute('data-app-state', 'ready');
  expect(stripped).toBe(true);
  await expect(page.getByTestId('environment-name')).toContainText('Practice');
  await expect(page.getByRole('heading', { name: 'TA Desk is locked' })).toBeVisible();
});
