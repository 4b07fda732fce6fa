import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Find the Electron binary without the stack trace `require('electron')` throws when it is
 * missing. electron ≥ 45 downloads its binary on first use; where that cannot happen (offline,
 * or a network that reaches only the npm registry) we say so plainly and name the ways out.
 */
export function electronPackageDir(): string {
  return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
}

function installedBinary(pkgDir: string): string | undefined {
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = join(override, relative ?? 'electron');
    return existsSync(candidate) ? candidate : undefined;
  }
  if (!relative) return undefined;
  const candidate = join(pkgDir, 'dist', relative);
  return existsSync(candidate) ? candidate : undefined;
}

export const MISSING_ELECTRON_MESSAGE = `TA Desk needs the Electron runtime, and it is not installed on this machine.
It could not be downloaded (Electron fetches it on first run, which needs access to its download server).
Ways forward:
  • Retry online:  npm start  on a network that can reach Electron's downloads.
  • Use a local copy:  ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron-dist npm start
  • Try TA Desk in a browser instead:  npm run preview  (same app, same practice DPP, no Electron needed).`;

/** The binary's path, downloading it once if possible; undefined when it cannot be had. */
export function ensureElectronBinary(): string | undefined {
  const pkgDir = electronPackageDir();
  const found = installedBinary(pkgDir);
  if (found || process.env.ELECTRON_OVERRIDE_DIST_PATH) return found;
  console.log('Electron runtime not found; trying to download it once…');
  const result = spawnSync(process.execPath, [join(pkgDir, 'install.js')], { stdio: 'pipe', timeout: 180_000 });
  if (result.status !== 0) return undefined;
  return installedBinary(pkgDir);
}
