import { ensureElectronBinary, MISSING_ELECTRON_MESSAGE } from './electron-binary.ts';

/** Guard for `npm run test:electron`: the Electron specs need a real Electron binary. */
if (!ensureElectronBinary()) {
  console.error('The Electron end-to-end specs (test/electron/) need an Electron binary, and none is available here.');
  console.error(MISSING_ELECTRON_MESSAGE);
  process.exit(1);
}
