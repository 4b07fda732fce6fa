import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devSwitches } from '../../electron/main/dev-switches.ts';
import { createCredentialVault } from '../../electron/core/vault/credential-vault.ts';
import { memorySecretStore } from '../../electron/core/vault/memory-store.ts';

/**
 * Issue 12, finding 10: variables that redirect the practice DPP, the data directory or the
 * keychain service were honoured by a packaged app. Main decides once (app.isPackaged) and the
 * core only gets the decision as options.
 */
const hostile = {
  TA_DESK_DATA_DIR: '/tmp/attacker-data',
  TA_DESK_DPP_URL: 'http://127.0.0.1:9/',
  TA_DESK_KEYCHAIN_SERVICE: 'attacker',
  ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/',
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('development switches', () => {
  it('are ignored, and named as ignored, in a packaged build', () => {
    expect(devSwitches(hostile, { packaged: true })).toEqual({ ignored: Object.keys(hostile) });
  });

  it('are honoured in development and tests', () => {
    expect(devSwitches(hostile, { packaged: false })).toEqual({
      dataDir: '/tmp/attacker-data',
      dppUrl: 'http://127.0.0.1:9/',
      keychainServicePrefix: 'attacker',
      rendererUrl: 'http://127.0.0.1:5173/',
      ignored: [],
    });
  });

  it('the keychain service comes from the caller, never from the environment', async () => {
    const store = memorySecretStore();
    process.env.TA_DESK_KEYCHAIN_SERVICE = 'attacker';
    try {
      await createCredentialVault(store).setPassword('prod', 'secret');
    } finally {
      delete process.env.TA_DESK_KEYCHAIN_SERVICE;
    }
    expect(await store.get('attacker/env/prod', 'dpp-password')).toBeNull();
    expect(await store.get('TA Desk/env/prod', 'dpp-password')).toBe('secret');
  });

  it('no file of the core, main or the practice DPP reads a variable itself: main hands process.env to devSwitches', () => {
    const readers = [...filesUnder('electron/core'), ...filesUnder('electron/main'), ...filesUnder('electron/practice')]
      .filter((file) => /process\.env(\.|\[)/.test(readFileSync(file, 'utf8')))
      .filter((file) => !file.endsWith('electron/main/dev-switches.ts'));
    expect(readers).toEqual([]);
  });
});
