import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ensureElectronBinary, MISSING_ELECTRON_MESSAGE } from './electron-binary.ts';

/**
 * `npm run test:electron`: the Electron end-to-end specs. They need an Electron binary (else a
 * plain message and exit 1), and the app needs an OS keychain: on Linux the specs run inside a
 * private D-Bus session with a throwaway gnome-keyring (never the TA's own keyring); macOS and
 * Windows use their own keychains. On a Linux machine without a display, prefix `xvfb-run -a`.
 */
if (!ensureElectronBinary()) {
  console.error('The Electron end-to-end specs (test/electron/) need an Electron binary, and none is available here.');
  console.error(MISSING_ELECTRON_MESSAGE);
  process.exit(1);
}

const require = createRequire(import.meta.url);
const playwright = join(dirname(require.resolve('@playwright/test/package.json')), 'cli.js');
const specs = [playwright, 'test', '-c', 'test/electron/playwright.config.ts', ...process.argv.slice(2)];
const result =
  process.platform === 'linux'
    ? spawnSync('dbus-run-session', ['--', 'bash', 'test/with-keyring.sh', process.execPath, ...specs], { stdio: 'inherit' })
    : spawnSync(process.execPath, specs, { stdio: 'inherit' });
process.exit(result.status ?? 1);
