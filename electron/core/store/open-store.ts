import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createBatchRepository, type BatchRepository } from './batch-repository.ts';
import { createCipher, type Cipher } from './crypto.ts';
import { openDatabase, type Db } from './database.ts';
import { migrate } from './migrations.ts';
import { createRepository, type Repository } from './repository.ts';

export const DATABASE_FILE = 'ta-desk.sqlite';

/** A sealed known value: it tells at open time, not at the first draft, that the key is wrong. */
const KEY_CHECK_SETTING = 'data_key_check';
const KEY_CHECK_AAD = 'settings:data_key_check';
const KEY_CHECK_VALUE = 'ta-desk data key';

export interface Store {
  db: Db;
  repo: Repository;
  /** Import batches and their applications (schema 3). */
  batches: BatchRepository;
  file: string;
  close(): Promise<void>;
}

async function checkDataKey(repo: Repository, cipher: Cipher): Promise<void> {
  const stored = await repo.getSetting(KEY_CHECK_SETTING);
  if (stored === undefined) {
    await repo.setSetting(KEY_CHECK_SETTING, cipher.seal(KEY_CHECK_VALUE, KEY_CHECK_AAD).toString('base64'));
    return;
  }
  // Throws DecryptError ("the data key does not match this database") on another key.
  cipher.open(Buffer.from(stored, 'base64'), KEY_CHECK_AAD);
}

/**
 * A database copied in or written by an older build may be readable by others: make it and its
 * WAL files owner-only (Windows ignores modes; there the profile folder is private already).
 */
function ownerOnly(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if (existsSync(f)) chmodSync(f, 0o600);
    } catch {
      // Not ours to change (another owner): SQLite's own open will say what is wrong.
    }
  }
}

/**
 * Opens (creating and migrating as needed) `<dataDir>/ta-desk.sqlite` with `dataKey`, the
 * 32-byte key from the OS keychain.
 */
export async function openStore(options: { dataDir: string; dataKey: Buffer; clock?: () => Date }): Promise<Store> {
  const cipher = createCipher(options.dataKey); // before touching the disk: a bad key opens nothing
  // Private to the user: the PHI columns are encrypted, but ids, states and dates are not.
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  // Electron creates userData itself (0755) before the store ever runs: tighten what is there.
  if (process.platform !== 'win32' && (statSync(options.dataDir).mode & 0o077) !== 0) chmodSync(options.dataDir, 0o700);
  const file = join(options.dataDir, DATABASE_FILE);
  // Create the file owner-only before SQLite does: its -wal and -shm files copy its mode.
  closeSync(openSync(file, 'a', 0o600));
  ownerOnly(file);
  const db = openDatabase(file);
  try {
    const repo = createRepository(db, cipher, options.clock);
    // An existing database checks the key before any migration: a wrong key changes nothing.
    const existing = db.get<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'settings'");
    if (existing) await checkDataKey(repo, cipher);
    await migrate(db, file, undefined, options.clock);
    await checkDataKey(repo, cipher);
    return { db, repo, batches: createBatchRepository(db, cipher, options.clock), file, close: async () => db.close() };
  } catch (err) {
    db.close();
    throw err;
  }
}
