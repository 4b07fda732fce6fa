import { resolve } from 'node:path';

/**
 * Environment variables that redirect TA Desk's data or traffic, for development and tests:
 * TA_DESK_DATA_DIR (where the database lives), TA_DESK_DPP_URL (where Practice sends), and
 * TA_DESK_KEYCHAIN_SERVICE (which keychain entries hold the data key and passwords), plus
 * electron-vite's ELECTRON_RENDERER_URL (which page the window loads). A packaged app ignores
 * them all: anyone who can set a variable for the TA's session could otherwise point the app at
 * another database, another "practice" server or another set of keychain entries.
 */
export const DEV_SWITCH_NAMES = ['TA_DESK_DATA_DIR', 'TA_DESK_DPP_URL', 'TA_DESK_KEYCHAIN_SERVICE', 'ELECTRON_RENDERER_URL'] as const;

export interface DevSwitches {
  dataDir?: string;
  dppUrl?: string;
  keychainServicePrefix?: string;
  rendererUrl?: string;
  /** Names of switches that were set but ignored (packaged build), for one log line. */
  ignored: string[];
}

export function devSwitches(env: Record<string, string | undefined>, options: { packaged: boolean }): DevSwitches {
  const set = DEV_SWITCH_NAMES.filter((name) => env[name]);
  if (options.packaged) return { ignored: [...set] };
  return {
    dataDir: env.TA_DESK_DATA_DIR ? resolve(env.TA_DESK_DATA_DIR) : undefined,
    dppUrl: env.TA_DESK_DPP_URL || undefined,
    keychainServicePrefix: env.TA_DESK_KEYCHAIN_SERVICE || undefined,
    rendererUrl: env.ELECTRON_RENDERER_URL || undefined,
    ignored: [],
  };
}
