import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * What can be checked about packaging without an Electron binary: the electron-builder config
 * and the built bundles (`electron-vite build` runs before the unit tests in `npm test`).
 */
const root = resolve(import.meta.dirname, '../..');
type Config = Record<string, unknown> & { electronFuses: Record<string, boolean> };
const load = (file: string) => parse(readFileSync(resolve(root, file), 'utf8')) as Config;

describe('electron-builder.yml', () => {
  const config = load('electron-builder.yml');

  it('flips the fuses of docs/SECURITY.md', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('turns only the inspect fuse on in the build the Playwright specs drive', () => {
    const e2e = load('electron-builder.e2e.yml');
    expect(e2e.extends).toBe('./electron-builder.yml');
    expect(e2e.electronFuses).toEqual({ ...config.electronFuses, enableNodeCliInspectArguments: true });
  });

  it('packs into an asar with keytar (the one native module) unpacked, and nothing of sqlite3', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/node_modules/keytar/**', '**/*.node']);
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    expect(Object.keys(pkg.dependencies ?? {})).not.toContain('sqlite3');
    expect(Object.keys(pkg.allowScripts ?? {})).not.toContain('sqlite3');
    // node@24 is installed by its own install script: without it npm scripts would run the system Node.
    expect(pkg.allowScripts).toMatchObject({ node: true, keytar: true });
  });

  it('installs per user on Windows without admin rights, with an MSI for IT', () => {
    expect(config.nsis).toMatchObject({ perMachine: false, allowElevation: false, oneClick: false });
    expect((config.win as { target: string[] }).target).toEqual(['nsis', 'msi']);
  });

  it('signs macOS builds with the hardened runtime and minimal entitlements', () => {
    expect(config.mac).toMatchObject({ hardenedRuntime: true, entitlements: 'build/entitlements.mac.plist', notarize: true });
    const plist = readFileSync(resolve(root, 'build/entitlements.mac.plist'), 'utf8');
    const granted = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
    expect(granted).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('makes a deb that depends on libsecret (the Linux keychain) and an AppImage', () => {
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect((config.deb as { depends: string[] }).depends).toContain('libsecret-1-0');
  });

  it('does not auto-update by default', () => {
    expect(config.publish).toBeNull();
  });

  it('has the icons electron-builder needs', () => {
    expect(existsSync(resolve(root, 'build/icon.png'))).toBe(true);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) expect(existsSync(resolve(root, `build/icons/${size}x${size}.png`))).toBe(true);
  });
});

describe('the built bundles', () => {
  let main = '';
  let preload = '';
  beforeAll(() => {
    main = readFileSync(resolve(root, 'out/main/index.js'), 'utf8');
    preload = readFileSync(resolve(root, 'out/preload/index.cjs'), 'utf8');
  });

  it('create the window with the security baseline of docs/SECURITY.md', () => {
    for (const setting of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'webviewTag: false', 'webSecurity: true', 'allowRunningInsecureContent: false']) {
      expect(main).toContain(setting);
    }
    expect(main).toMatch(/setWindowOpenHandler/);
    expect(main).toMatch(/will-navigate/);
    expect(main).toMatch(/will-attach-webview/);
    expect(main).toMatch(/setPermissionRequestHandler/);
  });

  it('import the store’s SQLite from Electron’s built-in node:sqlite, with no native SQLite module', () => {
    expect(main).toMatch(/^import \{[^}]*\bDatabaseSync\b[^}]*\} from "node:sqlite";$/m);
    expect(main).not.toMatch(/sqlite3|better-sqlite3|\.node["']/);
  });

  it('use net.fetch for DPP calls in the app', () => {
    expect(main).toMatch(/net\.fetch\(/);
  });

  it('keep the preload one CommonJS file that requires nothing but electron', () => {
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).toMatch(/exposeInMainWorld/);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });
});
