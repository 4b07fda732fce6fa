import { expect, test } from '@playwright/test';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { launchApp } from './launch.ts';

/**
 * The runtime the app ships with: Electron 45's Node (24) and its built-in SQLite, which the
 * store uses. With TA_DESK_E2E_PACKAGED=1 this runs against the packaged, asar-packed build.
 */
test('runs on Node 24 or later and opens its store with the built-in SQLite', async () => {
  const { app, dataDir } = await launchApp();
  let closed = false;
  try {
    const versions = await app.evaluate(() => ({ node: process.versions.node, sqlite: process.versions.sqlite }));
    expect(Number(versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
    expect(versions.sqlite).toMatch(/^3\.\d+\.\d+$/);

    const file = join(dataDir, 'ta-desk.sqlite');
    await expect.poll(() => existsSync(file)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    await app.close(); // quitting waits for the store to close
    closed = true;

    // Read what the app wrote: migrated to a schema version, and the data key check it seals on
    // first open — so the store really opened inside the app, not just created an empty file.
    const db = new DatabaseSync(file, { readOnly: true });
    try {
      expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
      expect((db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number }).v).toBeGreaterThanOrEqual(1);
      expect(db.prepare("SELECT key FROM settings WHERE key = 'data_key_check'").get()).toEqual({ key: 'data_key_check' });
    } finally {
      db.close();
    }
  } finally {
    if (!closed) await app.close();
  }
});
