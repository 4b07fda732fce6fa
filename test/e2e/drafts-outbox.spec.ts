import type { WindowApi } from '../../electron/contract/window-api.ts';
import { createPracticeDpp } from '../../electron/practice/handler.ts';
import { serveOnLoopback } from '../../electron/practice/serve.ts';
import { expect, fillApplication, openApp, reviewAndSubmit, test } from './fixtures.ts';

test('a draft survives a reload, and can be duplicated and deleted', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await page.getByLabel('First name').fill('Dora');
  await page.getByLabel('Last name').fill('Draft');
  await page.getByLabel('City').fill('Ithaca');
  await expect(page.getByTestId('save-state')).toContainText('Draft saved at');

  await page.reload();
  await expect(page.locator('#app')).toHaveAttribute('data-app-state', 'ready');
  await page.getByRole('button', { name: 'Drafts' }).click();
  const draft = page.getByTestId('draft').filter({ hasText: 'Dora Draft' });
  await expect(draft).toBeVisible();
  await draft.getByRole('button', { name: /^Open draft/ }).click();
  await expect(page.getByLabel('City')).toHaveValue('Ithaca');
  await expect(page.getByLabel('Full name')).toHaveValue('Dora Draft');

  // Ctrl+S saves at once; then duplicate and delete from the list.
  await page.getByLabel('City').fill('Ithaca NY');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-state')).toContainText('Draft saved at');
  await page.getByRole('button', { name: 'Drafts' }).click();
  await page.getByRole('button', { name: /^Duplicate draft for Dora Draft/ }).click();
  await expect(page.getByLabel('City')).toHaveValue('Ithaca NY');
  await page.getByRole('button', { name: 'Drafts' }).click();
  await expect(page.getByTestId('draft')).toHaveCount(2);

  // The duplicate says "(copy)": the TA can tell which row to delete.
  await page.getByRole('button', { name: 'Delete draft for Dora Draft (copy)' }).click();
  await expect(page.getByRole('alert')).toContainText('Delete the draft for Dora Draft (copy)?');
  await page.getByRole('button', { name: 'Delete draft', exact: true }).click();
  await expect(page.getByTestId('draft')).toHaveCount(1);
  await expect(page.getByTestId('draft')).toContainText('Dora Draft');
  await expect(page.getByTestId('draft')).not.toContainText('(copy)');
});

test('an application queued while the DPP is down goes out by itself when it is back', async ({ page, startHost }) => {
  const dpp = createPracticeDpp();
  const probe = await serveOnLoopback((req) => dpp.handle(req));
  const url = probe.url;
  await probe.close(); // the DPP is down: nothing listens on that port now

  const host = await startHost({ dppUrl: url });
  await openApp(page, host);
  await fillApplication(page, { first: 'Otto', last: 'Offline', directAddress: 'otto.offline@direct.practice.example' });
  await reviewAndSubmit(page);
  await expect(page.getByTestId('submit-queued')).toContainText('will be sent');
  await expect(page.getByText('Offline — applications wait in the Outbox')).toBeVisible();
  await expect(page.getByTestId('outbox-count')).toHaveText('1');

  await page.getByRole('button', { name: /^Outbox/ }).click();
  await expect(page.getByTestId('outbox-row')).toContainText('Otto Offline');

  const back = await serveOnLoopback((req) => dpp.handle(req), Number(new URL(url).port));
  try {
    await expect(page.getByTestId('outbox-row')).toHaveCount(0, { timeout: 15_000 });
    await expect(page.getByTestId('connectivity')).toContainText('The DPP is reachable.');
    expect(dpp.received()).toHaveLength(1);
    expect(dpp.received()[0]?.directAddress).toBe('otto.offline@direct.practice.example');
  } finally {
    await back.close();
  }
});

test('Delete looks destructive, asks first, and leaves focus on the next draft or the list heading', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  // Three drafts, saved through the same window API the form uses.
  await page.evaluate(async () => {
    const api = (window as unknown as { taDesk: WindowApi }).taDesk;
    for (const [firstName, lastName] of [['Ann', 'One'], ['Ben', 'Two'], ['Cat', 'Three']]) {
      const saved = await api.saveDraft({ values: { firstName, lastName, fullName: `${firstName} ${lastName}` } });
      if (!saved.ok) throw new Error(saved.error.message);
    }
  });
  await page.getByRole('button', { name: 'Drafts', exact: true }).click();
  const drafts = page.getByTestId('draft');
  await expect(drafts).toHaveCount(3);
  const names = (await drafts.locator('strong').allTextContents()).map((n) => n.trim());

  // Destructive at a glance: Delete is drawn in the error colour, unlike Open.
  const middle = names[1]!;
  const del = page.getByRole('button', { name: `Delete draft for ${middle}` });
  const colours = async (name: string) =>
    page.getByRole('button', { name }).evaluate((el) => {
      const s = getComputedStyle(el);
      return { color: s.color, border: s.borderTopColor, background: s.backgroundColor };
    });
  const error = await page.evaluate(() => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--error)';
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  });
  const deleteLook = await colours(`Delete draft for ${middle}`);
  expect([deleteLook.color, deleteLook.background]).toContain(error);
  expect(await colours(`Open draft for ${middle}`)).not.toEqual(deleteLook);

  // It asks first; the safe answer has focus, and keeping the draft returns focus to Delete.
  await del.click();
  await expect(page.getByRole('alert')).toContainText(`Delete the draft for ${middle}?`);
  await expect(page.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(drafts).toHaveCount(3);
  await expect(del).toBeFocused();

  // Deleted: focus moves to the draft that took its place.
  await del.click();
  await page.getByRole('button', { name: 'Delete draft', exact: true }).click();
  await expect(drafts).toHaveCount(2);
  await expect(page.getByRole('button', { name: `Open draft for ${names[2]}` })).toBeFocused();

  // The last one in the list has no next draft: focus goes to the list's heading.
  await page.getByRole('button', { name: `Delete draft for ${names[2]}` }).click();
  await page.getByRole('button', { name: 'Delete draft', exact: true }).click();
  await expect(drafts).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'Drafts', level: 2 })).toBeFocused();
});
