import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ensureElectronBinary, MISSING_ELECTRON_MESSAGE } from './electron-binary.ts';

/** `npm start`: check for the Electron runtime first, then run the app with electron-vite dev. */
if (!ensureElectronBinary()) {
  console.error(MISSING_ELECTRON_MESSAGE);
  process.exit(1);
}

// electron-vite's package exports do not expose bin/: find it next to its package.json.
const cli = join(dirname(createRequire(import.meta.url).resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
const child = spawn(process.execPath, [cli, 'dev', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
