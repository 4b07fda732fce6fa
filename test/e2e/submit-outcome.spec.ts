import { PRACTICE_ACCOUNT } from '../../electron/practice/accounts.ts';
import { startPracticeServer } from '../helpers/practice-server.ts';
import { expect, fillApplication, openApp, reviewAndSubmit, test } from './fixtures.ts';

// Issue 14: the outcome of a submit is in view, focused, in words, and names the next step.

test.use({ viewport: { width: 1024, height: 700 } });

test('a refused submit shows its error at the top, focused, with the next step for wrong credentials', async ({ page, startHost }) => {
  const dpp = await startPracticeServer({ accounts: [{ ...PRACTICE_ACCOUNT, password: 'changed-at-the-dpp' }] });
  try {
    const host = await startHost({ dppUrl: dpp.url });
    await openApp(page, host);
    await fillApplication(page, { first: 'Ann', last: 'Lee', directAddress: 'ann.lee@direct.practice.example' });
    await reviewAndSubmit(page);

    const heading = page.getByRole('heading', { name: 'Not submitted' });
    await expect(heading).toBeFocused();
    await expect(heading).toBeInViewport();
    await expect(page.getByTestId('submit-error')).toBeInViewport({ ratio: 1 });
    await page.getByTestId('next-step').getByRole('button', { name: 'Update the credentials in Settings' }).click();
    await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
  } finally {
    await dpp.close();
  }
});

test('a Direct address already in use names the next step: look the address up', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await fillApplication(page, { first: 'Eve', last: 'Park', directAddress: 'eve.park@direct.practice.example' });
  await reviewAndSubmit(page);
  await expect(page.getByTestId('application-id')).toHaveText(/^PC-\d{6}$/);
  await page.getByRole('button', { name: 'Start a new application' }).click();
  await fillApplication(page, { first: 'Eve', last: 'Parker', directAddress: 'eve.park@direct.practice.example' });
  await reviewAndSubmit(page);

  await expect(page.getByRole('heading', { name: 'Not submitted' })).toBeFocused();
  await expect(page.getByTestId('next-step')).toContainText(/look up this address/i);
});

test('after a quick Ctrl+Enter the save status tells the truth on the review and says nothing about drafts once submitted', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await fillApplication(page, { first: 'Kim', last: 'Orr', directAddress: 'kim.orr@direct.practice.example' });
  // Typing, then Ctrl+Enter at once: the autosave had not run yet.
  await page.getByLabel('City').fill('Troy');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('heading', { name: 'Check the application before you send it' })).toBeFocused();
  const saveState = page.getByTestId('save-state');
  await expect(saveState).toContainText('Draft saved at');

  await page.getByRole('button', { name: 'Submit application' }).click();
  const submitted = page.getByRole('heading', { name: 'Application submitted' });
  await expect(submitted).toBeFocused();
  await expect(page.getByTestId('result-status')).toHaveText('Pending review');
  await expect(saveState).toHaveText('');
});
