import type { Page } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { WindowApi } from '../../electron/contract/window-api.ts';
import { startPracticeServer } from '../helpers/practice-server.ts';
import { expect, fillApplication, openApp, test } from './fixtures.ts';

const PRACTICE_BANNER = 'Practice mode — applications go to the built-in practice DPP, not DataMotion.';

interface EnvironmentValues {
  name: string;
  baseUrl: string;
  userId?: string;
  password: string;
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
}

/** Fill the Add/Edit environment form by its labels, as a TA does (password only when given). */
async function fillEnvironment(page: Page, values: Partial<EnvironmentValues>): Promise<void> {
  if (values.name !== undefined) await page.getByLabel('Name', { exact: true }).fill(values.name);
  if (values.baseUrl !== undefined) await page.getByLabel('DPP base URL').fill(values.baseUrl);
  if (values.userId !== undefined) await page.getByLabel('DPP username').fill(values.userId);
  if (values.password !== undefined) await page.getByLabel('DPP password').fill(values.password);
}

/** Add an environment pointing at a practice DPP, with the practice account's profile. */
async function addEnvironment(page: Page, values: EnvironmentValues): Promise<void> {
  await page.getByRole('button', { name: 'Add environment' }).click();
  await fillEnvironment(page, { userId: 'ta@practice.example', ...values });
  await page.getByLabel('Trusted Agent', { exact: true }).fill('Pat Practice');
  await page.getByLabel('Organization legal name').fill('Practice Family Clinic');
  await page.getByLabel('Direct domain').fill('direct.practice.example');
  await page.getByLabel('Default country').selectOption('US');
  await page.getByRole('button', { name: 'Save environment' }).click();
}

function environmentRow(page: Page, name: string) {
  return page.getByTestId('environment-row').filter({ has: page.getByText(name, { exact: true }) });
}

/** Every file under `dir`, recursively, as bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((rel) => join(dir, rel))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, bytes: readFileSync(path) }));
}

test('a TA adds an environment, tests it, is told about a remote http URL and a wrong password, and removes it', async ({ page, startHost }) => {
  const server = await startPracticeServer();
  try {
    const host = await startHost();
    await openApp(page, host);
    await openSettings(page);

    // Plain http to a remote host is refused, with the reason next to the field and in the summary.
    await addEnvironment(page, { name: 'Clinic sandbox', baseUrl: 'http://example.com', password: 'practice-only' });
    const summary = page.getByTestId('environment-error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: /DPP base URL: Use an https:\/\/ address/ })).toBeVisible();
    const baseUrl = page.getByLabel('DPP base URL');
    await expect(baseUrl).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#env-field-baseUrl-error')).toContainText('plain http is only allowed for a practice DPP on this computer');
    await summary.getByRole('link', { name: /DPP base URL/ }).click();
    await expect(baseUrl).toBeFocused();

    // Loopback http (a practice DPP on this computer) is accepted.
    await baseUrl.fill(server.url);
    await expect(baseUrl).not.toHaveAttribute('aria-invalid', 'true');
    await page.getByRole('button', { name: 'Save environment' }).click();
    const row = environmentRow(page, 'Clinic sandbox');
    await expect(row).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save environment' })).toBeHidden();
    await expect(row).toContainText(server.url);
    await expect(row).toContainText('ta@practice.example');
    await expect(row.getByTestId('password-state')).toHaveText('Password stored');
    await expect(row.getByTestId('active-marker')).toBeHidden();
    await expect(environmentRow(page, 'Practice').getByTestId('active-marker')).toHaveText('Active');
    // Practice is built in: it can be tested and used, never edited or removed.
    await expect(environmentRow(page, 'Practice').getByRole('button', { name: /^(Edit|Remove)/ })).toHaveCount(0);

    await row.getByRole('button', { name: 'Test connection' }).click();
    await expect(row.getByRole('status')).toHaveText('Connected to “Clinic sandbox”: the DPP accepted your credentials.');

    // Edit: the password field starts empty (write-only); a wrong one is stored and then refused by the DPP.
    await row.getByRole('button', { name: 'Edit' }).click();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Clinic sandbox');
    await expect(page.getByLabel('DPP base URL')).toHaveValue(server.url);
    const password = page.getByLabel('DPP password');
    await expect(password).toHaveValue('');
    await expect(password).toHaveAttribute('type', 'password');
    await expect(page.getByText('Leave empty to keep the stored password')).toBeVisible();
    await password.fill('nope');
    await page.getByRole('button', { name: 'Save environment' }).click();
    await expect(page.getByTestId('environments-message')).toHaveText('Saved “Clinic sandbox”.');
    await row.getByRole('button', { name: 'Test connection' }).click();
    await expect(row.getByRole('status')).toContainText('did not accept the username and password');

    // Remove asks first, naming the environment.
    await row.getByRole('button', { name: 'Remove' }).click();
    await expect(row.getByText('Remove “Clinic sandbox” and its stored password?')).toBeVisible();
    await row.getByRole('button', { name: 'Remove “Clinic sandbox”' }).click();
    await expect(row).toHaveCount(0);
    expect(server.dpp.received()).toHaveLength(0);
  } finally {
    await server.close();
  }
});

test('switching to another environment sends applications there, after confirming it by name', async ({ page, startHost }) => {
  const sandbox = await startPracticeServer();
  // The Practice environment's DPP, served where the test can see what it receives.
  const practice = await startPracticeServer();
  try {
    const host = await startHost({ dppUrl: practice.url });
    await openApp(page, host);
    await expect(page.getByTestId('environment-name')).toHaveText('Environment: Practice');
    await openSettings(page);
    await addEnvironment(page, { name: 'Clinic sandbox', baseUrl: sandbox.url, password: 'practice-only' });

    const row = environmentRow(page, 'Clinic sandbox');
    await row.getByRole('button', { name: 'Use this environment' }).click();
    await row.getByRole('button', { name: 'Use “Clinic sandbox”' }).click();
    await expect(page.getByTestId('environment-name')).toHaveText('Environment: Clinic sandbox');
    await expect(page.getByText(PRACTICE_BANNER)).toBeHidden();
    await expect(row.getByTestId('active-marker')).toHaveText('Active');
    // Still on Settings after switching.
    await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();

    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'New application' }).click();
    await expect(page.getByLabel('Trusted Agent')).toHaveValue('Pat Practice');
    await fillApplication(page, { first: 'Rosa', last: 'Diaz', directAddress: 'rosa.diaz@direct.practice.example' });
    await page.getByRole('button', { name: 'Review application' }).click();
    await expect(page.getByTestId('review-environment')).toHaveText('Clinic sandbox');
    const submit = page.getByRole('button', { name: 'Submit application' });
    await expect(submit).toBeDisabled();
    await page.getByRole('checkbox', { name: /Clinic sandbox/ }).check();
    await expect(submit).toBeEnabled();
    await submit.click();
    await expect(page.getByRole('heading', { name: 'Application submitted' })).toBeVisible();
    expect(sandbox.dpp.received()).toHaveLength(1);
    expect(sandbox.dpp.received()[0]?.directAddress).toBe('rosa.diaz@direct.practice.example');
    expect(practice.dpp.received()).toHaveLength(0);

    // Back to Practice: the banner returns.
    await openSettings(page);
    await environmentRow(page, 'Practice').getByRole('button', { name: 'Use this environment' }).click();
    await expect(page.getByTestId('environment-name')).toHaveText('Environment: Practice');
    await expect(page.getByText(PRACTICE_BANNER)).toBeVisible();
    await expect(environmentRow(page, 'Practice').getByTestId('active-marker')).toHaveText('Active');
  } finally {
    await sandbox.close();
    await practice.close();
  }
});

test('after the idle time the app locks by itself, hides PHI, and unlocks only with the DPP password', async ({ page, startHost }) => {
  const host = await startHost({ idleLockMs: 1500 });
  await openApp(page, host);
  const lockHeading = page.getByRole('heading', { name: 'TA Desk is locked' });
  const password = page.getByLabel('DPP password');
  const unlockButton = page.getByRole('button', { name: 'Unlock' });
  const firstName = page.getByLabel('First name');

  // 1.5 s is less than a busy machine may take to load the page, and an idle lock that strikes
  // while the page starts is not always shown (see the report). Start from a known state: locked
  // with Ctrl+L (harmless when already locked), then unlocked, which restarts the idle clock.
  await page.keyboard.press('Control+L');
  await expect(lockHeading).toBeVisible();
  // Typing must finish within the idle time; if the lock wins that race, unlock and type again.
  await expect(async () => {
    if (await lockHeading.isVisible()) {
      await password.fill('practice-only', { timeout: 1_000 });
      await unlockButton.click({ timeout: 1_000 });
    }
    await firstName.click({ timeout: 1_000 });
    await firstName.fill('Zebulon', { timeout: 1_000 });
    await firstName.press('Tab', { timeout: 1_000 }); // leaving the field saves the draft at once
    // "Draft saved at …", or "Draft" when an earlier attempt saved it and the form reloaded it.
    await expect(page.getByTestId('save-state')).toHaveText(/^Draft/, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });

  // Nothing touched from here: main's idle timer alone locks the app.
  await expect(lockHeading).toBeVisible({ timeout: 10_000 });
  await expect(firstName).toBeHidden();
  expect(await page.content()).not.toContain('Zebulon');

  await password.fill('not-the-password');
  await unlockButton.click();
  await expect(page.getByText('That password is not right.')).toBeVisible();
  await expect(lockHeading).toBeVisible();
  expect(await page.content()).not.toContain('Zebulon');

  await password.fill('practice-only');
  await unlockButton.click();
  await expect(lockHeading).toBeHidden();
  await expect(firstName).toHaveValue('Zebulon');
});

test('Lock now in Settings locks at once; the idle time is saved', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await openSettings(page);

  const minutes = page.getByLabel('Lock after this many minutes without activity');
  await expect(minutes).toHaveValue('10');
  await minutes.fill('0');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('#idle-minutes-error')).toContainText('Use at least 1 minute.');
  await minutes.fill('15');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('lock-settings-message')).toHaveText('Saved: TA Desk locks after 15 minutes without activity.');
  expect(await page.evaluate(() => (window as unknown as { taDesk: WindowApi }).taDesk.getLockState())).toMatchObject({ ok: true, value: { locked: false, idleMinutes: 15 } });

  await page.getByRole('button', { name: 'Lock now' }).click();
  await expect(page.getByRole('heading', { name: 'TA Desk is locked' })).toBeVisible();
  await page.getByLabel('DPP password').fill('practice-only');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
});

test('a saved password never reaches the renderer or the data directory', async ({ page, startHost }) => {
  const secret = 'S3cret-test-pw';
  const server = await startPracticeServer();
  try {
    const host = await startHost();
    await openApp(page, host);
    await openSettings(page);
    await addEnvironment(page, { name: 'Clinic sandbox', baseUrl: server.url, password: secret });
    const row = environmentRow(page, 'Clinic sandbox');
    await expect(row.getByTestId('password-state')).toHaveText('Password stored');

    const listed = await page.evaluate(() => (window as unknown as { taDesk: WindowApi }).taDesk.listEnvironments());
    expect(listed.ok).toBe(true);
    expect(JSON.stringify(listed)).not.toContain(secret);

    // Editing shows everything but the password.
    await row.getByRole('button', { name: 'Edit' }).click();
    await expect(page.getByLabel('DPP password')).toHaveValue('');
    expect(await page.content()).not.toContain(secret);

    // The keychain holds it; nothing in the data directory does (database, WAL, logs…).
    const files = filesUnder(host.dataDir);
    expect(files.length).toBeGreaterThan(0);
    for (const { path, bytes } of files) {
      expect(bytes.includes(Buffer.from(secret, 'utf8')), `${path} holds the password`).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'utf16le')), `${path} holds the password (UTF-16)`).toBe(false);
    }
  } finally {
    await server.close();
  }
});
