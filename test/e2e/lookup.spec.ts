import type { Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { ApplicationSchema } from '../../electron/contract/application.ts';
import { OrganizationApplicationSchema } from '../../electron/contract/certificate-organization.ts';
import type { WindowApi } from '../../electron/contract/window-api.ts';
import { createDppClient } from '../../electron/core/dpp/client.ts';
import { PRACTICE_ACCOUNT } from '../../electron/practice/accounts.ts';
import { createPracticeDpp } from '../../electron/practice/handler.ts';
import { serveOnLoopback } from '../../electron/practice/serve.ts';
import { startPracticeServer } from '../helpers/practice-server.ts';
import { expectNoAxeViolations } from './axe.ts';
import { expect, openApp, test } from './fixtures.ts';

const addr = (local: string) => `${local}@direct.practice.example`;

/** Applications made "outside" the lookup: through the window API, to the in-process practice DPP. */
async function submitViaApi(page: Page, locals: string[]): Promise<string[]> {
  return page.evaluate(async (addresses) => {
    const api = (window as unknown as { taDesk: WindowApi }).taDesk;
    const ids: string[] = [];
    for (const directAddress of addresses) {
      const result = await api.submitApplication({
        application: {
          trustedAgent: 'Pat Practice', organizationName: 'Practice Family Clinic', organizationCategory: '4',
          firstName: 'Lou', lastName: 'Kup', city: 'Albany', state: 'NY', country: 'US', duration: 1, fullName: 'Lou Kup',
          directAddress, autoRenew: false, ial2Vetted: true, notificationAddress: 'x@example.org',
        },
      });
      if (!result.ok) throw new Error(result.error.message);
      ids.push(result.value.applicationId ?? '');
    }
    return ids;
  }, locals.map(addr));
}

test('a TA looks one address up with the keyboard alone: found, then not found', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  const [applicationId] = await submitViaApi(page, ['lou.kup']);

  await page.keyboard.press('Alt+S');
  await expect(page.getByRole('heading', { name: 'Status lookup', level: 2 })).toBeVisible();
  await expect(page.getByLabel('Direct address or Application ID', { exact: true })).toBeFocused();

  // An invalid address is refused before anything is sent, and focus stays to fix it.
  await page.keyboard.type(`lou ${addr('kup')}`);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Remove the spaces: an address cannot contain any.')).toBeVisible();
  await expect(page.getByLabel('Direct address or Application ID', { exact: true })).toBeFocused();

  await page.keyboard.press('Control+A');
  await page.keyboard.type(addr('lou.kup'));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Application found' })).toBeFocused();
  await expect(page.getByTestId('lookup-status')).toHaveText('Pending review');
  await expect(page.getByTestId('lookup-application-id')).toHaveText(applicationId ?? '');
  // Submitted by TA Desk itself: it is in History already.
  await expect(page.getByTestId('lookup-in-history')).toBeVisible();

  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByLabel('Direct address or Application ID', { exact: true })).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(addr('nobody'));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'No application found' })).toBeFocused();
  await expect(page.getByTestId('lookup-not-found')).toHaveText(`No application was found for ${addr('nobody')} at Practice.`);
});

test('a TA looks many addresses up with the keyboard: invalid and repeated entries listed, results sorted, filtered and exported', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await submitViaApi(page, ['b.one', 'b.two']);

  await page.keyboard.press('Alt+S');
  await expect(page.getByLabel('Direct address or Application ID', { exact: true })).toBeFocused();
  await page.keyboard.press('Tab'); // Look up
  await page.keyboard.press('Tab'); // the list
  await expect(page.getByLabel('Direct addresses', { exact: true })).toBeFocused();
  await page.keyboard.type(`${addr('b.two')}\n${addr('b.one')}; ${addr('b.none')}, not-an-address\n${addr('B.One')}`);
  await page.keyboard.press('Tab'); // file
  await page.keyboard.press('Tab'); // Look up all
  await page.keyboard.press('Enter');

  const progress = page.getByTestId('batch-progress');
  await expect(progress).toBeFocused();
  await expect(progress).toHaveAttribute('data-state', 'finished');
  await expect(progress).toContainText('Finished: 3 of 3 looked up at Practice');
  await expect(page.getByTestId('batch-skipped')).toContainText('2 not sent (invalid or repeated)');
  await page.getByTestId('batch-skipped').locator('summary').press('Enter');
  await expect(page.getByTestId('batch-skipped')).toContainText('not-an-address');
  await expect(page.getByTestId('batch-skipped')).toContainText('Listed more than once: looked up once.');

  const table = page.getByTestId('batch-results');
  const firstColumn = table.locator('tbody tr td:first-child');
  await expect(firstColumn).toHaveText([addr('b.none'), addr('b.one'), addr('b.two')]);
  await table.getByRole('button', { name: 'Direct address' }).press('Enter');
  await expect(firstColumn).toHaveText([addr('b.two'), addr('b.one'), addr('b.none')]);

  await page.getByLabel('Show').selectOption('No application');
  await expect(firstColumn).toHaveText([addr('b.none')]);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).press('Enter');
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^ta-desk-status-lookup-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await (await file.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString('utf8');
  expect(text.split(/\r?\n/)[0]).toBe('Direct address,Result,Status,Application ID,Status date,Officer comments,Environment,Problem,Status date (as the DPP sent it)');
  expect(text).toContain(`${addr('b.none')},No application,,,,,Practice,`);
  // Local time with its offset for the reader, as History's export has it; the DPP's own value at the end.
  const found = text.split(/\r?\n/).find((line) => line.startsWith(`${addr('b.one')},Found`)) ?? '';
  expect(found).toMatch(/,Provisioned|,Pending review|,Approved|,Certificate issued/);
  expect(found).toMatch(/,\d{4}-\d{2}-\d{2} \d{2}:\d{2} [+-]\d{2}:\d{2},.*,\d{4}-\d{2}-\d{2}T[\d:.]+Z$/);
  expect(text).toContain('not-an-address,Not sent');
});

test('many addresses looked up at 200% zoom: the results fit the window (no sideways scroll) and the view stays axe-clean', async ({ page, startHost }) => {
  // 1280×900 at 200% zoom lays out like 640×450.
  await page.setViewportSize({ width: 640, height: 450 });
  const host = await startHost();
  await openApp(page, host);
  await submitViaApi(page, ['zoomed.long.address.of.a.patient']);
  await page.keyboard.press('Alt+S');
  await page.getByLabel('Direct addresses', { exact: true }).fill(`${addr('zoomed.long.address.of.a.patient')}\n${addr('nobody.known.here')}\nnot-an-address`);
  await page.getByRole('button', { name: 'Look up all' }).click();
  await expect(page.getByTestId('batch-progress')).toHaveAttribute('data-state', 'finished');
  await expect(page.getByTestId('batch-results').locator('tbody tr')).toHaveCount(2);
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(sideways).toBe(0);
  await expectNoAxeViolations(page, 'batch lookup results at 200% zoom');
});

test('a refused submit (address in use) offers "Look up this address", prefilled', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await submitViaApi(page, ['taken']);
  const { fillApplication, reviewAndSubmit } = await import('./fixtures.ts');
  await fillApplication(page, { first: 'Tay', last: 'Ken', directAddress: addr('taken') });
  await reviewAndSubmit(page);
  await expect(page.getByTestId('submit-error')).toHaveAttribute('data-error-code', 'conflict');
  await page.getByRole('button', { name: 'Look up this address' }).click();
  await expect(page.getByRole('heading', { name: 'Status lookup', level: 2 })).toBeVisible();
  await expect(page.getByLabel('Direct address or Application ID', { exact: true })).toHaveValue(addr('taken'));
});

test('a TA looks an application up by its Application ID with the keyboard alone, tracks it, and the view stays axe-clean', async ({ page, startHost }) => {
  // An organizational application made outside TA Desk (the DPP portal): only its number finds it.
  const dpp = await startPracticeServer();
  const outside = createDppClient({ baseUrl: dpp.url, fetch: (i, init) => fetch(i, init), credentials: async () => PRACTICE_ACCOUNT });
  const application = OrganizationApplicationSchema.parse({
    trustedAgent: 'Pat Practice', organizationName: 'Practice Family Clinic', organizationCategory: '2', city: 'Boston', state: 'MA', country: 'US',
    duration: 2, directDomain: 'north.direct.practice.example', alternateName: 'Clinic North', autoRenew: false, usersVetted: true,
  });
  const sent = await outside.submitCertificate({ certificateType: 'organization', application }, { idempotencyKey: randomUUID() });
  if (!sent.ok) throw new Error(sent.error.message);
  const { applicationId } = sent.value;
  try {
    const host = await startHost({ dppUrl: dpp.url });
    await openApp(page, host);
    const field = page.getByLabel('Direct address or Application ID', { exact: true });

    await page.keyboard.press('Alt+S');
    await expect(field).toBeFocused();
    // Neither an address nor a number: refused before anything is sent, focus stays to fix it.
    await page.keyboard.type('OC 12/3');
    await page.keyboard.press('Enter');
    await expect(page.getByText('This is neither a Direct address (it has an @) nor an Application ID')).toBeVisible();
    await expect(field).toBeFocused();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page, 'lookup: an entry that is neither');

    // A number the DPP does not hold.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('OC-999999');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'No application found' })).toBeFocused();
    await expect(page.getByTestId('lookup-not-found')).toHaveText('No application was found with Application ID OC-999999 at Practice.');

    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await expect(field).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(applicationId);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Application found' })).toBeFocused();
    await expect(page.getByTestId('lookup-type')).toHaveText('Organizational certificate');
    await expect(page.getByTestId('lookup-subject')).toHaveText('north.direct.practice.example');
    await expect(page.getByTestId('lookup-status')).toHaveText('Pending review');
    await expect(page.getByTestId('lookup-application-id')).toHaveText(applicationId);
    await expectNoAxeViolations(page, 'lookup by Application ID: found');

    // Track it with the keyboard: focus lands on where it is now.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Track in History' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('lookup-in-history')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Open History' })).toBeFocused();
    await page.keyboard.press('Enter');
    const row = page.getByRole('option').filter({ hasText: applicationId });
    await expect(row.getByTestId('row-type')).toHaveText('Organizational certificate');
    await expect(row).toContainText('north.direct.practice.example');
    // Its answer carried no name: the list line says so instead of an empty name, and the
    // detail is headed by what is known (its Direct domain), never a bare "Application".
    await expect(row.getByTestId('row-name')).toHaveText('Name not known');
    await row.click();
    await expect(page.getByRole('heading', { name: 'north.direct.practice.example', level: 3 })).toBeFocused();
  } finally {
    await dpp.close();
  }
});

test('an application whose answer does not tell its type is tracked as "Certificate type not known", and History files it under that type only', async ({ page, startHost }) => {
  // A DPP whose numbers carry no known prefix: a Direct address fits a patient and an address certificate alike.
  const dpp = createPracticeDpp({ control: true });
  const renumbered = await serveOnLoopback(async (req) => {
    const res = await dpp.handle(req);
    return new Response((await res.text()).replace(/"ApplicationId":"[A-Z]+-/g, '"ApplicationId":"N-'), { status: res.status, headers: res.headers });
  });
  try {
    const host = await startHost({ dppUrl: renumbered.url });
    await openApp(page, host);
    // One of TA Desk's own (a patient certificate, known from its form), and one made outside TA Desk.
    await submitViaApi(page, ['no.type']);
    const outside = createDppClient({ baseUrl: renumbered.url, fetch: (i, init) => fetch(i, init), credentials: async () => PRACTICE_ACCOUNT });
    const application = ApplicationSchema.parse({
      trustedAgent: 'Pat Practice', organizationName: 'Practice Family Clinic', organizationCategory: '4', firstName: 'Out', lastName: 'Side',
      city: 'Albany', state: 'NY', country: 'US', duration: 1, fullName: 'Out Side', directAddress: addr('out.side'), autoRenew: false, ial2Vetted: true,
      notificationAddress: 'x@example.org',
    });
    const sent = await outside.submitCertificate({ certificateType: 'patient', application }, { idempotencyKey: randomUUID() });
    if (!sent.ok) throw new Error(sent.error.message);

    await page.keyboard.press('Alt+S');
    await page.keyboard.type(addr('out.side'));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Application found' })).toBeFocused();
    await expect(page.getByTestId('lookup-type')).toHaveText('Certificate type not known');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('lookup-in-history')).toBeFocused();

    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'History' }).click();
    await expect(page.getByTestId('history-count')).toHaveText('2 applications');
    const rows = page.getByRole('listbox', { name: 'Submitted applications' }).getByRole('option');
    const tracked = rows.filter({ hasText: addr('out.side') });
    await expect(tracked.getByTestId('row-type')).toHaveText('Certificate type not known');
    const type = page.getByLabel('Certificate', { exact: true });
    await type.selectOption({ label: 'Patient certificate' });
    await expect(page.getByTestId('history-count')).toHaveText('1 application');
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText(addr('no.type'));
    await type.selectOption({ label: 'Certificate type not known' });
    await expect(page.getByTestId('history-count')).toHaveText('1 application');
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText(addr('out.side'));
    await expectNoAxeViolations(page, 'History filtered to "Certificate type not known"');

    // Its detail says what is not known, and offers no draft that would have to guess a type.
    await page.getByRole('listbox', { name: 'Submitted applications' }).focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('detail-type')).toHaveText('Certificate type not known');
    await expect(page.getByTestId('history-detail')).toContainText('Not known (applied for outside TA Desk)');
    await expect(page.getByRole('button', { name: 'Check status now' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Reopen as new draft' })).toHaveCount(0);
    await expectNoAxeViolations(page, 'History detail of an application of no known type');
  } finally {
    await renumbered.close();
  }
});
