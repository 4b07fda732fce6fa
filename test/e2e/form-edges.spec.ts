import { expect, fillApplication, openApp, test } from './fixtures.ts';

// Issue 14: what happens right after the happy path on the form itself.

test('the first click on Review application lands even when leaving a field shows its error', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await fillApplication(page, { first: 'Lia', last: 'Moss', directAddress: 'lia.moss@direct.practice.example' });
  // The cursor sits in Notification address, left empty: leaving it shows an error above the button.
  const notification = page.getByLabel('Notification address');
  await notification.fill('');
  await notification.focus();

  // One press and release of the mouse on the button, as a TA clicks.
  await page.getByRole('button', { name: 'Review application' }).click();

  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('link', { name: /Notification address/ })).toBeVisible();
  await expect(summary).toBeFocused();
});

test('changing the country says what happened to State, and Notes count characters instead of cutting a paste', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  const state = page.getByLabel('State', { exact: true });
  const country = page.getByLabel('Country');
  const notice = page.getByTestId('state-notice');

  await state.selectOption('NV');
  await country.selectOption('CA');
  // NV is a US state: it is cleared for Canada, and the TA is told why.
  await expect(state).toHaveValue('');
  await expect(notice).toContainText('“NV” was cleared');
  await expect(notice).toContainText('Canada');

  await state.fill('Ontario');
  await expect(notice).toHaveText('');
  await country.selectOption('US');
  await expect(state).toHaveValue('');
  await expect(notice).toContainText('“Ontario” was cleared');
  await expect(page.locator('#field-state-error')).toContainText('Enter the patient’s state');

  // A US state chosen again survives a round trip through the select.
  await state.selectOption('NY');
  await expect(page.locator('#field-state-error')).toHaveCount(0);

  // 2,001 characters pasted stay whole; the count says by how much they are over.
  const notes = page.getByLabel('Notes for the DataMotion Officer');
  await notes.fill('n'.repeat(2001));
  expect((await notes.inputValue()).length).toBe(2001);
  await expect(page.getByTestId('notes-count')).toHaveText('1 character too many');
  await notes.blur();
  await expect(page.locator('#field-notes-error')).toContainText('Notes must be 2000 characters or fewer.');
  await notes.press('End');
  await notes.press('Backspace');
  await expect(page.getByTestId('notes-count')).toHaveText('0 of 2,000 characters left');
});

test('the review names the country and the HIPAA type in words', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await expect(page.getByLabel('HIPAA type')).toHaveValue('Patient');
  await fillApplication(page, { first: 'Ana', last: 'Roy', directAddress: 'ana.roy@direct.practice.example' });
  await page.getByLabel('Country').selectOption('CA');
  await page.getByLabel('State', { exact: true }).fill('Quebec');
  await page.getByRole('button', { name: 'Review application' }).click();
  const review = page.locator('.review-list');
  await expect(review.locator('[data-field="country"]')).toHaveText('Canada (CA)');
  await expect(review.locator('[data-field="organizationCategory"]')).toHaveText('Patient');
});

test('Settings describes the DPP username in words, not as a header name', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Add environment' }).click();
  const username = page.getByLabel('DPP username');
  await expect(username).toBeVisible();
  await expect(page.locator('main')).not.toContainText('X-User-Id');
});

test('an address or domain outside the organization’s Direct domain is named on leaving the field, not only once the rest is filled', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  const address = page.getByLabel('Direct address', { exact: true });
  await address.fill('jo@elsewhere.example.com');
  await address.press('Tab');
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Use an address at direct.practice.example (or a subdomain of it)')).toBeVisible();
});

test('a Direct domain outside the organization’s is named on leaving the field', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await page.getByRole('radio', { name: 'Organizational certificate' }).check();
  const domain = page.getByLabel('Direct domain');
  await domain.fill('elsewhere.example.com');
  await domain.press('Tab');
  await expect(domain).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Use direct.practice.example or a subdomain of it')).toBeVisible();
});
