import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApplicationInput } from '../../electron/contract/application.ts';
import type { SubmitOutcome } from '../../electron/contract/applications.ts';
import type { WindowApi } from '../../electron/contract/window-api.ts';
import { startPreviewHost, type PreviewHost, type PreviewOptions } from '../../electron/preview/host.ts';

/** Each test gets its own preview host and data directory (docs/architecture.md: no shared state). */
type HostOptions = Omit<PreviewOptions, 'dataDir' | 'port'>;
/** A started host, with the data directory it writes to (tests may inspect what lands on disk). */
export type TestHost = PreviewHost & { dataDir: string };
let hostCounter = 0;

export const test = base.extend<{ startHost: (options?: HostOptions) => Promise<TestHost> }>({
  // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  startHost: async ({}, use) => {
    const hosts: PreviewHost[] = [];
    const dirs: string[] = [];
    await use(async (options = {}) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'ta-desk-e2e-'));
      dirs.push(dataDir);
      hostCounter += 1;
      // Own keychain entries per host: the data key and passwords of one test never meet another's.
      const keychainServicePrefix = `ta-desk-e2e-${process.pid}-${hostCounter}`;
      const host = await startPreviewHost({ dataDir, keychainServicePrefix, ...options });
      hosts.push(host);
      return Object.assign(host, { dataDir });
    });
    await Promise.all(hosts.map((h) => h.close()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };

/** Open the app and wait for its readiness marker, never a sleep. */
export async function openApp(page: Page, host: PreviewHost): Promise<void> {
  await page.goto(host.url);
  await expect(page.locator('#app')).toHaveAttribute('data-app-state', 'ready');
}

/** Fill the form the way a TA does: by the visible labels. */
export async function fillApplication(page: Page, values: { first: string; last: string; directAddress: string }) {
  await page.getByLabel('First name').fill(values.first);
  await page.getByLabel('Last name').fill(values.last);
  await page.getByLabel('City').fill('Albany');
  await page.getByLabel('State', { exact: true }).selectOption('NY');
  await page.getByLabel('Certificate duration').selectOption({ label: '2 years' });
  await page.getByLabel('Direct address').fill(values.directAddress);
  await page.getByLabel('Renew automatically').check();
  await page.getByLabel(/I attest that this patient's identity was verified to IAL2/).check();
  await page.getByLabel('Notification address').fill('patient@example.org');
}

/** Review and send the filled form, as a TA would with the mouse. */
export async function reviewAndSubmit(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Review application' }).click();
  await page.getByRole('button', { name: 'Submit application' }).click();
}

export interface Patient {
  first: string;
  last: string;
  directAddress: string;
  notes?: string;
}

/** A valid application for the practice account (README: the practice DPP's rules). */
export function practiceApplication(p: Patient): ApplicationInput {
  return {
    trustedAgent: 'Pat Practice',
    organizationName: 'Practice Family Clinic',
    organizationCategory: '4',
    firstName: p.first,
    lastName: p.last,
    city: 'Albany',
    state: 'NY',
    country: 'US',
    duration: 1,
    fullName: `${p.first} ${p.last}`,
    directAddress: p.directAddress,
    autoRenew: false,
    ial2Vetted: true,
    notificationAddress: 'x@example.org',
    ...(p.notes ? { notes: p.notes } : {}),
  };
}


/** Submit through the window API the renderer uses (the practice DPP runs in-process), in order. */
export async function submitViaApi(page: Page, patients: Patient[]): Promise<SubmitOutcome[]> {
  return page.evaluate(async (applications) => {
    const api = (window as unknown as { taDesk: WindowApi }).taDesk;
    const outcomes: SubmitOutcome[] = [];
    for (const application of applications) {
      const result = await api.submitApplication({ application });
      if (!result.ok) throw new Error(`submit failed: ${result.error.message}`);
      outcomes.push(result.value);
    }
    return outcomes;
  }, patients.map(practiceApplication));
}
