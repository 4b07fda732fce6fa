import { expect, fillApplication, openApp, reviewAndSubmit, test } from './fixtures.ts';

// Issue 14, finding 3: notices are few, newest first, dismissible, clear of the header, and say
// which patient they are about.

test.use({ viewport: { width: 1024, height: 700 } });

test('twenty notices: three shown newest first, clear of the Lock button, Dismiss all; success fades, warnings stay', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  for (let i = 1; i <= 20; i++) host.emit('app.notice', { level: i % 2 ? 'success' : 'warning', title: `Notice ${i}`, message: `Message ${i}.` });

  const notices = page.getByTestId('notice');
  await expect(notices).toHaveCount(3);
  await expect(notices.nth(0)).toContainText('Notice 20');
  await expect(notices.nth(2)).toContainText('Notice 18');
  await expect(page.getByRole('region', { name: 'Notices' })).toContainText('17 more not shown');

  // Never over the header's controls.
  const lock = await page.getByRole('button', { name: 'Lock' }).boundingBox();
  const stack = await page.getByRole('region', { name: 'Notices' }).boundingBox();
  expect(lock && stack).toBeTruthy();
  expect(stack!.y).toBeGreaterThan(lock!.y + lock!.height);

  // Dismissing one hands focus to the next notice, never to the page.
  await notices.nth(0).getByRole('button', { name: 'Dismiss' }).click();
  await expect(notices.nth(0)).toContainText('Notice 19');
  await expect(page.locator('.notice-open').first()).toBeFocused();

  await page.getByRole('button', { name: 'Dismiss all' }).click();
  await expect(notices).toHaveCount(0);

  host.emit('app.notice', { level: 'warning', title: 'Stays', message: 'An error stays until dismissed.' });
  host.emit('app.notice', { level: 'success', title: 'Fades', message: 'A success fades by itself.' });
  await expect(notices).toHaveCount(2);
  await page.mouse.move(5, 300); // not hovering the notices (hovering holds the fading)
  await expect(notices.filter({ hasText: 'Fades' })).toHaveCount(0, { timeout: 10_000 });
  await expect(notices.filter({ hasText: 'Stays' })).toHaveCount(1);
});
test('a rejection notice names the patient and the Officer’s comment; activating it opens the application', async ({ page, startHost }) => {
  const host = await startHost({ practiceStepMs: 200, pollIntervalMs: 200 });
  await openApp(page, host);
  await fillApplication(page, { first: 'Rhea', last: 'Stone', directAddress: 'rhea.stone@direct.practice.example' });
  await page.getByLabel('Notes for the DataMotion Officer').fill('#reject');
  await reviewAndSubmit(page);
  await expect(page.getByTestId('application-id')).toHaveText(/^PC-\d{6}$/);
  const applicationId = await page.getByTestId('application-id').textContent();

  const notice = page.getByTestId('notice').filter({ hasText: 'Application rejected' });
  await expect(notice).toContainText('Rhea Stone', { timeout: 15_000 });
  await expect(notice).toContainText('Identity could not be verified to IAL2.');
  await notice.getByRole('button', { name: /Application rejected/ }).click();
  await expect(page.getByRole('heading', { name: 'History', level: 2 })).toBeVisible();
  await expect(page.getByText(applicationId!).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Rhea Stone' })).toBeVisible();
});
