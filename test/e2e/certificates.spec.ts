import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { expect, fillApplication, openApp, reviewAndSubmit, test } from './fixtures.ts';

// Issue 16: the address and organizational certificates, drawn by the same form engine as the
// patient one, applied for with the keyboard alone and followed to their result.

const PASSWORD = 'Direct-Acct-7781';

/** Choose a type in the picker with the arrow keys, as a keyboard user does. */
async function pickType(page: Page, presses: number, heading: string) {
  await page.getByRole('radio', { name: 'Patient certificate' }).focus();
  for (let i = 0; i < presses; i += 1) await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('heading', { name: heading, level: 2 })).toBeVisible();
}

test('an address certificate: keyboard only from the type picker to the result; the password never shown', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await pickType(page, 1, 'Address certificate application');
  await expect(page.getByRole('radio', { name: 'Address certificate' })).toBeFocused();
  await expectNoAxeViolations(page, 'address certificate form, empty');
  const kb = page.keyboard;

  await kb.press('Tab'); // Trusted Agent (from the profile)
  await expect(page.getByLabel('Trusted Agent')).toBeFocused();
  await kb.press('Tab'); // Organization legal name
  await kb.press('Tab'); // HIPAA type: a radio group, nothing chosen yet
  await kb.press('ArrowDown'); // Other → HIPAA covered entity
  await expect(page.getByRole('radio', { name: 'HIPAA covered entity' })).toBeChecked();
  await kb.press('Tab');
  await kb.type('Rosa');
  await kb.press('Tab');
  await kb.type('Diaz');
  await kb.press('Tab');
  await kb.type('Albany');
  await kb.press('Tab');
  await kb.type('NY'); // State: type-ahead on the select
  await kb.press('Tab'); // Country stays US
  await kb.press('Tab');
  await kb.type('2'); // Certificate duration: 2 years
  await kb.press('Tab'); // Full name follows First/Last
  await kb.press('Tab');
  await kb.type('rosa.diaz@direct.practice.example');
  await kb.press('Tab');
  await expect(page.getByLabel('Direct account password')).toHaveAttribute('type', 'password');
  await kb.type(PASSWORD);
  await kb.press('Tab');
  await kb.press('Space'); // Renew automatically
  await kb.press('Tab');
  await kb.press('Space'); // the IAL2 attestation
  await kb.press('Tab');
  await kb.type('rosa@example.org');
  await expect(page.getByLabel('Full name')).toHaveValue('Rosa Diaz');
  await expect(page.getByLabel(/I attest that this person's identity was verified to IAL2/)).toBeChecked();

  await kb.press('Control+Enter');
  await expect(page.getByRole('heading', { name: 'Check the application before you send it' })).toBeFocused();
  const review = page.locator('.review-list');
  await expect(review.locator('[data-field="organizationCategory"]')).toHaveText('HIPAA covered entity');
  await expect(review.locator('[data-field="country"]')).toHaveText('United States (US)');
  await expect(review.locator('[data-field="duration"]')).toHaveText('2 years');
  await expect(review.locator('[data-field="password"]')).toHaveText('Given (not shown)');
  await expect(page.locator('main')).not.toContainText(PASSWORD);
  await expectNoAxeViolations(page, 'address certificate review');

  await kb.press('Control+Enter');
  await expect(page.getByRole('heading', { name: 'Application submitted' })).toBeFocused();
  await expect(page.getByTestId('application-id')).not.toHaveText('(not given by the DPP)');
  await expect(page.getByTestId('result-type')).toHaveText('Address certificate');
  await expect(page.getByTestId('result-status')).toHaveText('Pending review');
  await expect(page.locator('main')).not.toContainText(PASSWORD);
  await expectNoAxeViolations(page, 'address certificate result');

  // Followed in History like any other, named as what it is.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'History' }).click();
  const row = page.getByRole('listbox', { name: 'Submitted applications' }).getByRole('option').filter({ hasText: 'Rosa Diaz' });
  await expect(row.getByTestId('row-type')).toHaveText('Address certificate');
  await expect(page.locator('main')).not.toContainText(PASSWORD);
});

test('an organizational certificate: keyboard only, a domain outside the profile’s refused on exactly its field', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await pickType(page, 2, 'Organizational certificate application');
  await expectNoAxeViolations(page, 'organizational certificate form, empty');
  const kb = page.keyboard;

  await kb.press('Tab'); // Trusted Agent
  await kb.press('Tab'); // Organization legal name
  await kb.press('Tab'); // HIPAA type
  await kb.press('ArrowDown');
  await kb.press('ArrowDown'); // HIPAA business associate
  await expect(page.getByRole('radio', { name: 'HIPAA business associate' })).toBeChecked();
  await kb.press('Tab');
  await kb.type('Albany'); // City
  await kb.press('Tab');
  await kb.type('NY'); // State
  await kb.press('Tab'); // Country US
  await kb.press('Tab'); // Certificate duration: 1 year
  await kb.press('Tab');
  await kb.type('clinic.elsewhere.example'); // Direct domain, outside direct.practice.example
  await kb.press('Tab');
  await kb.type('Practice Family Clinic, north site');
  await kb.press('Tab'); // Renew automatically: left unticked
  await kb.press('Tab');
  await kb.press('Space'); // users will be vetted

  await kb.press('Control+Enter');
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveCount(1);
  await expect(summary.getByRole('link', { name: /^Direct domain: Use direct\.practice\.example/ })).toBeVisible();
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(1);
  await expect(page.getByLabel('Direct domain')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('form .error-message')).toHaveCount(1);
  await expectNoAxeViolations(page, 'organizational certificate, error summary');

  await summary.getByRole('link').focus();
  await kb.press('Enter');
  await expect(page.getByLabel('Direct domain')).toBeFocused();
  await kb.press('ControlOrMeta+a');
  await kb.type('north.direct.practice.example');
  await kb.press('Tab');
  await expect(page.locator('form .error-message')).toHaveCount(0);

  await kb.press('Control+Enter');
  await expect(page.getByRole('heading', { name: 'Check the application before you send it' })).toBeFocused();
  const review = page.locator('.review-list');
  await expect(review.locator('[data-field="organizationCategory"]')).toHaveText('HIPAA business associate');
  await expect(review.locator('[data-field="usersVetted"]')).toHaveText('Accepted');
  await expect(review.locator('[data-field="autoRenew"]')).toHaveText('No');
  await kb.press('Control+Enter');
  await expect(page.getByRole('heading', { name: 'Application submitted' })).toBeFocused();
  await expect(page.getByTestId('application-id')).not.toHaveText('(not given by the DPP)');
  await expect(page.getByTestId('result-type')).toHaveText('Organizational certificate');
  await expectNoAxeViolations(page, 'organizational certificate result');

  // The same domain again: the DPP's 409 is shown with the next step for a domain.
  await page.getByRole('button', { name: 'Start a new application' }).click();
  await expect(page.getByRole('radio', { name: 'Organizational certificate' })).toBeChecked();
  await page.getByRole('radio', { name: 'HIPAA business associate' }).check();
  await page.getByLabel('City').fill('Albany');
  await page.getByLabel('State', { exact: true }).selectOption('NY');
  await page.getByLabel('Direct domain').fill('north.direct.practice.example');
  await page.getByLabel('Alternate name').fill('North site again');
  await page.getByLabel(/I accept responsibility that every user/).check();
  await page.getByRole('button', { name: 'Review application' }).click();
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page.getByRole('heading', { name: 'Not submitted' })).toBeFocused();
  await expect(page.getByTestId('submit-error')).toHaveAttribute('data-error-code', 'conflict');
  await expect(page.getByTestId('next-step')).toContainText('change the Direct domain');
});

test('an empty address form: each error on its own field and in the summary, axe clean; the HIPAA type link lands in its group', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await pickType(page, 1, 'Address certificate application');
  await page.getByRole('button', { name: 'Review application' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  const expected = ['HIPAA type', 'First name', 'Last name', 'City', 'State', 'Full name', 'Direct address', 'IAL2 identity verification', 'Notification address'];
  await expect(summary.getByRole('link')).toHaveText(expected.map((label) => new RegExp(`^${label}: `)));
  // Every message sits on its own field: one inline error per summary entry, none elsewhere.
  await expect(page.locator('form .error-message')).toHaveCount(expected.length);
  await expect(page.locator('#field-password-error')).toHaveCount(0);
  await expectNoAxeViolations(page, 'address certificate, every error');

  await summary.getByRole('link', { name: /^HIPAA type: / }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('radio', { name: 'Other' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'HIPAA covered entity' })).toBeChecked();
  await expect(page.locator('#field-organizationCategory-error')).toHaveCount(0);
});

test('an address draft keeps its password in the keychain: reopened, the field says so, never shows it, and it can be removed', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await pickType(page, 1, 'Address certificate application');
  await page.getByLabel('First name').fill('Kai');
  await page.getByLabel('Direct account password').fill(PASSWORD);
  await page.getByLabel('Direct account password').press('Tab');
  await expect(page.getByTestId('save-state')).toHaveText(/^Draft saved at/);

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Drafts' }).click();
  const draft = page.getByTestId('draft').filter({ hasText: 'Kai' });
  await expect(draft.getByTestId('draft-type')).toHaveText('Address certificate');
  await draft.getByRole('button', { name: /^Open draft/ }).click();
  await expect(page.getByRole('heading', { name: 'Address certificate application', level: 2 })).toBeVisible();
  const password = page.getByLabel('Direct account password');
  await expect(password).toHaveValue('');
  await expect(page.getByTestId('secret-kept')).toContainText('A password is kept for this draft (not shown)');
  expect(await page.content()).not.toContain(PASSWORD);

  await page.getByTestId('secret-kept').getByRole('button', { name: 'remove it' }).click();
  await expect(password).toBeFocused();
  await expect(page.getByTestId('secret-kept')).toHaveCount(0);
  await page.getByLabel('Last name').fill('Lund');
  await page.getByLabel('Last name').press('Tab');
  await expect(page.getByTestId('save-state')).toHaveText(/^Draft saved at/);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Drafts' }).click();
  await page.getByRole('button', { name: /^Open draft for Kai Lund/ }).click();
  await expect(page.getByLabel('Last name')).toHaveValue('Lund');
  await expect(page.getByTestId('secret-kept')).toHaveCount(0);
});

test('the type picker starts as the type last picked, and is fixed once the application holds data', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await expect(page.getByRole('radio', { name: 'Patient certificate' })).toBeChecked();
  await pickType(page, 2, 'Organizational certificate application');

  // Reopened, the app starts where the TA left it (a setting in main, not the browser's storage).
  await openApp(page, host);
  await expect(page.getByRole('radio', { name: 'Organizational certificate' })).toBeChecked();
  await expect(page.getByRole('heading', { name: 'Organizational certificate application', level: 2 })).toBeVisible();

  await page.getByLabel('City').fill('Troy');
  await expect(page.getByRole('radio', { name: 'Patient certificate' })).toBeDisabled();
  await expect(page.getByText('For another type, start a new application.')).toBeVisible();
});

test('the result, Drafts and History name the certificate type in words', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await page.getByLabel('First name').fill('Tia');
  await page.getByLabel('First name').press('Tab');
  await expect(page.getByTestId('save-state')).toHaveText(/^Draft saved at/);
  const nav = page.getByRole('navigation', { name: 'Views' });
  await nav.getByRole('button', { name: 'Drafts' }).click();
  await expect(page.getByTestId('draft').filter({ hasText: 'Tia' }).getByTestId('draft-type')).toHaveText('Patient certificate');

  await page.getByRole('button', { name: /^Open draft for Tia/ }).click();
  await fillApplication(page, { first: 'Tia', last: 'Moss', directAddress: 'tia.moss@direct.practice.example' });
  await reviewAndSubmit(page);
  await expect(page.getByTestId('result-type')).toHaveText('Patient certificate');

  await nav.getByRole('button', { name: 'History' }).click();
  const row = page.getByRole('listbox', { name: 'Submitted applications' }).getByRole('option').filter({ hasText: 'Tia Moss' });
  await expect(row.getByTestId('row-type')).toHaveText('Patient certificate');
  await row.click();
  await expect(page.getByTestId('detail-type')).toHaveText('Patient certificate');
});

test.describe('1024×700, dark', () => {
  test.use({ viewport: { width: 1024, height: 700 }, colorScheme: 'dark' });

  test('the generated forms and their error summaries have no axe-core violations', async ({ page, startHost }) => {
    const host = await startHost();
    await openApp(page, host);
    for (const [presses, title] of [
      [1, 'Address certificate application'],
      [2, 'Organizational certificate application'],
    ] as const) {
      await pickType(page, presses, title);
      await expectNoAxeViolations(page, `${title}, empty`);
      await page.getByRole('button', { name: 'Review application' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
      await expectNoAxeViolations(page, `${title}, error summary`);
      // Back to a blank form of the next type: a new application.
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Drafts' }).click();
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'New application' }).click();
      await page.getByRole('radio', { name: 'Patient certificate' }).check();
    }
  });
});
