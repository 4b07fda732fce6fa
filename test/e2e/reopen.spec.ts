import type { Page } from '@playwright/test';
import { expect, fillApplication, openApp, reviewAndSubmit, test, type TestHost } from './fixtures.ts';

// Issue 14, finding 5: reopening a rejected application never re-attests silently.

/** Submits Omar Quill's application with the practice DPP's rejection trigger, waits for the rejection, reopens it; its number. */
async function submitRejectedAndReopen(page: Page, startHost: (options?: { practiceStepMs?: number; pollIntervalMs?: number }) => Promise<TestHost>): Promise<string | undefined> {
  const host = await startHost({ practiceStepMs: 200, pollIntervalMs: 200 });
  await openApp(page, host);
  await fillApplication(page, { first: 'Omar', last: 'Quill', directAddress: 'omar.quill@direct.practice.example' });
  await page.getByLabel('Notes for the DataMotion Officer').fill('Walk-in. #reject');
  await reviewAndSubmit(page);
  await expect(page.getByRole('heading', { name: 'Application submitted' })).toBeFocused();
  const number = (await page.getByTestId('application-id').textContent())?.trim();

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'History' }).click();
  const row = page.getByRole('listbox', { name: 'Submitted applications' }).getByRole('option').filter({ hasText: 'Omar Quill' });
  await expect(row).toContainText('Rejected', { timeout: 15_000 });
  await row.click();
  await page.getByTestId('history-detail').getByRole('button', { name: 'Reopen as new draft' }).click();
  return number;
}

test('a reopened rejection shows the Officer’s reason at the top and the TA attests again', async ({ page, startHost }) => {
  await submitRejectedAndReopen(page, startHost);

  await expect(page.getByLabel('First name')).toHaveValue('Omar');
  const reason = page.getByTestId('reopened-reason');
  await expect(reason).toContainText('Identity could not be verified to IAL2.');
  await expect(page.getByLabel(/I attest that this patient's identity was verified to IAL2/)).not.toBeChecked();

  // Unticked in the saved draft too: opening it again from Drafts still asks for the attestation.
  await expect(page.getByTestId('save-state')).toHaveText(/^Draft/);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Drafts' }).click();
  await page.getByRole('button', { name: /^Open draft for Omar Quill/ }).click();
  await expect(page.getByLabel('First name')).toHaveValue('Omar');
  await expect(page.getByLabel(/I attest that this patient's identity was verified to IAL2/)).not.toBeChecked();
});

// The corrected application goes through: a rejected application does not hold its address
// (docs/dpp-contract.md, "Applying again"), and the review says so instead of predicting a refusal.
test('a corrected rejection is sent again for the same address and gets its own number', async ({ page, startHost }) => {
  const firstNumber = await submitRejectedAndReopen(page, startHost);
  await page.getByLabel('Notes for the DataMotion Officer').fill('Walk-in; identity checked again with a passport.');
  await page.getByLabel(/I attest that this patient's identity was verified to IAL2/).check();
  await page.getByRole('button', { name: 'Review application' }).click();
  await expect(page.getByTestId('already-in-history')).toContainText('It was rejected, so the DPP takes a new application for this address.');
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page.getByRole('heading', { name: 'Application submitted' })).toBeFocused();
  const secondNumber = (await page.getByTestId('application-id').textContent())?.trim();
  expect(secondNumber).toMatch(/^PC-\d{6}$/);
  expect(secondNumber).not.toBe(firstNumber);
});
