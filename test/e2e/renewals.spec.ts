import type { Page } from '@playwright/test';
import { startPracticeServer } from '../helpers/practice-server.ts';
import { expectNoAxeViolations } from './axe.ts';
import { expect, fillApplication, openApp, test } from './fixtures.ts';

// Issue 16, renewals: every issued certificate's expiry in History, an "Expiring soon" filter, and
// "Apply again" opening a prefilled draft whose attestation must be ticked anew.

const DAY = 86_400_000;
/** The practice DPP lives this far in the past, so a 1-year certificate it issues now lapses in 30 days. */
const SHIFT = (365 - 30) * DAY;

async function submitPatient(page: Page, first: string, last: string, autoRenew: boolean) {
  await fillApplication(page, { first, last, directAddress: `${first.toLowerCase()}.${last.toLowerCase()}@direct.practice.example` });
  await page.getByLabel('Certificate duration').selectOption({ label: '1 year' });
  await page.getByLabel('Renew automatically').setChecked(autoRenew);
  await page.getByRole('button', { name: 'Review application' }).click();
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page.getByRole('heading', { name: 'Application submitted' })).toBeFocused();
}

test('an issued certificate shows its expiry, is listed as expiring soon unless it renews itself, and is applied for again unattested', async ({ page, startHost }) => {
  const dpp = await startPracticeServer({ stepMs: 300, clock: { now: () => Date.now() - SHIFT, advance: () => undefined } });
  try {
    const host = await startHost({ dppUrl: dpp.url, pollIntervalMs: 200 });
    await openApp(page, host);
    await submitPatient(page, 'Lena', 'Holt', false);
    await page.getByRole('button', { name: 'Start a new application' }).click();
    await submitPatient(page, 'Remy', 'Auto', true);

    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'History' }).click();
    const list = page.getByRole('listbox', { name: 'Submitted applications' });
    const lena = list.getByRole('option').filter({ hasText: 'Lena Holt' });
    const remy = list.getByRole('option').filter({ hasText: 'Remy Auto' });
    await expect(lena.getByTestId('row-expires')).toContainText(/^Expires .* \(in 3[01] days\)$/, { timeout: 15_000 });
    await expect(remy.getByTestId('row-expires')).toContainText(/^Renews automatically on /, { timeout: 15_000 });

    // Expiring soon: only the one that does not renew by itself.
    await page.getByLabel('Expiring soon').check();
    await expect(page.getByTestId('history-count')).toHaveText('1 application');
    await expect(lena).toBeVisible();
    await expect(remy).toHaveCount(0);
    await expectNoAxeViolations(page, 'History, expiring soon');

    await lena.click();
    const detail = page.getByTestId('history-detail');
    await expect(detail.getByTestId('detail-expires')).toContainText('Expires');
    await detail.getByRole('button', { name: 'Apply again' }).click();

    // A new draft, prefilled from the old application, with the attestation to tick again.
    await expect(page.getByRole('heading', { name: 'Patient certificate application', level: 2 })).toBeVisible();
    await expect(page.getByTestId('reopened-reason')).toContainText('Applying again');
    await expect(page.getByTestId('reopened-reason')).toContainText('expires on');
    await expect(page.getByLabel('First name')).toHaveValue('Lena');
    await expect(page.getByLabel('Direct address')).toHaveValue('lena.holt@direct.practice.example');
    await expect(page.getByLabel(/I attest that this patient's identity was verified to IAL2/)).not.toBeChecked();
    await expect(page.getByRole('radio', { name: 'Patient certificate' })).toBeDisabled();
    await expectNoAxeViolations(page, 'applying again');
  } finally {
    await dpp.close();
  }
});

test('History filters by certificate type', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await submitPatient(page, 'Pia', 'Type', false);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'History' }).click();
  await expect(page.getByTestId('history-count')).toHaveText('1 application');
  await page.getByLabel('Certificate', { exact: true }).selectOption({ label: 'Address certificate' });
  await expect(page.getByTestId('history-count')).toHaveText('0 applications');
  await page.getByLabel('Certificate', { exact: true }).selectOption({ label: 'Patient certificate' });
  await expect(page.getByTestId('history-count')).toHaveText('1 application');
});
