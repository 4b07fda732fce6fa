import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, fillApplication, openApp, practiceApplication, reviewAndSubmit, submitViaApi, test } from './fixtures.ts';

const addr = (local: string) => `${local}@direct.practice.example`;

async function openHistory(page: Page) {
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'History', level: 2 })).toBeVisible();
}

const list = (page: Page) => page.getByRole('listbox', { name: 'Submitted applications' });
const rows = (page: Page) => list(page).getByRole('option');
const count = (page: Page) => page.getByTestId('history-count');

// The longest test comes first, so it runs beside the others instead of after them.
test('thousands of applications: a virtual list that stays small, reaches the end and still searches', async ({ page, startHost }) => {
  test.setTimeout(60_000);
  const host = await startHost();
  await openApp(page, host);
  // Up to 2,000 through the core's own submit handler (the one the window API reaches, with the
  // in-process practice DPP), skipping only the HTTP hop; fewer if this machine needs over 20 s.
  const { dispatch } = host;
  const name = (i: number) => String(i).padStart(4, '0');
  const started = Date.now();
  let n = 0;
  while (n < 2_000 && Date.now() - started < 20_000) {
    const result = await dispatch('application.submit', { application: practiceApplication({ first: 'Scale', last: name(n), directAddress: addr(`scale.${name(n)}`) }) });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    n += 1;
  }
  test.info().annotations.push({ type: 'scale', description: `${n} applications submitted in ${Date.now() - started} ms` });
  console.log(`scale: ${n} applications submitted in ${Date.now() - started} ms`);
  // Enough that fewer than 200 rendered rows means the list really is virtual.
  expect(n).toBeGreaterThan(250);

  await openHistory(page);
  await expect(count(page)).toHaveText(`${n.toLocaleString('en-US')} applications`);
  await expect(rows(page).first()).toContainText('Scale');
  expect(await rows(page).count()).toBeLessThan(200);

  await page.getByLabel('Sort by').selectOption({ label: 'Name or alternate name' });
  await expect(rows(page).first()).toContainText('Scale 0000');
  await list(page).focus();
  await page.keyboard.press('End');
  const lastRow = list(page).locator(`[role="option"][aria-posinset="${n}"]`);
  await expect(lastRow).toBeInViewport();
  await expect(lastRow).toContainText(`Scale ${name(n - 1)}`);
  await expect(lastRow).toHaveAttribute('aria-selected', 'true');
  await expect(list(page)).toHaveAttribute('aria-activedescendant', (await lastRow.getAttribute('id'))!);
  // Only the rows around the viewport exist: the first one left the DOM.
  await expect(list(page).getByText('Scale 0000', { exact: true })).toHaveCount(0);
  expect(await rows(page).count()).toBeLessThan(200);

  await page.keyboard.press('PageUp');
  const selected = list(page).locator('[aria-selected="true"]');
  await expect(selected).toBeInViewport();
  await expect(selected).not.toHaveAttribute('aria-posinset', String(n));
  await page.keyboard.press('Home');
  await expect(list(page).locator('[aria-posinset="1"]')).toHaveAttribute('aria-selected', 'true');
  await expect(list(page).locator('[aria-posinset="1"]')).toContainText('Scale 0000');
  expect(await rows(page).count()).toBeLessThan(200);

  const needle = name(n - 7);
  await page.getByLabel('Search history').fill(`Scale ${needle}`);
  await expect(count(page)).toHaveText('1 application');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText(addr(`scale.${needle}`));
});

test('search, status filter, sort and the detail timeline', async ({ page, startHost }) => {
  const host = await startHost({ practiceStepMs: 300, pollIntervalMs: 200 });
  await openApp(page, host);
  const [zoe, adam, mia] = await submitViaApi(page, [
    { first: 'Zoe', last: 'Adams', directAddress: addr('zoe.adams') },
    { first: 'Adam', last: 'Young', directAddress: addr('adam.young'), notes: 'Please check. #reject' },
    { first: 'Mia', last: 'Brown', directAddress: addr('mia.brown') },
  ]);
  await openHistory(page);
  await expect(count(page)).toHaveText('3 applications');
  // Every application reaches its final status by itself (the poller, then application.changed).
  await expect(rows(page).filter({ hasText: 'Adam Young' })).toContainText('Rejected', { timeout: 10_000 });
  await expect(rows(page).filter({ hasText: 'Provisioned' })).toHaveCount(2, { timeout: 10_000 });

  const search = page.getByLabel('Search history');
  await search.fill('mia');
  await expect(count(page)).toHaveText('1 application');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText('Mia Brown');

  await search.fill(addr('zoe.adams'));
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText('Zoe Adams');

  await search.fill(adam!.applicationId!);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText('Adam Young');
  await expect(rows(page)).toContainText(adam!.applicationId!);

  await search.fill('');
  await expect(count(page)).toHaveText('3 applications');

  const statusGroup = page.getByRole('group', { name: 'Status' });
  await statusGroup.getByLabel('Rejected').check();
  await expect(count(page)).toHaveText('1 application');
  await expect(rows(page)).toContainText('Adam Young');
  await statusGroup.getByLabel('Provisioned').check();
  await expect(count(page)).toHaveText('3 applications');
  await statusGroup.getByLabel('Rejected').uncheck();
  await expect(count(page)).toHaveText('2 applications');
  await expect(rows(page).filter({ hasText: 'Adam Young' })).toHaveCount(0);
  await statusGroup.getByLabel('Provisioned').uncheck();

  // Dates are the TA's local days.
  const day = (offset: number) => {
    const d = new Date();
    d.setDate(d.getDate() + offset);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  };
  await page.getByLabel('Submitted from').fill(day(1));
  await expect(page.getByText('No applications match these filters.')).toBeVisible();
  await expect(count(page)).toHaveText('0 applications');
  await page.getByLabel('Submitted from').fill(day(0));
  await page.getByLabel('Submitted to').fill(day(0));
  await expect(count(page)).toHaveText('3 applications');
  await page.getByLabel('Submitted from').fill('');
  await page.getByLabel('Submitted to').fill(day(-1));
  await expect(count(page)).toHaveText('0 applications');
  await page.getByLabel('Submitted to').fill('');
  await expect(count(page)).toHaveText('3 applications');

  await page.getByLabel('Sort by').selectOption({ label: 'Name or alternate name' });
  await expect(rows(page)).toHaveText([/Adam Young/, /Mia Brown/, /Zoe Adams/]);
  await page.getByRole('button', { name: /Sort direction/ }).click();
  await expect(rows(page)).toHaveText([/Zoe Adams/, /Mia Brown/, /Adam Young/]);

  // Keyboard: Home, Down, Enter opens the second row.
  await list(page).focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await expect(rows(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('history-detail');
  await expect(detail.getByRole('heading', { name: 'Mia Brown' })).toBeFocused();
  await expect(detail.getByTestId('detail-application-id')).toHaveText(mia!.applicationId!);
  const timeline = detail.getByTestId('detail-timeline');
  await expect(timeline.getByRole('listitem').first()).toContainText('Pending review');
  await expect(timeline.getByRole('listitem').last()).toContainText('Provisioned');
  await expect(detail.getByTestId('detail-comments')).toHaveCount(0);

  await detail.getByRole('button', { name: 'Check status now' }).click();
  await expect(detail.getByTestId('check-message')).toHaveText('Status checked: no change (Provisioned).');

  await rows(page).filter({ hasText: 'Zoe Adams' }).click();
  await expect(detail.getByRole('heading', { name: 'Zoe Adams' })).toBeVisible();
  await expect(detail.getByTestId('detail-application-id')).toHaveText(zoe!.applicationId!);

  await page.getByRole('button', { name: 'Check all statuses now' }).click();
  await expect(page.getByTestId('history-message')).toHaveText('Status checked: every application already has a final status.');
  await detail.getByRole('button', { name: 'Close' }).click();
  await expect(detail).toHaveCount(0);
  await expect(list(page)).toBeFocused();
});

test('a submitted application reaches Provisioned in the list by itself, with a notice', async ({ page, startHost }) => {
  const host = await startHost({ practiceStepMs: 300, pollIntervalMs: 200 });
  await openApp(page, host);
  await openHistory(page);
  await expect(page.getByText('No submitted applications yet.')).toBeVisible();

  await page.getByRole('button', { name: 'New application', exact: true }).click();
  await fillApplication(page, { first: 'Grace', last: 'Hopper', directAddress: addr('grace.hopper') });
  await reviewAndSubmit(page);
  await expect(page.getByRole('heading', { name: 'Application submitted' })).toBeVisible();
  const applicationId = await page.getByTestId('application-id').textContent();

  await openHistory(page);
  const row = rows(page).filter({ hasText: 'Grace Hopper' });
  await expect(row).toContainText(applicationId!);
  await expect(row).toContainText(addr('grace.hopper'));
  await expect(row.getByTestId('row-status')).toHaveText('Provisioned', { timeout: 10_000 });
  await expect(page.getByTestId('notice').filter({ hasText: 'Direct address provisioned' })).toBeVisible();
});

test('an issued certificate’s row shows its dates and expiry whole at 1280×900 and at 200% zoom, nothing cut off', async ({ page, startHost }) => {
  const host = await startHost({ practiceStepMs: 300, pollIntervalMs: 200 });
  await openApp(page, host);
  await submitViaApi(page, [{ first: 'Whole', last: 'Row', directAddress: addr('whole.row') }]);
  await openHistory(page);
  const row = rows(page).filter({ hasText: addr('whole.row') });
  await expect(row.getByTestId('row-expires')).toContainText(/^Expires .* \(in 36[56] days\)$/, { timeout: 10_000 });
  // Text a TA cannot read: any part of the row wider than the room it is given (cut with an ellipsis).
  const cut = () => row.evaluate((r) => [...r.querySelectorAll<HTMLElement>('strong, span:not(.visually-hidden)')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
  expect(await cut()).toEqual([]);
  // 1280×900 at 200% zoom lays out like 640×450.
  await page.setViewportSize({ width: 640, height: 450 });
  await expect(row.getByTestId('row-expires')).toBeVisible();
  expect(await cut()).toEqual([]);
});

test('a rejected application shows the Officer’s comment and reopens as a prefilled draft', async ({ page, startHost }) => {
  const host = await startHost({ practiceStepMs: 300, pollIntervalMs: 200 });
  await openApp(page, host);
  await fillApplication(page, { first: 'Rex', last: 'Reject', directAddress: addr('rex.reject') });
  await page.getByLabel('Notes for the DataMotion Officer').fill('Walk-in patient. #reject');
  await reviewAndSubmit(page);
  await expect(page.getByRole('heading', { name: 'Application submitted' })).toBeVisible();

  await openHistory(page);
  const row = rows(page).filter({ hasText: 'Rex Reject' });
  await expect(row.getByTestId('row-status')).toHaveText('Rejected', { timeout: 10_000 });
  await expect(page.getByTestId('notice').filter({ hasText: 'Application rejected' })).toBeVisible();
  await row.click();
  const detail = page.getByTestId('history-detail');
  await expect(detail.getByTestId('detail-status')).toHaveText('Rejected');
  await expect(detail.getByTestId('detail-comments')).toHaveText('Identity could not be verified to IAL2.');
  await expect(detail.getByTestId('detail-timeline')).toContainText('Identity could not be verified to IAL2.');

  await detail.getByRole('button', { name: 'Reopen as new draft' }).click();
  await expect(page.getByLabel('First name')).toHaveValue('Rex');
  await expect(page.getByLabel('Last name')).toHaveValue('Reject');
  await expect(page.getByLabel('Direct address')).toHaveValue(addr('rex.reject'));
});

test('export CSV with and without PHI, purge, and the audit log', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  const [ada] = await submitViaApi(page, [{ first: 'Ada', last: 'Lovelace', directAddress: addr('ada.lovelace') }]);
  await openHistory(page);
  await expect(count(page)).toHaveText('1 application');

  const phi = page.getByLabel('Include patient details (PHI)');
  await expect(phi).not.toBeChecked();
  const exportCsv = async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^ta-desk-history-\d{4}-\d{2}-\d{2}\.csv$/);
    return readFileSync((await download.path())!, 'utf8');
  };
  const withoutPhi = await exportCsv();
  expect(withoutPhi).toContain(ada!.applicationId!);
  expect(withoutPhi).not.toContain('Lovelace');
  expect(withoutPhi).not.toContain(addr('ada.lovelace'));
  await expect(page.getByTestId('history-message')).toHaveText('Exported 1 application without patient details.');

  await phi.check();
  const withPhi = await exportCsv();
  expect(withPhi).toContain(ada!.applicationId!);
  expect(withPhi).toContain('Ada Lovelace');

  // Purge asks first, naming the number of days; nothing this new is old enough to go.
  await page.getByLabel('Purge history older than (days)').fill('30');
  await page.getByRole('button', { name: 'Purge history…' }).click();
  await expect(page.getByText('Permanently delete finished applications older than 30 days?')).toBeVisible();
  await page.getByRole('button', { name: 'Purge history older than 30 days' }).click();
  await expect(page.getByTestId('history-message')).toHaveText('Purged 0 applications older than 30 days.');
  await expect(count(page)).toHaveText('1 application');

  await page.getByRole('button', { name: 'Audit log', exact: true }).click();
  const audit = page.getByRole('table');
  await expect(audit.getByRole('columnheader')).toHaveText(['When', 'Who', 'Action', 'Application', 'Detail']);
  await expect(audit.locator('tr[data-action="submit"]').first()).toBeVisible();
  // Words and the DPP's Application ID, not codes and internal ids.
  await expect(audit.locator('tr[data-action="submit"]').last()).toContainText(`Submitted${ada!.applicationId!}Queued for sending`);
  await expect(audit.locator('tr[data-action="export"]')).toHaveCount(2);
  await expect(audit.locator('tr[data-action="export"]').first()).toContainText('History exported: 1 application, with patient details (PHI)');
  await expect(audit.locator('tr[data-action="purge"]')).toHaveCount(1);
  // Newest first.
  await expect(audit.getByRole('row').nth(1)).toHaveAttribute('data-action', 'purge');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const auditCsv = readFileSync((await download.path())!, 'utf8');
  expect(auditCsv.split('\n')[0]).toContain('When');
  // Words for the TA (the raw action code stays in a column of its own, for machines).
  expect(auditCsv).toContain(`Submitted,${ada!.applicationId!},Queued for sending`);
  expect(auditCsv).not.toContain('Lovelace');
});
