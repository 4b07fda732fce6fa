/**
 * The TA's secrets in the OS keychain: one DPP password per environment, and the data key that
 * encrypts the PHI columns of the local database (docs/SECURITY.md).
 *
 * Secrets never appear in an Error message or a log line; errors name the environment at most.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { KeychainUnavailableError, keychainFix, type SecretStore } from './secret-store.ts';

const PASSWORD_ACCOUNT = 'dpp-password';
const DATA_KEY_ACCOUNT = 'local-database';
const PROBE_ACCOUNT = 'probe';
const DATA_KEY_BYTES = 32;

export type KeychainCheck = { ok: true } | { ok: false; message: string; fix: string };

export interface CredentialVault {
  setPassword(environmentId: string, password: string): Promise<void>;
  getPassword(environmentId: string): Promise<string | null>;
  hasPassword(environmentId: string): Promise<boolean>;
  deletePassword(environmentId: string): Promise<boolean>;
  /** Checks a password typed at the idle lock against the keychain copy; nothing is sent anywhere. */
  verifyPassword(environmentId: string, candidate: string): Promise<boolean>;
  /** The AES-256 key of the local database: created once, then always the same bytes. */
  getOrCreateDataKey(): Promise<Buffer>;
  /** A harmless write, read and delete, so start-up can say "no keychain" before the TA types anything. */
  checkAvailable(): Promise<KeychainCheck>;
}

/**
 * `servicePrefix` separates data directories (and test runs) sharing one OS keychain: the app
 * uses 'TA Desk', each E2E or integration test its own name. Only the caller chooses it (main
 * honours TA_DESK_KEYCHAIN_SERVICE in development only, see main/dev-switches.ts).
 */
export function createCredentialVault(store: SecretStore, options: { servicePrefix?: string } = {}): CredentialVault {
  const prefix = options.servicePrefix ?? 'TA Desk';
  const passwordService = (environmentId: string) => `${prefix}/env/${requireId(environmentId)}`;
  const dataKeyService = `${prefix}/data-key`;
  const probeService = `${prefix}/probe`;

  const getPassword = (environmentId: string) => store.get(passwordService(environmentId), PASSWORD_ACCOUNT);

  return {
    async setPassword(environmentId, password) {
      if (typeof password !== 'string' || password.length === 0) {
        throw new Error(`Cannot save an empty DPP password for environment “${environmentId}”: enter the password and save again.`);
      }
      await store.set(passwordService(environmentId), PASSWORD_ACCOUNT, password);
    },

    getPassword,

    async hasPassword(environmentId) {
      return (await getPassword(environmentId)) !== null;
    },

    deletePassword: (environmentId) => store.delete(passwordService(environmentId), PASSWORD_ACCOUNT),

    async verifyPassword(environmentId, candidate) {
      const stored = await getPassword(environmentId);
      if (stored === null) return false;
      // Equal-length digests let timingSafeEqual compare without revealing length or a matching prefix.
      return timingSafeEqual(sha256(stored), sha256(candidate));
    },

    async getOrCreateDataKey() {
      const stored = await store.get(dataKeyService, DATA_KEY_ACCOUNT);
      if (stored !== null) return decodeDataKey(stored, dataKeyService);
      // Nothing stored (or, on Linux, a locked keyring that answers "nothing"): the write below then
      // fails with KeychainUnavailableError, so an existing key is never shadowed by a new one.
      const key = randomBytes(DATA_KEY_BYTES);
      await store.set(dataKeyService, DATA_KEY_ACCOUNT, key.toString('base64'));
      return key;
    },

    async checkAvailable() {
      const token = randomBytes(16).toString('hex');
      let readBack: string | null;
      try {
        await store.set(probeService, PROBE_ACCOUNT, token);
        readBack = await store.get(probeService, PROBE_ACCOUNT);
        await store.delete(probeService, PROBE_ACCOUNT);
      } catch (err) {
        await store.delete(probeService, PROBE_ACCOUNT).catch(() => false);
        if (err instanceof KeychainUnavailableError) return { ok: false, message: err.message, fix: err.fix };
        const reason = err instanceof Error ? err.message : String(err);
        return { ok: false, message: `The OS keychain could not store a test entry: ${reason}`, fix: keychainFix() };
      }
      if (readBack !== token) {
        return {
          ok: false,
          message: 'The OS keychain accepted a test entry but did not give it back, so TA Desk cannot rely on it to keep your credentials.',
          fix: keychainFix(),
        };
      }
      return { ok: true };
    },
  };
}

function requireId(environmentId: string): string {
  if (typeof environmentId !== 'string' || environmentId.length === 0) {
    throw new Error('An environment id is required to find its DPP password in the keychain.');
  }
  return environmentId;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** A stored key that is not 32 bytes of base64 is a fault to report, never a reason to make a new key. */
function decodeDataKey(stored: string, service: string): Buffer {
  const trimmed = stored.trim();
  const key = Buffer.from(trimmed, 'base64');
  const canonical = /^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) && key.toString('base64') === trimmed;
  if (!canonical || key.length !== DATA_KEY_BYTES) {
    throw new Error(
      'The local database key in the OS keychain is damaged (it is not a 32-byte base64 key), so TA Desk cannot read its saved data. ' +
        'TA Desk did not replace it, because a new key would make the existing database unreadable. ' +
        `Restore the keychain entry “${service}” (account “${DATA_KEY_ACCOUNT}”) from a backup, or contact support.`,
    );
  }
  return key;
}
