import { _electron as electron, expect, type ElectronApplication, type Page } from '@playwright/test';
import { findLatestBuild, parseElectronApp } from 'electron-playwright-helpers';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

let counter = 0;

/**
 * Launch TA Desk with its own data directory and keychain entries; resolve once the renderer says
 * it is ready. With TA_DESK_E2E_PACKAGED=1 it launches the packaged build from `npm run dist:e2e`
 * (fuses flipped, asar) found with electron-playwright-helpers; otherwise out/main with the
 * development Electron binary.
 */
export async function launchApp(options: { env?: Record<string, string>; dataDir?: string; keychain?: string } = {}): Promise<{
  app: ElectronApplication;
  page: Page;
  dataDir: string;
  keychain: string;
}> {
  counter += 1;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ta-desk-electron-'));
  const keychain = options.keychain ?? `ta-desk-electron-${process.pid}-${counter}`;
  const env = { ...process.env, TA_DESK_DATA_DIR: dataDir, TA_DESK_KEYCHAIN_SERVICE: keychain, ...options.env } as Record<string, string>;
  let app: ElectronApplication;
  if (process.env.TA_DESK_E2E_PACKAGED === '1') {
    const build = parseElectronApp(findLatestBuild(resolve(import.meta.dirname, '../../dist-e2e')));
    app = await electron.launch({ executablePath: build.executable, args: [build.main], env });
  } else {
    // The project folder, not out/main/index.js: Electron then reads package.json (name, version,
    // main) as the packaged app does.
    app = await electron.launch({ args: [resolve(import.meta.dirname, '../..')], env });
  }
  const page = await app.firstWindow();
  await expect(page.locator('#app')).toHaveAttribute('data-app-state', 'ready');
  return { app, page, dataDir, keychain };
}
