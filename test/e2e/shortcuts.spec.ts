import { COMMANDS, shortcutFor } from '../../electron/contract/commands.ts';
import { expect, openApp, test } from './fixtures.ts';

/**
 * The keyboard shortcuts come from the command table the desktop app's menu reads too
 * (electron/contract/commands.ts): what the tabs show is what the keys do, in the browser as well.
 */
test('view tabs show their shortcut from the command table, and the keys move between views', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  const views = page.getByRole('navigation', { name: 'Views' });
  const history = views.getByRole('button', { name: COMMANDS.history.label });
  await expect(history).toHaveAttribute('aria-keyshortcuts', shortcutFor('history').aria);
  await expect(history).toHaveAttribute('title', shortcutFor('history').label);

  await page.keyboard.press('Alt+H');
  await expect(history).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press('Alt+D');
  await expect(views.getByRole('button', { name: COMMANDS.drafts.label })).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press('Alt+N');
  await expect(page.getByRole('heading', { name: 'Patient certificate application' })).toBeVisible();
});

test('the lock shortcut shown on the Lock button locks the app', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  const lock = page.getByRole('banner').getByRole('button', { name: 'Lock' });
  await expect(lock).toHaveAttribute('aria-keyshortcuts', shortcutFor('lock').aria);
  await page.keyboard.press('Control+L');
  await expect(page.getByRole('heading', { name: 'TA Desk is locked' })).toBeVisible();
});
