import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { expect, openApp, test } from './fixtures.ts';

/**
 * Bulk import of address and organizational certificates in the browser (issue 16): the type is
 * chosen first with the keyboard, the view, the template, the mapping, the attestation and the
 * batch say it, and each batch goes out to the practice DPP with its type's application numbers.
 */
const tag = `${process.pid}x${Date.now() % 100000}`;
const PASSWORD = 'Plover-4-shale!';

async function readDownload(download: { createReadStream: () => Promise<NodeJS.ReadableStream> }): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Alt+I opens Import ready to pick a file; Shift+Tab reaches the type picker, the arrows choose. */
async function openImportAs(page: Page, downs: number, heading: string): Promise<void> {
  await page.keyboard.press('Alt+I');
  await expect(page.getByRole('button', { name: 'Choose a CSV file…' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('radio', { name: 'Patient certificate' })).toBeFocused();
  for (let i = 0; i < downs; i++) await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('heading', { name: heading, level: 2 })).toBeVisible();
}

/** Back to the button and pick a file, as with the keyboard: Enter opens the chooser. */
async function chooseFile(page: Page, name: string, contents: string): Promise<void> {
  await page.getByRole('button', { name: 'Choose a CSV file…' }).focus();
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(contents) });
  await expect(page.getByRole('heading', { name: `Columns of ${name}` })).toBeFocused();
}

async function queueWithKeyboard(page: Page, sentence: string, count: number): Promise<void> {
  const attest = page.getByLabel(sentence);
  await expect(attest).not.toBeChecked();
  await attest.focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: `Queue ${count} applications` }).focus();
  await page.keyboard.press('Enter');
}

test('address certificates: a file of people chosen with the keyboard, its password column never read, sent and named by type', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await openImportAs(page, 1, 'Import people for address certificates');
  await expect(page.getByRole('radio', { name: 'Address certificate' })).toBeChecked();
  await expect(page.getByTestId('import-cap')).toContainText('at most 10,000 people');
  await expectNoAxeViolations(page, 'import address: choose a file');

  const address = (n: number) => `staff${n}.${tag}@direct.practice.example`;
  const csv = [
    'First name,Last name,HIPAA type,City,State,Direct address,Notification address,Password,IAL2 identity verification',
    `Ann,Lee,HIPAA covered entity,Albany,NY,${address(1)},ann@example.org,${PASSWORD},yes`,
    `Bob,Ray,3,Troy,NY,${address(2)},bob@example.org,${PASSWORD},yes`,
    `Cy,Dee,Patient,Troy,NY,${address(3)},cy@example.org,,yes`,
  ].join('\r\n');
  await chooseFile(page, 'staff.csv', csv);

  const mapping = page.getByTestId('import-mapping');
  await expect(mapping.getByRole('row', { name: /Password/ })).toContainText('a password must never sit in a CSV file');
  await expect(page.getByLabel('Password', { exact: true })).toBeDisabled();
  await expect(mapping.getByRole('row', { name: /IAL2/ })).toContainText('never taken from a file');
  await expect(page.getByTestId('import-defaults')).toContainText('Direct account password: never read from a file');
  // The type cannot change under a file that is read: the picker is locked and says how to start over.
  await expect(page.getByRole('radio', { name: 'Patient certificate' })).toBeDisabled();
  await expect(page.getByTestId('import-counts')).toHaveText('3 rows: 2 ready, 1 with problems, 0 excluded.');
  await expect(page.locator('[data-field="organizationCategory"]').first()).toHaveText('HIPAA covered entity');
  await expect(page.locator('[data-field="organizationCategory"][aria-invalid="true"]')).toHaveText('Patient');
  await expect(page.getByRole('grid')).not.toContainText(PASSWORD);
  await expectNoAxeViolations(page, 'import address: columns and rows');

  await queueWithKeyboard(page, 'I attest that the identity of each of these 2 people was verified to IAL2 (NIST SP 800-63A)', 2);
  await expect(page.getByRole('heading', { level: 3, name: /\(2 people, address certificates\)$/ })).toBeFocused();
  await expect(page.getByTestId('batch-type')).toContainText('for address certificates');
  await expect(page.getByTestId('batch-progress')).toHaveAttribute('data-state', 'finished', { timeout: 20_000 });
  await expect(page.getByTestId('import-batch').getByTestId('batch-row-id').filter({ hasText: /^AC-\d+/ })).toHaveCount(2);
  await expectNoAxeViolations(page, 'import address: the batch finished');

  await page.getByRole('button', { name: 'Show this batch in History' }).click();
  await expect(page.getByTestId('history-count')).toHaveText('2 applications');
  await expect(page.getByTestId('row-type').filter({ hasText: 'Address certificate' })).toHaveCount(2);
  await expect(page.locator('body')).not.toContainText(PASSWORD);
});

test('organizational certificates: the template, a file of Direct domains, the attestation for the batch, sent and named by type', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await openImportAs(page, 2, 'Import domains for organizational certificates');
  await expect(page.getByTestId('import-cap')).toContainText('at most 10,000 domains');
  await expectNoAxeViolations(page, 'import organization: choose a file');

  const template = page.waitForEvent('download');
  await page.getByRole('button', { name: /Save a template CSV/ }).click();
  const saved = await template;
  expect(saved.suggestedFilename()).toMatch(/^ta-desk-import-template-organization-\d{4}-\d{2}-\d{2}\.csv$/);
  const header = (await readDownload(saved)).split(/\r?\n/)[0] ?? '';
  expect(header).toContain('Direct domain,Alternate name');
  expect(header).not.toContain('vetted');
  expect(header).not.toContain('First name');

  const domain = (n: number) => `site${n}x${tag}.direct.practice.example`;
  const csv = [
    'Direct domain,Alternate name,HIPAA type,City,State,Users will be vetted',
    `${domain(1)},North Clinic,1,Albany,NY,yes`,
    `${domain(2)},South Clinic,HIPAA business associate,Troy,NY,yes`,
    `${domain(1)},North Again,2,Troy,NY,yes`,
  ].join('\n');
  await chooseFile(page, 'domains.csv', csv);
  await expect(page.getByTestId('import-mapping').getByRole('row', { name: /Users will be vetted/ })).toContainText('never taken from a file');
  await expect(page.getByTestId('import-counts')).toHaveText('3 rows: 2 ready, 1 with problems, 0 excluded.');
  await expect(page.locator('[data-field="directDomain"][aria-invalid="true"]')).toHaveAccessibleDescription(/The same Direct domain is on row 2/);
  await expectNoAxeViolations(page, 'import organization: columns and rows');

  // Start over: the file goes, the picker is free again and takes focus.
  await page.getByRole('button', { name: 'Start over' }).click();
  await expect(page.getByRole('radio', { name: 'Organizational certificate' })).toBeFocused();
  await chooseFile(page, 'domains.csv', csv);

  await queueWithKeyboard(page, 'I accept responsibility that every user the certificates for these 2 domains cover is, or will be, identity-vetted', 2);
  await expect(page.getByRole('heading', { level: 3, name: /\(2 domains, organizational certificates\)$/ })).toBeFocused();
  await expect(page.getByTestId('batch-progress')).toHaveAttribute('data-state', 'finished', { timeout: 20_000 });
  const rows = page.getByTestId('import-batch').getByTestId('batch-row');
  await expect(rows.getByTestId('batch-row-id').filter({ hasText: /^OC-\d+/ })).toHaveCount(2);
  await expect(rows.first()).toContainText(domain(1));
  await expect(page.getByLabel('Include alternate names and Direct domains')).toBeVisible();
  await expectNoAxeViolations(page, 'import organization: the batch finished');

  // Earlier batches say the type too.
  await page.getByRole('button', { name: 'Import another file' }).click();
  await expect(page.getByTestId('import-batches')).toContainText('2 domains, organizational certificates');
});
