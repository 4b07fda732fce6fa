import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createCredentialVault } from '../../electron/core/vault/credential-vault.ts';
import { keytarSecretStore, type SecretStore } from '../../electron/core/vault/secret-store.ts';

/**
 * The credential vault against the REAL OS keychain (keytar → gnome-keyring), no mocks. Needs a
 * Secret Service with an unlocked default keyring; on CI and here it runs inside one:
 *   dbus-run-session -- bash test/with-keyring.sh npx vitest run test/integration/credential-vault.test.ts
 * Outside it these tests fail (they never skip): a vault test that passes without a keychain
 * proves nothing.
 */
const keychain = keytarSecretStore();
const written = new Map<string, { service: string; account: string }>();
let counter = 0;

/** The real store, remembering every entry written so afterEach can remove it. */
const tracked: SecretStore = {
  get: (service, account) => keychain.get(service, account),
  delete: (service, account) => keychain.delete(service, account),
  async set(service, account, secret) {
    written.set(`${service}\n${account}`, { service, account });
    await keychain.set(service, account, secret);
  },
};

/** A unique service prefix per test: parallel runs and other data dirs never meet. */
function uniquePrefix(): string {
  return `ta-desk-test-${process.pid}-${++counter}`;
}

afterEach(async () => {
  for (const { service, account } of written.values()) await keychain.delete(service, account);
  written.clear();
});

describe('credential vault on the real OS keychain', () => {
  it('stores, reads, replaces and deletes a DPP password', async () => {
    const vault = createCredentialVault(tracked, { servicePrefix: uniquePrefix() });
    expect(await vault.getPassword('prod')).toBeNull();
    expect(await vault.hasPassword('prod')).toBe(false);

    await vault.setPassword('prod', 'first secret ✓');
    expect(await vault.getPassword('prod')).toBe('first secret ✓');
    expect(await vault.hasPassword('prod')).toBe(true);

    await vault.setPassword('prod', 'second-secret');
    expect(await vault.getPassword('prod')).toBe('second-secret');

    expect(await vault.deletePassword('prod')).toBe(true);
    expect(await vault.getPassword('prod')).toBeNull();
    expect(await vault.hasPassword('prod')).toBe(false);
    expect(await vault.deletePassword('prod')).toBe(false);
  });

  it('writes the password where the design says: service <prefix>/env/<id>, account dpp-password', async () => {
    const prefix = uniquePrefix();
    await createCredentialVault(tracked, { servicePrefix: prefix }).setPassword('env-1', 'where-am-i');
    expect(await keychain.get(`${prefix}/env/env-1`, 'dpp-password')).toBe('where-am-i');
  });

  it('rejects an empty password with a clear error and stores nothing', async () => {
    const vault = createCredentialVault(tracked, { servicePrefix: uniquePrefix() });
    await expect(vault.setPassword('prod', '')).rejects.toThrow(/empty DPP password/);
    expect(await vault.hasPassword('prod')).toBe(false);
  });

  it('keeps environments apart', async () => {
    const vault = createCredentialVault(tracked, { servicePrefix: uniquePrefix() });
    await vault.setPassword('staging', 'staging-secret');
    expect(await vault.getPassword('prod')).toBeNull();

    await vault.setPassword('prod', 'prod-secret');
    expect(await vault.getPassword('staging')).toBe('staging-secret');
    expect(await vault.getPassword('prod')).toBe('prod-secret');

    await vault.deletePassword('staging');
    expect(await vault.getPassword('prod')).toBe('prod-secret');
  });

  it('keeps service prefixes (test runs, data directories) apart', async () => {
    const first = createCredentialVault(tracked, { servicePrefix: uniquePrefix() });
    const second = createCredentialVault(tracked, { servicePrefix: uniquePrefix() });
    await first.setPassword('prod', 'first-run-secret');
    expect(await second.getPassword('prod')).toBeNull();

    await second.setPassword('prod', 'second-run-secret');
    expect(await first.getPassword('prod')).toBe('first-run-secret');
    expect(await second.getPassword('prod')).toBe('second-run-secret');

    const [firstKey, secondKey] = [await first.getOrCreateDataKey(), await second.getOrCreateDataKey()];
    expect(firstKey.equals(secondKey)).toBe(false);
  });

  it('verifies a password against the keychain copy', async () => {
    const vault = createCredentialVault(tracked, { servicePrefix: uniquePrefix() });
    expect(await vault.verifyPassword('prod', 'anything')).toBe(false);
    expect(await vault.verifyPassword('prod', '')).toBe(false);

    await vault.setPassword('prod', 'correct horse');
    expect(await vault.verifyPassword('prod', 'correct horse')).toBe(true);
    expect(await vault.verifyPassword('prod', 'correct hors')).toBe(false);
    expect(await vault.verifyPassword('prod', 'correct horse ')).toBe(false);
    expect(await vault.verifyPassword('prod', 'Correct horse')).toBe(false);
    expect(await vault.verifyPassword('prod', '')).toBe(false);
    expect(await vault.verifyPassword('staging', 'correct horse')).toBe(false);
  });

  it('creates the data key once: 32 random bytes, the same from every vault instance', async () => {
    const prefix = uniquePrefix();
    const key = await createCredentialVault(tracked, { servicePrefix: prefix }).getOrCreateDataKey();
    expect(key).toBeInstanceOf(Buffer);
    expect(key).toHaveLength(32);
    expect(key.equals(Buffer.alloc(32))).toBe(false);
    expect(await keychain.get(`${prefix}/data-key`, 'local-database')).toBe(key.toString('base64'));

    // A second instance over a second store is what the next app start sees.
    const later = createCredentialVault(keytarSecretStore(), { servicePrefix: prefix });
    expect((await later.getOrCreateDataKey()).equals(key)).toBe(true);
    expect((await later.getOrCreateDataKey()).equals(key)).toBe(true);
  });

  it.each([
    ['not base64 at all', 'this is not a key!'],
    ['base64 of 16 bytes', Buffer.alloc(16, 7).toString('base64')],
    ['base64 of 33 bytes', Buffer.alloc(33, 7).toString('base64')],
    ['only whitespace', '   '],
  ])('refuses a damaged data key (%s) with a clear error and leaves it in place', async (_label, damaged) => {
    const prefix = uniquePrefix();
    const vault = createCredentialVault(tracked, { servicePrefix: prefix });
    await tracked.set(`${prefix}/data-key`, 'local-database', damaged);

    const error = await vault.getOrCreateDataKey().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/local database key .* is damaged .*32-byte base64/);
    expect(message).toMatch(/did not replace it/);
    if (damaged.trim()) expect(message).not.toContain(damaged);
    expect(await keychain.get(`${prefix}/data-key`, 'local-database')).toBe(damaged);
  });

  it('says the keychain is available after a probe round trip that leaves nothing behind', async () => {
    const prefix = uniquePrefix();
    const vault = createCredentialVault(tracked, { servicePrefix: prefix });
    expect(await vault.checkAvailable()).toEqual({ ok: true });
    expect(await keychain.get(`${prefix}/probe`, 'probe')).toBeNull();
  });
});

describe('credential vault without a keychain', () => {
  const repo = fileURLToPath(new URL('../..', import.meta.url));
  const probe = fileURLToPath(new URL('../fixtures/vault-probe.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

  it.each([
    ['the D-Bus address points at no socket', { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' }],
    ['there is no D-Bus session bus at all', { DBUS_SESSION_BUS_ADDRESS: undefined, DISPLAY: undefined }],
  ])('gives the clear error, not a crash, when %s', async (_label, overrides) => {
    const env: NodeJS.ProcessEnv = { ...process.env, TA_DESK_KEYCHAIN_SERVICE: uniquePrefix() };
    for (const [name, value] of Object.entries(overrides)) {
      if (value === undefined) delete env[name];
      else env[name] = value;
    }
    const { stdout, stderr } = await promisify(execFile)(tsx, [probe], { cwd: repo, env, timeout: 15_000 });

    const result = JSON.parse(stdout.trim()) as { ok: boolean; message?: string; fix?: string };
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^No OS keychain is available: .*Secret Service/);
    expect(result.fix).toMatch(/gnome-keyring/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
