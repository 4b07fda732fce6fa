import { _electron as electron, expect, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Launch the built app with its own data directory; resolve once the renderer says it is ready. */
export async function launchApp(env: Record<string, string> = {}): Promise<{ app: ElectronApplication; page: Page; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ta-desk-electron-'));
  const app = await electron.launch({
    args: [resolve(import.meta.dirname, '../../out/main/index.js')],
    env: { ...process.env, TA_DESK_DATA_DIR: dataDir, ...env } as Record<string, string>,
  });
  const page = await app.firstWindow();
  await expect(page.locator('#app')).toHaveAttribute('data-app-state', 'ready');
  return { app, page, dataDir };
}
