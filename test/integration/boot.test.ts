import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootCore } from '../../electron/core/boot.ts';
import { memorySecretStore } from '../../electron/core/vault/memory-store.ts';
import { PRACTICE_CREDENTIALS } from '../../electron/practice/environment.ts';

/** The one start-up path of Electron main and the preview host, on a real SQLite file. */
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ta-desk-boot-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const options = (dataDir: string) => ({
  version: '1.2.3',
  dataDir,
  secretStore: memorySecretStore(),
  networkFetch: (input: string, init: RequestInit) => fetch(input, init),
  emit: () => undefined,
  pollIntervalMs: 3_600_000,
});

describe('bootCore', () => {
  it('starts the core with the in-process practice DPP and serves the window API through its dispatcher', async () => {
    const booted = await bootCore(options(tempDir()));
    try {
      expect(await booted.dispatch('app.info', undefined)).toMatchObject({ ok: true, value: { version: '1.2.3', environmentName: 'Practice' } });
      // The OS lock signal: afterwards nothing that can carry PHI is served until the TA unlocks.
      await booted.lockNow();
      expect(await booted.dispatch('drafts.list', undefined)).toMatchObject({ ok: false, error: { code: 'locked' } });
      expect(await booted.dispatch('lock.unlock', { password: PRACTICE_CREDENTIALS.password })).toMatchObject({ ok: true, value: { locked: false } });
      expect(await booted.dispatch('drafts.list', undefined)).toMatchObject({ ok: true, value: [] });
    } finally {
      await booted.close();
    }
  });

  it('when the data cannot be opened, every channel says so instead of the app crashing', async () => {
    const notADirectory = join(tempDir(), 'a-file');
    writeFileSync(notADirectory, 'not a data directory');
    const booted = await bootCore(options(notADirectory));
    expect(booted.core).toBeUndefined();
    for (const channel of ['app.info', 'drafts.list', 'outbox.state'] as const) {
      expect(await booted.dispatch(channel, undefined)).toMatchObject({ ok: false, error: { message: expect.stringContaining('could not open its local data') } });
    }
    await booted.lockNow();
    await booted.close();
  });

  it('refuses a practice DPP address that is neither https nor loopback, and says why', async () => {
    const booted = await bootCore({ ...options(tempDir()), practice: { dppUrl: 'http://dpp.example.org' } });
    expect(booted.core).toBeUndefined();
    expect(await booted.dispatch('app.info', undefined)).toMatchObject({ ok: false });
  });
});
