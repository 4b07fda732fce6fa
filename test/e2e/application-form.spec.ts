import { PRACTICE_ACCOUNT } from '../../electron/practice/accounts.ts';
import { startPracticeServer } from '../helpers/practice-server.ts';
import { expect, fillApplication, openApp, reviewAndSubmit, test } from './fixtures.ts';

test('a TA fills, reviews and submits with the keyboard alone', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  const kb = page.keyboard;

  // From the top of the page, Tab through the form in order; typing replaces profile defaults.
  await page.getByLabel('Trusted Agent').focus();
  await kb.press('Tab'); // Organization legal name
  await kb.press('Tab'); // HIPAA type (read-only)
  await kb.press('Tab');
  await kb.type('Keyla');
  await kb.press('Tab');
  await kb.type('Board');
  await kb.press('Tab');
  await kb.type('Boston');
  await kb.press('Tab');
  await kb.type('MA'); // State: type-ahead on the select
  await kb.press('Tab'); // Country stays US
  await kb.press('Tab');
  await kb.type('3'); // Certificate duration: 3 years
  await kb.press('Tab'); // Full name follows First/Last
  await kb.press('Tab');
  await kb.type('keyla.board@direct.practice.example');
  await kb.press('Tab');
  await kb.press('Space'); // Renew automatically
  await kb.press('Tab');
  await kb.press('Space'); // IAL2 attestation
  await kb.press('Tab');
  await kb.type('keyla@example.org');

  await expect(page.getByLabel('State', { exact: true })).toHaveValue('MA');
  await expect(page.getByLabel('Full name')).toHaveValue('Keyla Board');

  await kb.press('Control+Enter');
  await expect(page.getByRole('heading', { name: 'Check the application before you send it' })).toBeFocused();
  const review = page.locator('.review-list');
  await expect(review.locator('[data-field="duration"]')).toHaveText('3 years');
  await expect(review.locator('[data-field="organizationCategory"]')).toHaveText('Patient');
  await expect(review.locator('[data-field="ial2Vetted"]')).toHaveText('Attested');

  // Esc goes back with nothing lost; Ctrl+Enter twice reviews and sends.
  await kb.press('Escape');
  await expect(page.getByLabel('City')).toHaveValue('Boston');
  await kb.press('Control+Enter');
  await kb.press('Control+Enter');
  await expect(page.getByTestId('application-id')).toHaveText(/^PC-\d{6}$/);
});

test('every field’s error is shown, linked from the summary, and fixed by keyboard', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await page.getByLabel('Trusted Agent').fill('');
  await page.getByLabel('Organization legal name').fill('');
  await page.getByLabel('Direct address').fill('not an address');
  await page.getByLabel('Notification address').fill('not an address');
  await page.keyboard.press('Control+Enter');

  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  const expected: [string, RegExp, string][] = [
    ['Trusted Agent', /Enter the Trusted Agent’s name/, 'Pat Practice'],
    ['Organization legal name', /Enter the organization’s legal name/, 'Practice Family Clinic'],
    ['First name', /Enter the patient’s first name/, 'Ida'],
    ['Last name', /Enter the patient’s last name/, 'Fix'],
    ['City', /Enter the patient’s city/, 'Salem'],
    ['State', /Enter the patient’s state/, 'OR'],
    ['Full name', /Enter the patient’s full name/, 'Ida Fix'],
    ['Direct address', /Remove the spaces/, 'ida.fix@direct.practice.example'],
    ['IAL2 identity verification', /Tick the box/, ' '],
    ['Notification address', /Remove the spaces/, 'ida@example.org'],
  ];
  await expect(summary.getByRole('link')).toHaveCount(expected.length);
  await expect(summary.getByRole('link', { name: /^Full name: Enter the patient’s full name/ })).toBeVisible();

  for (const [label, message, fix] of expected) {
    const link = summary.getByRole('link', { name: new RegExp(`^${label}: `) });
    if (label === 'Full name') {
      // Full name follows First/Last, so fixing those fixed it too: its entry has gone.
      await expect(link).toHaveCount(0);
      await expect(page.getByLabel('Full name')).toHaveValue(fix);
      continue;
    }
    await expect(link).toHaveText(message);
    await link.focus();
    await page.keyboard.press('Enter');
    const field = page.locator('*:focus');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    if (fix === ' ') await page.keyboard.press('Space');
    else if (label === 'State') await page.keyboard.type(fix);
    else {
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type(fix);
    }
    await page.keyboard.press('Tab'); // blur: the inline error re-checks
  }
  await expect(page.locator('.error-message')).toHaveCount(0);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('heading', { name: 'Check the application before you send it' })).toBeVisible();
});

test('a 400 from the DPP lands on the field it names', async ({ page, startHost }) => {
  // This DPP knows the organization under another Direct domain than the TA's profile says.
  const dpp = await startPracticeServer({
    accounts: [{ ...PRACTICE_ACCOUNT, organization: { ...PRACTICE_ACCOUNT.organization, directDomain: 'direct.clinic.example' } }],
  });
  try {
    const host = await startHost({ dppUrl: dpp.url });
    await openApp(page, host);
    await fillApplication(page, { first: 'Dee', last: 'Main', directAddress: 'dee.main@direct.practice.example' });
    await reviewAndSubmit(page);

    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: /^Direct address: .*direct\.clinic\.example/ })).toBeVisible();
    const field = page.getByLabel('Direct address');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveValue('dee.main@direct.practice.example');
    expect(dpp.dpp.received()).toHaveLength(0);
  } finally {
    await dpp.close();
  }
});

test('a Direct address already in use (409) is shown clearly', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  await fillApplication(page, { first: 'Twi', last: 'Ce', directAddress: 'twice@direct.practice.example' });
  await reviewAndSubmit(page);
  await expect(page.getByTestId('application-id')).toBeVisible();

  await page.getByRole('button', { name: 'Start a new application' }).click();
  await fillApplication(page, { first: 'Twi', last: 'Ce', directAddress: 'twice@direct.practice.example' });
  await reviewAndSubmit(page);
  const error = page.getByTestId('submit-error');
  await expect(error).toHaveAttribute('data-error-code', 'conflict');
  await expect(error).toContainText('This Direct address is already in use at the DPP.');
});

/**
 * The form's rules (zod and the schema) load just after its first paint, with the views (issue
 * 14's start-up). A review asked for before they are in waits for them, then shows the errors as
 * always; a field left meanwhile shows its error once they arrive. The rules' file is held back
 * here until after the review was asked for, so the wait is certain, not a matter of timing.
 */
test('a review asked for before the form’s rules have loaded waits for them, then shows every error', async ({ page, startHost }) => {
  const host = await startHost();
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/views-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await openApp(page, host);
  await page.getByLabel('First name').focus();
  await page.getByLabel('Last name').focus();
  await page.keyboard.press('Control+Enter');
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  // Nothing judged yet: no summary, no field error, no review.
  await expect(page.locator('.error-message')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Check the application before you send it' })).toHaveCount(0);
  release();
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: /Enter the patient’s first name/ })).toBeVisible();
  await expect(page.locator('#field-firstName-error')).toContainText('Enter the patient’s first name');
});
