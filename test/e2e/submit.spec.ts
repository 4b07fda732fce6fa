import { resolve } from 'node:path';
import { PRACTICE_ACCOUNT } from '../../electron/practice/accounts.ts';
import { startPracticeServer } from '../helpers/practice-server.ts';
import { expect, fillApplication, openApp, test } from './fixtures.ts';

const DOCS_SCREENSHOT = resolve(import.meta.dirname, '../../docs/application-form.png');

test('a TA fills the form by label, submits, and sees the ApplicationId', async ({ page, startHost }, testInfo) => {
  const host = await startHost();
  await openApp(page, host);

  await expect(page.getByText('Practice mode — applications go to the built-in practice DPP, not DataMotion.')).toBeVisible();
  await expect(page.getByLabel('Trusted Agent')).toHaveValue('Pat Practice');
  await expect(page.getByLabel('Organization legal name')).toHaveValue('Practice Family Clinic');
  await expect(page.getByLabel('HIPAA type')).toHaveValue('Patient');

  await fillApplication(page, { first: 'Jane', last: 'Doe', directAddress: 'jane.doe@direct.practice.example' });
  // Full name follows First/Last until the TA edits it.
  await expect(page.getByLabel('Full name')).toHaveValue('Jane Doe');

  // Into the ignored test-results/ (a test run must leave the tree clean); `npm run docs:screenshot`
  // alone refreshes the copy in docs/.
  await page.screenshot({ path: process.env.TA_DESK_DOCS_SCREENSHOT ? DOCS_SCREENSHOT : testInfo.outputPath('application-form.png'), fullPage: true });

  await page.getByRole('button', { name: 'Review application' }).click();
  await expect(page.getByTestId('review-environment')).toHaveText('Practice');
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page.getByRole('heading', { name: 'Application submitted' })).toBeVisible();
  await expect(page.getByTestId('application-id')).toHaveText(/^PC-\d{6}$/);
});

test('a wrong TA password at the DPP shows a clear error and keeps the form', async ({ page, startHost }) => {
  // The DPP knows the practice TA with another password than the one the app sends.
  const dpp = await startPracticeServer({ accounts: [{ ...PRACTICE_ACCOUNT, password: 'changed-at-the-dpp' }] });
  try {
    const host = await startHost({ dppUrl: dpp.url });
    await openApp(page, host);
    await fillApplication(page, { first: 'Ann', last: 'Lee', directAddress: 'ann.lee@direct.practice.example' });
    await page.getByRole('button', { name: 'Review application' }).click();
    await page.getByRole('button', { name: 'Submit application' }).click();

    const error = page.getByTestId('submit-error');
    await expect(error).toContainText('The DPP did not accept your TA credentials');
    await expect(error).toContainText('User credentials are invalid.');
    // Nothing is lost: back to the form, every value still there.
    await page.getByRole('button', { name: 'Change application' }).click();
    await expect(page.getByLabel('First name')).toHaveValue('Ann');
    expect(dpp.dpp.received()).toHaveLength(0);
  } finally {
    await dpp.close();
  }
});

test('submitting an incomplete form focuses an error summary whose links focus each field', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await page.getByLabel('First name').fill('Jane');
  await page.getByRole('button', { name: 'Review application' }).click();

  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await summary.getByRole('link', { name: /Last name: Enter the patient’s last name\./ }).click();
  await expect(page.getByLabel('Last name')).toBeFocused();
});
