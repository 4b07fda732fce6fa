import { expect, openApp, test } from './fixtures.ts';

// Issue 14, finding 7 (the form's part): drafts only for real work, and a way back to it.

test('a form without patient data never becomes a draft', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  // Settings that are not about a patient: no draft for them alone.
  await page.getByLabel('Certificate duration').selectOption({ label: '2 years' });
  await page.getByLabel('Renew automatically').check();
  await page.getByLabel('Renew automatically').press('Tab');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Drafts' }).click();
  await expect(page.getByText('No drafts.')).toBeVisible();

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'New application' }).click();
  await page.getByLabel('First name').fill('Uma');
  await page.getByLabel('First name').press('Tab');
  await expect(page.getByTestId('save-state')).toHaveText(/^Draft saved at/);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Drafts' }).click();
  await expect(page.getByTestId('draft')).toHaveCount(1);

  // A duplicate can be told from its original, and its "(copy)" follows the new patient's name.
  await page.getByRole('button', { name: 'Duplicate draft for Uma' }).click();
  await expect(page.getByLabel('Full name')).toHaveValue('Uma (copy)');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Drafts' }).click();
  await expect(page.getByTestId('draft')).toHaveCount(2);
  await expect(page.getByTestId('draft').filter({ hasText: 'Uma (copy)' })).toHaveCount(1);
  await page.getByRole('button', { name: /^Open draft for Uma \(copy\)/ }).click();
  await page.getByLabel('First name').fill('Ugo');
  await expect(page.getByLabel('Full name')).toHaveValue('Ugo');
});

test('reopening the app offers to continue the draft that was being edited', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await page.getByLabel('First name').fill('Ines');
  await page.getByLabel('Last name').fill('Vale');
  await page.getByLabel('Last name').press('Tab');
  await expect(page.getByTestId('save-state')).toHaveText(/^Draft saved at/);

  await openApp(page, host);
  const offer = page.getByTestId('continue-offer');
  await expect(offer).toContainText('Ines Vale');
  await offer.getByRole('button', { name: 'Continue that draft' }).click();
  await expect(page.getByLabel('First name')).toHaveValue('Ines');
  await expect(page.getByLabel('Last name')).toHaveValue('Vale');
  await expect(page.getByRole('heading', { name: 'Patient certificate application' })).toBeFocused();

  // Declining starts fresh, and the offer does not come back.
  await openApp(page, host);
  await page.getByTestId('continue-offer').getByRole('button', { name: 'Start a new application' }).click();
  await expect(page.getByLabel('First name')).toHaveValue('');
  // Nothing left to offer: the pointer to the draft is gone, so the next start is a plain form.
  expect(await page.evaluate(() => localStorage.getItem('ta-desk.editing-draft'))).toBeNull();
  await openApp(page, host);
  await expect(page.getByTestId('continue-offer')).toHaveCount(0);
});
