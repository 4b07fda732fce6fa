import type { Page } from '@playwright/test';
import { createPracticeDpp } from '../../electron/practice/handler.ts';
import { serveOnLoopback } from '../../electron/practice/serve.ts';
import { expectNoAxeViolations } from './axe.ts';
import { expect, openApp, test } from './fixtures.ts';

/** Bulk import in the browser: the Import view against the preview host (parsing and checks happen in main). */

const addr = (local: string) => `${local}.${process.pid}@direct.practice.example`;
const HEADER = 'First name,Last name,City,State,Direct address,Notification address';
const line = (n: number, address = addr(`imp${n}`)) => `Pat${n},Doe${n},Albany,NY,${address},p${n}@example.org`;

/** Pick a file the way a TA does with the keyboard: Enter on the focused button opens the chooser. */
async function chooseFile(page: Page, name: string, contents: string | Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: typeof contents === 'string' ? Buffer.from(contents) : contents });
}

async function openImport(page: Page): Promise<void> {
  await page.keyboard.press('Alt+I');
  await expect(page.getByRole('heading', { name: 'Import patients', level: 2 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Choose a CSV file…' })).toBeFocused();
}

const counts = (page: Page) => page.getByTestId('import-counts');

async function readDownload(download: { createReadStream: () => Promise<NodeJS.ReadableStream> }): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

// The sizes TAs use: 1024×700 (dark theme), and 1280×900 at 200% zoom, which lays out like 640×450 at a scale of 2.
for (const size of [
  { name: '1024×700, dark', width: 1024, height: 700, scale: 1, colorScheme: 'dark' as const },
  { name: '1280×900 at 200% zoom', width: 640, height: 450, scale: 2, colorScheme: 'light' as const },
]) {
  test.describe(size.name, () => {
    test.use({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: size.scale, colorScheme: size.colorScheme });

    test('the import view has no axe-core violations with a file read and a cell being edited', async ({ page, startHost }) => {
      const host = await startHost();
      await openApp(page, host);
      await openImport(page);
      await expectNoAxeViolations(page, `import, ${size.name}: choose a file`);
      await chooseFile(page, 'sized.csv', [HEADER, line(1), line(2, 'no good'), line(3)].join('\n'));
      await expect(counts(page)).toHaveText('3 rows: 2 ready, 1 with problems, 0 excluded.');
      await expectNoAxeViolations(page, `import, ${size.name}: rows`);
      await page.getByRole('grid').focus();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('textbox', { name: 'First name, row 2' })).toBeFocused();
      await expectNoAxeViolations(page, `import, ${size.name}: editing a cell`);
    });
  });
}

test('a TA imports a small CSV with the keyboard alone: a bad row fixed in place, another excluded', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await openImport(page);
  await expect(page.getByTestId('import-cap')).toContainText('at most 10,000 patients');
  await expectNoAxeViolations(page, 'import: choose a file');

  const csv = [HEADER, line(1), line(2, 'not an address'), line(3), line(4, 'bad@'), line(5)].join('\r\n') + '\r\n';
  await chooseFile(page, 'clinic.csv', csv);

  // The outcome takes focus: the columns found, every one matched by its name; the profile's defaults named.
  await expect(page.getByRole('heading', { name: 'Columns of clinic.csv' })).toBeFocused();
  await expect(page.getByTestId('import-mapping')).toContainText('Matched automatically');
  await expect(page.getByTestId('import-defaults')).toContainText('Trusted Agent: Pat Practice');
  await expect(page.getByTestId('import-defaults')).toContainText('HIPAA type: Patient (4)');
  await expect(page.getByTestId('import-defaults')).toContainText('Full name: made from First name and Last name');
  await expect(counts(page)).toHaveText('5 rows: 3 ready, 2 with problems, 0 excluded.');
  await expectNoAxeViolations(page, 'import: columns and rows');
  // Words beside codes in the cells: the profile's HIPAA type and country.
  await expect(page.locator('[data-field="organizationCategory"]').first()).toHaveText('Patient (4)');
  await expect(page.locator('[data-field="country"]').first()).toHaveText('United States (US)');

  // Only the rows with problems, then into the grid.
  const onlyProblems = page.getByLabel(/Only rows with problems/);
  await onlyProblems.focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('preview-row')).toHaveCount(2);
  const grid = page.getByRole('grid');
  await page.keyboard.press('Tab');
  await expect(grid).toBeFocused();

  // The first problem row's Direct address: its error is on the cell, in words.
  const directColumn = 4; // Row, Include, First name, Last name, then Direct address
  await page.keyboard.press('Home');
  for (let i = 0; i < directColumn; i++) await page.keyboard.press('ArrowRight');
  const badCell = page.locator('[data-field="directAddress"][aria-invalid="true"]').first();
  await expect(badCell).toContainText('not an address');
  await expect(badCell).toHaveAccessibleDescription('Problem: Remove the spaces: an address cannot contain any.');
  await expect(page.getByTestId('active-cell')).toContainText('Row 3, Direct address:');
  await expect(page.getByTestId('active-cell')).toContainText('Remove the spaces');

  // Escape cancels an edit, Enter saves one; focus is back on the grid each time.
  await page.keyboard.press('F2');
  const editor = page.getByRole('textbox', { name: 'Direct address, row 3' });
  await expect(editor).toBeFocused();
  await page.keyboard.type('x');
  await page.keyboard.press('Escape');
  await expect(grid).toBeFocused();
  await expect(badCell).toContainText('not an address');
  await page.keyboard.press('Enter');
  await expect(editor).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(addr('fixed2'));
  await page.keyboard.press('Enter');
  await expect(grid).toBeFocused();
  await expect(counts(page)).toHaveText('5 rows: 4 ready, 1 with problems, 0 excluded.');

  // The fixed row left the filter; the one left is excluded from the Include cell.
  await expect(page.getByTestId('preview-row')).toHaveCount(1);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect(counts(page)).toHaveText('5 rows: 4 ready, 0 with problems, 1 excluded.');
  // No row with a problem is left to show: focus goes to the heading of the list.
  await expect(page.getByRole('heading', { name: 'Rows', level: 3 })).toBeFocused();
  await expect(page.getByTestId('import-no-rows')).toHaveText('No row has a problem.');
  await onlyProblems.uncheck();
  await expect(page.getByTestId('preview-row').filter({ hasText: 'Excluded' })).toHaveCount(1);
  await expect(page.getByTestId('preview-row').filter({ hasText: addr('fixed2') })).toHaveCount(1);

  // Attest (never preset: the sentence names the count), then queue, with the keyboard.
  const attest = page.getByLabel('I attest that the identity of each of these 4 patients was verified to IAL2 (NIST SP 800-63A)');
  await expect(attest).not.toBeChecked();
  const queue = page.getByRole('button', { name: 'Queue 4 applications' });
  await queue.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('import-queue-error')).toBeFocused();
  await expect(page.getByTestId('import-queue-error')).toContainText('Tick the box to attest');
  await attest.focus();
  await page.keyboard.press('Space');
  await queue.focus();
  await page.keyboard.press('Enter');

  // The batch replaces the preview; its heading takes focus; it finishes against the practice DPP.
  const batch = page.getByTestId('import-batch');
  await expect(page.getByRole('heading', { level: 3, name: /^Import of .*\(4 patients\)$/ })).toBeFocused();
  await expect(page.getByTestId('batch-progress')).toHaveAttribute('data-state', 'finished', { timeout: 20_000 });
  await expect(page.getByTestId('batch-summary')).toHaveText('4 of 4 sent, 0 still to send, 0 need attention');
  await expect(batch.getByTestId('batch-row')).toHaveCount(4);
  await expect(batch.getByTestId('batch-row-id').filter({ hasText: /^PC-\d+/ })).toHaveCount(4);
  await expect(batch.getByTestId('batch-row').first()).toContainText('Submitted — Pending review');
  await expectNoAxeViolations(page, 'import: the batch finished');

  // Results to CSV, without PHI unless asked.
  const plain = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export results (CSV)' }).click();
  const plainText = await readDownload(await plain);
  expect(plainText).toContain('PC-');
  expect(plainText).not.toContain(addr('imp1'));
  await page.getByLabel('Include patient names and addresses').check();
  const withPhi = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export results (CSV)' }).click();
  expect(await readDownload(await withPhi)).toContain(addr('imp1'));

  // History, filtered by this batch.
  await page.getByRole('button', { name: 'Show this batch in History' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'History' })).toBeVisible();
  await expect(page.getByLabel('Import batch')).toHaveValue(/.+/);
  await expect(page.getByTestId('history-count')).toHaveText('4 applications');
  await page.getByLabel('Import batch').selectOption({ label: 'Any (imported or not)' });
  await expect(page.getByTestId('history-count')).toHaveText('4 applications');
  await expectNoAxeViolations(page, 'import: rows fixed and excluded');
});

test('a file that cannot be imported says why, naming the row and column; nothing is lost and the view keeps working', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await openImport(page);

  // A value under a column with no name in the header row.
  await chooseFile(page, 'no-header.csv', 'First name,Last name\r\nAda,Byron,extra\r\n');
  const error = page.getByTestId('import-file-error');
  await expect(error).toBeFocused();
  await expect(error).toContainText('no-header.csv was not imported.');
  await expect(error).toContainText('Row 2, column C has a value, but the header row has no column C.');
  await expect(error).toContainText('Nothing was queued.');
  await expectNoAxeViolations(page, 'import: a file refused');

  // UTF-16: said so, converted only with consent.
  await page.getByRole('button', { name: 'Choose a CSV file…' }).focus();
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\r\n${line(1)}\r\n`, 'utf16le')]);
  await chooseFile(page, 'utf16.csv', utf16);
  const convert = page.getByRole('button', { name: /Convert from UTF-16/ });
  await expect(convert).toBeFocused();
  await expect(page.getByTestId('import-encoding')).toContainText('not UTF-8');
  await expectNoAxeViolations(page, 'import: converting asked first');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Columns of utf16.csv' })).toBeFocused();
  await expect(counts(page)).toHaveText('1 row: 1 ready, 0 with problems, 0 excluded.');

  // A workbook, an empty file, one row over the cap: each said in its own words; the view keeps working.
  const again = page.getByRole('button', { name: 'Choose another file…' });
  const refusals: [string, Buffer | string, string][] = [
    ['patients.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), 'This is a spreadsheet workbook (.xlsx, .ods) or another zipped file, not a CSV.'],
    ['empty.csv', '', 'The file is empty.'],
    ['too-many.csv', [HEADER, ...Array.from({ length: 10_001 }, (_, i) => line(i))].join('\n'), 'This file has 10,001 patient rows. One import takes at most 10,000 patients'],
  ];
  for (const [name, contents, message] of refusals) {
    await page.getByRole('button', { name: /Choose (a CSV|another) file…/ }).focus();
    await chooseFile(page, name, contents);
    await expect(error).toBeFocused();
    await expect(error).toContainText(`${name} was not imported.`);
    await expect(error).toContainText(message);
  }
  await expect(again).toHaveCount(0);

  // A cell that starts like a spreadsheet formula is a problem on its cell, never changed.
  await page.getByRole('button', { name: 'Choose a CSV file…' }).focus();
  await chooseFile(page, 'formula.csv', `${HEADER}\nPat1,Doe1,=HYPERLINK("x"),NY,${addr('f1')},p1@example.org\n`);
  await expect(counts(page)).toHaveText('1 row: 0 ready, 1 with problems, 0 excluded.');
  const formula = page.locator('[data-field="city"][aria-invalid="true"]');
  await expect(formula).toHaveText('=HYPERLINK("x")');
  await expect(formula).toHaveAccessibleDescription(/^Problem: This starts with = \+ - or @, as a spreadsheet formula does/);
  await expect(page.getByTestId('preview-row')).toContainText('as a spreadsheet formula does');
});

test('the preview of a 10,000-row file keeps fewer than 200 row nodes while scrolling, and reaches the last row', async ({ page, startHost }) => {
  test.setTimeout(60_000);
  const host = await startHost();
  await openApp(page, host);
  await openImport(page);
  const rows = Array.from({ length: 10_000 }, (_, i) => line(i + 1));
  await chooseFile(page, 'big.csv', [HEADER, ...rows].join('\r\n'));
  await expect(counts(page)).toHaveText('10,000 rows: 10,000 ready, 0 with problems, 0 excluded.', { timeout: 20_000 });

  const grid = page.getByRole('grid');
  await grid.focus();
  const rowNodes = () => page.locator('[role="row"]').count();
  let most = 0;
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('PageDown');
    most = Math.max(most, await rowNodes());
  }
  // A dragged scrollbar: jump through the middle, then to the end.
  for (const fraction of [0.25, 0.5, 0.75, 1]) {
    await grid.evaluate((el, f) => (el.scrollTop = f * el.scrollHeight), fraction);
    await expect(page.getByTestId('preview-row').filter({ hasText: 'Loading…' })).toHaveCount(0);
    most = Math.max(most, await rowNodes());
  }
  await page.keyboard.press('Control+End');
  await expect(page.locator('[role="rowheader"]').filter({ hasText: /^10001$/ })).toBeVisible();
  most = Math.max(most, await rowNodes());
  expect(most).toBeGreaterThan(10);
  expect(most).toBeLessThan(200);
  await expect(grid).toHaveAttribute('aria-rowcount', '10001');
});

test('the template CSV is saved from the view with the header row', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await openImport(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save a template CSV' }).click();
  const text = await readDownload(await download);
  expect(text.split(/\r?\n/)[0]).toContain('First name');
  expect(text).not.toContain('IAL2');
});

test('a batch sending at the DPP’s pace is paused, resumed and cancelled: unsent rows go back to Drafts, none lost', async ({ page, startHost }) => {
  test.setTimeout(60_000);
  // The practice DPP on loopback behind a gate the test opens and closes: while it is closed the
  // requests already sent wait (at most the outbox's few in flight), so pause, resume and cancel
  // land mid-batch however slow the machine is. (A fixed latency raced the clock: on a loaded
  // machine all 40 went out before the cancel.) Each closed spell is well under the DPP timeout.
  const { dpp, gate, served } = await gatedPracticeDpp();
  try {
    const host = await startHost({ dppUrl: served.url });
    await openApp(page, host);
    await openImport(page);
    await chooseFile(page, 'slow.csv', [HEADER, ...Array.from({ length: 40 }, (_, i) => line(100 + i))].join('\n'));
    await expect(counts(page)).toHaveText('40 rows: 40 ready, 0 with problems, 0 excluded.');
    await page.getByLabel(/I attest that the identity of each of these 40 patients/).check();
    await page.getByRole('button', { name: 'Queue 40 applications' }).click();
    const progress = page.getByTestId('batch-progress');
    await expect(progress).toHaveAttribute('data-state', 'sending');

    // Pause and resume are one button: focus stays on it.
    const pause = page.getByRole('button', { name: 'Pause sending' });
    await pause.focus();
    await page.keyboard.press('Enter');
    await expect(progress).toHaveAttribute('data-state', 'paused');
    gate.open(); // what was in flight is answered; a paused batch starts nothing new
    const resume = page.getByRole('button', { name: 'Resume sending' });
    await expect(resume).toBeFocused();
    await expectNoAxeViolations(page, 'import: batch paused');
    gate.close();
    await page.keyboard.press('Enter');
    await expect(progress).toHaveAttribute('data-state', 'sending');

    // Cancel asks first; "No" returns to the button that asked.
    const cancel = page.getByRole('button', { name: 'Cancel the batch…' });
    await cancel.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Yes, cancel the batch' })).toBeFocused();
    await expect(page.getByTestId('batch-cancel-confirm')).toContainText('go back to Drafts');
    await expectNoAxeViolations(page, 'import: cancel asked');
    await page.getByRole('button', { name: 'No, keep sending' }).press('Enter');
    await expect(cancel).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(progress).toBeFocused();
    await expect(progress).toHaveAttribute('data-state', 'cancelled');
    gate.open();

    // Every row is somewhere: sent exactly once at the DPP, or back in Drafts.
    const summary = page.getByTestId('batch-summary');
    await expect(summary).toContainText('0 still to send');
    const sent = dpp.received().length;
    expect(sent).toBeLessThan(40);
    await expect(summary).toHaveText(`${sent} of 40 sent, 0 still to send, 0 need attention, ${40 - sent} back in Drafts`);
    expect(new Set(dpp.received().map((r) => r.directAddress)).size).toBe(sent);
    await page.getByLabel('Show').selectOption({ label: 'Back in Drafts' });
    await expect(page.getByTestId('batch-row').first()).toContainText('Back in Drafts (not sent)');
    await expect(page.getByTestId('batch-row').first()).toContainText('No Application ID yet');
    await page.keyboard.press('Alt+D');
    await expect(page.getByTestId('draft')).toHaveCount(40 - sent);
  } finally {
    await served.close();
  }
});

test('after the window reloads mid-batch, the batch is found under Your imports and followed to the end', async ({ page, startHost }) => {
  test.setTimeout(60_000);
  // Behind a closed gate nothing is answered, so the batch is still sending when the window reloads.
  const { dpp, gate, served } = await gatedPracticeDpp();
  try {
    const host = await startHost({ dppUrl: served.url });
    await openApp(page, host);
    await openImport(page);
    await chooseFile(page, 'reload.csv', [HEADER, ...Array.from({ length: 10 }, (_, i) => line(200 + i))].join('\n'));
    await page.getByLabel(/I attest that the identity of each of these 10 patients/).check();
    await page.getByRole('button', { name: 'Queue 10 applications' }).click();
    await expect(page.getByTestId('batch-progress')).toHaveAttribute('data-state', 'sending');

    await openApp(page, host);
    await openImport(page);
    const mine = page.getByTestId('import-batches').getByRole('listitem').filter({ hasText: '(10 patients)' });
    await expect(mine).toContainText('Sending');
    await mine.getByRole('button', { name: /^Show/ }).click();
    await expect(page.getByRole('heading', { level: 3, name: /\(10 patients\)$/ })).toBeFocused();
    gate.open();
    await expect(page.getByTestId('batch-progress')).toHaveAttribute('data-state', 'finished', { timeout: 30_000 });
    await expect(page.getByTestId('batch-summary')).toHaveText('10 of 10 sent, 0 still to send, 0 need attention');
    expect(dpp.received()).toHaveLength(10);
  } finally {
    await served.close();
  }
});

test('done when: a 500-row spreadsheet export with a few bad rows goes out exactly once, every outcome seen and exported', async ({ page, startHost }) => {
  test.setTimeout(120_000);
  const dpp = createPracticeDpp({ control: true });
  const served = await serveOnLoopback((req) => dpp.handle(req));
  try {
    const host = await startHost({ dppUrl: served.url });
    await openApp(page, host);
    await openImport(page);
    // A spreadsheet's "CSV UTF-8" in a semicolon locale: byte-order mark, CRLF, a quoted note over two lines.
    const rows = Array.from({ length: 500 }, (_, i) => {
      const n = 1000 + i;
      const address = i === 10 ? 'broken address' : i === 20 ? addr('imp1000') : i === 30 ? 'also@' : addr(`imp${n}`);
      return [`Pat${n}`, `Doe${n}`, 'Albany', 'NY', address, `p${n}@example.org`, i === 5 ? '"Prefers mornings;\r\ncall first"' : ''].join(';');
    });
    const csv = '\uFEFF' + ['First name;Last name;City;State;Direct address;Notification address;Notes', ...rows].join('\r\n') + '\r\n';
    await chooseFile(page, 'clinic-export.csv', csv);
    await expect(counts(page)).toHaveText('500 rows: 497 ready, 3 with problems, 0 excluded.');
    await expect(page.getByTestId('import-format')).toContainText('UTF-8 with a byte-order mark, separated by semicolons');

    // The duplicate is said in words on its row; fix one bad row, exclude the other two.
    await page.getByLabel(/Only rows with problems/).check();
    await expect(page.getByTestId('preview-row')).toHaveCount(3);
    await expect(page.getByTestId('preview-row').nth(1)).toContainText('row 2');
    const grid = page.getByRole('grid');
    await grid.focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight'); // to Direct address
    await page.keyboard.press('F2');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(addr('imp1010'));
    await page.keyboard.press('Enter');
    await expect(counts(page)).toHaveText('500 rows: 498 ready, 2 with problems, 0 excluded.');
    // The counts come back before the filtered page is drawn again: wait for the rows themselves,
    // or a key pressed meanwhile lands on a row that is about to leave the list.
    await expect(page.getByTestId('preview-row')).toHaveCount(2);
    for (const left of [1, 0]) {
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Space');
      await expect(page.getByTestId('count-problems')).toHaveText(`${left} with problems`);
      await expect(page.getByTestId('preview-row')).toHaveCount(left);
    }
    await expect(counts(page)).toHaveText('500 rows: 498 ready, 0 with problems, 2 excluded.');

    await page.getByLabel(/I attest that the identity of each of these 498 patients/).check();
    await page.getByRole('button', { name: 'Queue 498 applications' }).click();
    await expect(page.getByTestId('batch-progress')).toHaveAttribute('data-state', 'finished', { timeout: 90_000 });
    await expect(page.getByTestId('batch-summary')).toHaveText('498 of 498 sent, 0 still to send, 0 need attention');
    const received = dpp.received().map((r) => r.directAddress);
    expect(received).toHaveLength(498);
    expect(new Set(received).size).toBe(498);

    await page.getByLabel('Include patient names and addresses').check();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export results (CSV)' }).click();
    const lines = (await readDownload(await download)).trim().split(/\r?\n/);
    expect(lines).toHaveLength(499);
    expect(lines.filter((l) => /PC-\d+/.test(l))).toHaveLength(498);
  } finally {
    await served.close();
  }
});

/** The practice DPP on loopback behind a gate, closed at first. */
async function gatedPracticeDpp() {
  const dpp = createPracticeDpp({ control: true });
  const gate = heldGate();
  const served = await serveOnLoopback(async (req) => {
    await gate.passage();
    return dpp.handle(req);
  });
  return { dpp, gate, served };
}

/** A door for the practice DPP's requests: closed, they wait; opened, the waiting ones go on. */
function heldGate() {
  let isOpen = false;
  let waiting: (() => void)[] = [];
  return {
    passage: () => (isOpen ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve))),
    open() {
      isOpen = true;
      for (const go of waiting) go();
      waiting = [];
    },
    close() {
      isOpen = false;
    },
  };
}
