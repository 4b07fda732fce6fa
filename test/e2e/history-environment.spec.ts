import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { WindowApi } from '../../electron/contract/window-api.ts';
import { startPracticeServer } from '../helpers/practice-server.ts';
import { expect, fillApplication, openApp, submitViaApi, test } from './fixtures.ts';

const addr = (local: string) => `${local}@direct.practice.example`;
const list = (page: Page) => page.getByRole('listbox', { name: 'Submitted applications' });
const rows = (page: Page) => list(page).getByRole('option');
const count = (page: Page) => page.getByTestId('history-count');

async function openHistory(page: Page) {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'History', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'History', level: 2 })).toBeVisible();
}

/** A second environment (a practice DPP on loopback standing in for DataMotion), made active. */
async function useSandbox(page: Page, baseUrl: string): Promise<void> {
  await page.evaluate(async (url) => {
    const api = (window as unknown as { taDesk: WindowApi }).taDesk;
    const saved = await api.saveEnvironment({
      name: 'Clinic sandbox',
      baseUrl: url,
      userId: 'ta@practice.example',
      password: 'practice-only',
      trustedAgent: 'Pat Practice',
      organizationName: 'Practice Family Clinic',
      directDomain: 'direct.practice.example',
      defaultCountry: 'US',
    });
    if (!saved.ok) throw new Error(saved.error.message);
    const active = await api.activateEnvironment({ id: saved.value.id });
    if (!active.ok) throw new Error(active.error.message);
  }, baseUrl);
}

test('History shows where each application went: environment filter (active by default), Practice marked, detail, CSV and the review warning', async ({ page, startHost }) => {
  const sandbox = await startPracticeServer();
  try {
    const host = await startHost();
    await openApp(page, host);
    const [ada] = await submitViaApi(page, [{ first: 'Ada', last: 'Lovelace', directAddress: addr('ada.lovelace') }]);
    await useSandbox(page, sandbox.url);
    const [bob] = await submitViaApi(page, [{ first: 'Bob', last: 'Sandbox', directAddress: addr('bob.sandbox') }]);
    // Start again as a TA would find the app: in the sandbox environment.
    await openApp(page, host);
    await expect(page.getByTestId('environment-name')).toHaveText('Environment: Clinic sandbox');

    await openHistory(page);
    const environment = page.getByLabel('Environment', { exact: true });
    // Only the active environment's applications at first.
    await expect(environment).toHaveValue(await environment.locator('option', { hasText: 'Clinic sandbox' }).getAttribute('value') as string);
    await expect(count(page)).toHaveText('1 application');
    await expect(rows(page)).toContainText('Bob Sandbox');
    await expect(rows(page).first().getByTestId('row-environment')).toHaveText('Environment: Clinic sandbox');

    await environment.selectOption({ label: 'All environments' });
    await expect(count(page)).toHaveText('2 applications');
    const adaRow = rows(page).filter({ hasText: 'Ada Lovelace' });
    // Practice rows are marked where a TA sees them, not only by the environment's name.
    await expect(adaRow.getByTestId('row-environment')).toHaveText('Environment: Practice');
    await expect(adaRow.getByTestId('row-environment')).toHaveAttribute('data-practice', 'true');
    await expect(rows(page).filter({ hasText: 'Bob Sandbox' }).getByTestId('row-environment')).not.toHaveAttribute('data-practice', 'true');

    await environment.selectOption({ label: 'Practice' });
    await expect(count(page)).toHaveText('1 application');
    await expect(rows(page)).toContainText('Ada Lovelace');

    await adaRow.click();
    const detail = page.getByTestId('history-detail');
    await expect(detail.getByTestId('detail-environment')).toHaveText('Practice (practice DPP, not DataMotion)');
    await detail.getByRole('button', { name: 'Close' }).click();

    await environment.selectOption({ label: 'All environments' });
    await expect(count(page)).toHaveText('2 applications');
    // Both DPPs number their applications alike (PC-000001 twice): the environment tells them apart.
    await page.getByLabel('Include patient details (PHI)').check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8').split(/\r?\n/);
    expect(csv[0]).toMatch(/^Application ID,Environment,Status,/);
    expect(csv.find((line) => line.includes('Ada Lovelace'))).toMatch(new RegExp(`^${ada!.applicationId!},Practice \\(practice\\),`));
    expect(csv.find((line) => line.includes('Bob Sandbox'))).toMatch(new RegExp(`^${bob!.applicationId!},Clinic sandbox,`));

    // At review, an address already sent from this environment is flagged, with a way to that row.
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'New application', exact: true }).click();
    await fillApplication(page, { first: 'Bob', last: 'Again', directAddress: addr('BOB.sandbox') });
    await page.getByRole('button', { name: 'Review application' }).click();
    const warning = page.getByTestId('already-in-history');
    await expect(warning).toContainText(`${addr('bob.sandbox')} is already in History for Clinic sandbox`);
    await expect(warning).toContainText('Bob Sandbox');
    await warning.getByRole('button', { name: 'Open it in History' }).click();
    await expect(page.getByTestId('history-detail').getByRole('heading', { name: 'Bob Sandbox' })).toBeFocused();
    await expect(page.getByTestId('detail-application-id')).toHaveText(bob!.applicationId!);

    // Ada's address went to Practice only: no warning in the sandbox.
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'New application', exact: true }).click();
    await page.getByLabel('Direct address').fill(addr('ada.lovelace'));
    await page.getByRole('button', { name: 'Review application' }).click();
    await expect(page.getByRole('heading', { name: 'Check the application before you send it' })).toBeVisible();
    await expect(page.getByTestId('review-environment')).toHaveText('Clinic sandbox');
    // Wait for the History check to have answered before asserting that it found nothing.
    await expect(page.locator('section.review')).toHaveAttribute('data-history-check', 'done');
    await expect(page.getByTestId('already-in-history')).toHaveCount(0);
  } finally {
    await sandbox.close();
  }
});
