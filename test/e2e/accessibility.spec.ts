import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { expect, fillApplication, openApp, test } from './fixtures.ts';

// Issue 14, findings 11 and 12: zero axe-core violations (WCAG 2.2 A/AA) on every view and state,
// at both window sizes the TAs use, in the light and the dark theme (following the OS).

const SIZES = [
  { width: 1280, height: 900 },
  { width: 1024, height: 700 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

async function view(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true }).click();
}

for (const size of SIZES) {
  for (const colorScheme of SCHEMES) {
    test.describe(`${size.width}×${size.height}, ${colorScheme}`, () => {
      test.use({ viewport: size, colorScheme });

      test('the form, its errors, the review, the result and the notices', async ({ page, startHost }) => {
        const host = await startHost();
        await openApp(page, host);
        const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
        expect(dark).toBe(colorScheme === 'dark');
        await expectNoAxeViolations(page, 'new application, empty');

        await page.getByRole('button', { name: 'Review application' }).click();
        await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
        await expectNoAxeViolations(page, 'new application, error summary');

        await fillApplication(page, { first: 'Axel', last: 'Ode', directAddress: 'axel.ode@direct.practice.example' });
        await page.getByRole('button', { name: 'Review application' }).click();
        await expect(page.getByRole('heading', { name: 'Check the application before you send it' })).toBeFocused();
        await expectNoAxeViolations(page, 'review');

        await page.getByRole('button', { name: 'Submit application' }).click();
        await expect(page.getByRole('heading', { name: 'Application submitted' })).toBeFocused();
        await expectNoAxeViolations(page, 'result: submitted');

        // The same address again: refused with a 409, shown at the top with the next step.
        await page.getByRole('button', { name: 'Start a new application' }).click();
        await fillApplication(page, { first: 'Axel', last: 'Ode', directAddress: 'axel.ode@direct.practice.example' });
        await page.getByRole('button', { name: 'Review application' }).click();
        await page.getByRole('button', { name: 'Submit application' }).click();
        await expect(page.getByRole('heading', { name: 'Not submitted' })).toBeFocused();
        await expectNoAxeViolations(page, 'result: not submitted');

        // Notices over the form: more than three, so the stack and its Dismiss all show too.
        for (const level of ['success', 'warning', 'info', 'warning'] as const) host.emit('app.notice', { level, title: `A ${level} notice`, message: 'Application PC-000001 changed.' });
        await expect(page.getByTestId('notice')).toHaveCount(3);
        await expectNoAxeViolations(page, 'notices');
      });

      test('Drafts, Outbox, History, Settings, Audit log and the lock screen', async ({ page, startHost }) => {
        const host = await startHost();
        await openApp(page, host);
        await page.getByLabel('First name').fill('Dora');
        await page.getByLabel('First name').press('Tab');
        await expect(page.getByTestId('save-state')).toHaveText(/^Draft saved at/);

        await view(page, 'Drafts');
        await expect(page.getByTestId('draft')).toHaveCount(1);
        await expectNoAxeViolations(page, 'drafts');

        await view(page, 'Outbox');
        await expect(page.getByRole('heading', { level: 2 })).toBeVisible();
        await expectNoAxeViolations(page, 'outbox');

        await view(page, 'History');
        await expect(page.getByRole('heading', { level: 2, name: 'History' })).toBeVisible();
        await expectNoAxeViolations(page, 'history');

        await view(page, 'Settings');
        await page.getByRole('button', { name: 'Add environment' }).click();
        await page.getByRole('button', { name: 'Save environment' }).click();
        await expect(page.getByTestId('environment-error-summary')).toBeFocused();
        await expectNoAxeViolations(page, 'settings, environment form with errors');

        await view(page, 'Audit log');
        await expect(page.getByRole('heading', { level: 2, name: 'Audit log' })).toBeVisible();
        await expectNoAxeViolations(page, 'audit log');

        await page.keyboard.press('Control+L');
        await expect(page.getByRole('heading', { name: 'TA Desk is locked' })).toBeVisible();
        await expectNoAxeViolations(page, 'lock screen');
      });
    });
  }
}
