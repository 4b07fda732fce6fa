/**
 * The OS keychain behind one small interface. keytar is the only implementation: macOS Keychain,
 * Windows Credential Manager, and the Secret Service (gnome-keyring, KWallet) on Linux.
 * docs/keychain-backend.md says why keytar, and what swapping it for Electron's safeStorage takes.
 */
import type * as Keytar from 'keytar';

export interface SecretStore {
  get(service: string, account: string): Promise<string | null>;
  set(service: string, account: string, secret: string): Promise<void>;
  delete(service: string, account: string): Promise<boolean>;
}

/**
 * There is no usable OS keychain. TA Desk never falls back to storing secrets in plain text, so
 * this error stops whatever needed a secret; `message` says what is wrong, `fix` what to do.
 */
export class KeychainUnavailableError extends Error {
  override readonly name = 'KeychainUnavailableError';
  readonly fix: string;

  constructor(message: string, fix: string = keychainFix(), options?: { cause?: unknown }) {
    super(message, options);
    this.fix = fix;
  }
}

type KeytarApi = Pick<typeof Keytar, 'getPassword' | 'setPassword' | 'deletePassword'>;

/**
 * keytar is loaded on first use, not at start-up: a broken native module or a machine without a
 * Secret Service must surface as a KeychainUnavailableError the UI can explain, not as a crash.
 */
export function keytarSecretStore(): SecretStore {
  let loading: Promise<KeytarApi> | undefined;
  const load = () => (loading ??= loadKeytar());

  async function call<T>(operation: (keytar: KeytarApi) => Promise<T>): Promise<T> {
    const keytar = await load();
    try {
      return await operation(keytar);
    } catch (err) {
      throw translateKeytarError(err);
    }
  }

  return {
    get: (service, account) => call((k) => k.getPassword(service, account)),
    set: (service, account, secret) => call((k) => k.setPassword(service, account, secret)),
    delete: (service, account) => call((k) => k.deletePassword(service, account)),
  };
}

async function loadKeytar(): Promise<KeytarApi> {
  try {
    const mod = (await import('keytar')) as KeytarApi & { default?: KeytarApi };
    // keytar is CommonJS: Node puts module.exports on `default`, some bundlers spread it.
    const api = mod.default ?? mod;
    if (typeof api.getPassword !== 'function') throw new Error('keytar exports no getPassword()');
    return api;
  } catch (err) {
    throw new KeychainUnavailableError(
      `No OS keychain is available: TA Desk could not load its keychain module (keytar): ${messageOf(err)}`,
      'Reinstall TA Desk. (Developers: run `npm rebuild keytar`; on Linux it needs libsecret-1-dev to build.)',
      { cause: err },
    );
  }
}

/**
 * What keytar 7 throws when there is no keychain to talk to, observed on Debian (libsecret 0.21,
 * gnome-keyring 42) and from keytar's macOS sources. The texts come from GLib/libsecret/Security,
 * never from our arguments, so quoting them cannot leak a secret.
 *   DBUS_SESSION_BUS_ADDRESS unset, no $DISPLAY  → "Cannot autolaunch D-Bus without X11 $DISPLAY"
 *   bus address points at no socket              → "Could not connect: No such file or directory"
 *   socket exists, nobody listening              → "Could not connect: Connection refused"
 *   bus up, no Secret Service installed          → "The name org.freedesktop.secrets was not provided by any .service files"
 *   gnome-keyring started by D-Bus, no keyring   → "Object does not exist at path “/org/freedesktop/secrets/collection/login”" (on set)
 *   default keyring locked, no prompt possible   → "Cannot create an item in a locked collection" (on set; get answers null)
 */
const unavailable: { pattern: RegExp; problem: string }[] = [
  {
    pattern: /autolaunch|dbus-launch|Could not connect|DBUS_SESSION_BUS_ADDRESS|session bus/i,
    problem: 'TA Desk could not reach the Secret Service because there is no D-Bus session bus (is a desktop session running?)',
  },
  {
    pattern: /org\.freedesktop\.secrets|ServiceUnknown|No such interface/i,
    problem: 'TA Desk could not reach the Secret Service (is gnome-keyring or KWallet installed and running?)',
  },
  {
    pattern: /Object does not exist at path .*\/org\/freedesktop\/secrets\/collection\//i,
    problem: 'the Secret Service has no default keyring to store passwords in (is gnome-keyring or KWallet set up and unlocked?)',
  },
  {
    pattern: /locked collection|couldn't initialize prompt|prompt.*dismissed|User interaction is not allowed/i,
    problem: 'the keychain is locked and TA Desk could not ask you to unlock it',
  },
  {
    pattern: /keychain could not be found|No keychain is available|No default keychain/i,
    problem: 'TA Desk found no keychain to store passwords in',
  },
];

function translateKeytarError(err: unknown): Error {
  const text = messageOf(err);
  const match = unavailable.find(({ pattern }) => pattern.test(text));
  if (match) {
    return new KeychainUnavailableError(`No OS keychain is available: ${match.problem}. The keychain said: “${text}”`, keychainFix(), { cause: err });
  }
  return err instanceof Error ? err : new Error(`The OS keychain failed: ${text}`);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** How to get a working keychain on this platform (shown to the TA next to the message). */
export function keychainFix(platform: NodeJS.Platform = process.platform): string {
  switch (platform) {
    case 'darwin':
      return 'Open Keychain Access, make sure your login keychain exists and is unlocked (File → Unlock Keychain), then try again.';
    case 'win32':
      return 'Open Credential Manager (Control Panel → User Accounts → Credential Manager) and check that Windows Credentials can be opened; sign in to Windows with your own account, then try again.';
    default:
      return (
        'Install and start a Secret Service keyring, and unlock it: on Debian/Ubuntu `sudo apt-get install gnome-keyring`, ' +
        'then log in to a desktop session (it unlocks the login keyring), or in a terminal session run ' +
        '`gnome-keyring-daemon --unlock` (it reads the keyring password from standard input) and `gnome-keyring-daemon --start`. ' +
        'KWallet works too. For tests: `dbus-run-session -- bash test/with-keyring.sh <command>`.'
      );
  }
}
