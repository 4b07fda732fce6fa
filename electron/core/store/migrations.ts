import { chmodSync, existsSync } from 'node:fs';
import { AUDIT_LOG_GUARDS, auditLogTable, V1_AUDIT_ACTIONS } from './audit-log-rebuild.ts';
import type { Db } from './database.ts';
import { V3_IMPORT_BATCHES } from './migration-import.ts';
import { V4_CERTIFICATE_TYPES, V5_IMPORT_BATCH_TYPES } from './migration-certificate-types.ts';
import { V2_LOOKUP_AUDIT_ACTIONS } from './migration-lookup.ts';

/**
 * Schema migrations, applied in order, each in its own transaction with its row in
 * schema_version, so a crash between two leaves the database at a known version.
 *
 * Migrations run with foreign_keys ON (it cannot be changed inside a transaction): a future
 * migration that rebuilds a referenced table must copy rows so no reference dangles.
 */
export interface Migration {
  version: number;
  name: string;
  up: string;
}

export interface MigrateResult {
  from: number;
  to: number;
  /** The copy taken before migrating an existing database, if one was needed. */
  backupFile?: string;
}

/** Raised when the database was written by a newer TA Desk; nothing was changed. */
export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `This data was saved by a newer version of TA Desk (schema version ${found}; this version knows up to ${known}). ` +
        'Update TA Desk to open it. Nothing was changed.',
    );
  }
}

// PHI lives only in the *_enc BLOB columns (AES-256-GCM, see crypto.ts). Timestamps are
// ISO-8601 UTC text, which sorts and compares as time.
const V1_INITIAL = `
CREATE TABLE applications (
  id TEXT PRIMARY KEY,
  environment_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft', 'queued', 'sending', 'submitted', 'needs-attention', 'unknown-outcome')),
  payload_enc BLOB NOT NULL,
  idempotency_key TEXT,
  application_id TEXT,
  dpp_status TEXT,
  status_date TEXT,
  comments_enc BLOB,
  attention_code TEXT,
  attention_message TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  queued_at TEXT,
  submitted_at TEXT,
  last_checked_at TEXT
);
CREATE INDEX applications_state ON applications (state);
CREATE INDEX applications_environment_state ON applications (environment_id, state);
CREATE INDEX applications_application_id ON applications (application_id);
CREATE INDEX applications_updated_at ON applications (updated_at);

CREATE TABLE status_events (
  id INTEGER PRIMARY KEY,
  application_row_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  status TEXT NOT NULL,
  status_date TEXT,
  comments_enc BLOB,
  recorded_at TEXT NOT NULL
);
CREATE INDEX status_events_application ON status_events (application_row_id);

-- No foreign key on application_row_id: the trail must outlive a deleted or purged application.
${auditLogTable('audit_log', V1_AUDIT_ACTIONS)}${AUDIT_LOG_GUARDS}
-- The TA profile per environment: not PHI, and never a password (that lives in the keychain).
CREATE TABLE environments (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  base_url TEXT NOT NULL,
  profile_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', up: V1_INITIAL },
  { version: 2, name: 'lookup audit actions', up: V2_LOOKUP_AUDIT_ACTIONS },
  { version: 3, name: 'import batches', up: V3_IMPORT_BATCHES },
  { version: 4, name: 'certificate types', up: V4_CERTIFICATE_TYPES },
  { version: 5, name: 'import batch certificate types', up: V5_IMPORT_BATCH_TYPES },
];

const VERSION_TABLE = `
CREATE TABLE IF NOT EXISTS schema_version (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/** yyyyMMddHHmmss in UTC, for backup file names. */
function stamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function currentVersion(db: Db): number {
  const table = db.get<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'");
  if (!table) return 0;
  const row = db.get<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_version');
  return row?.version ?? 0;
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration "${m.name}" must have version ${i + 1} (versions count up from 1).`);
  });
}

function backup(db: Db, file: string, from: number, now: Date): string {
  const base = `${file}.backup-v${from}-${stamp(now)}`;
  let target = base;
  for (let n = 2; existsSync(target); n++) target = `${base}-${n}`;
  // VACUUM INTO, not a file copy: it writes a consistent snapshot of the database including
  // what is still in the -wal file, which copying ta-desk.sqlite alone would miss (or catch
  // half-checkpointed). It reads only, and runs between transactions (VACUUM cannot run inside
  // one). The path is a bound parameter: no quoting to get wrong.
  db.run('VACUUM INTO ?', [target]);
  try {
    chmodSync(target, 0o600);
  } catch {
    // Best effort (Windows ignores modes); the data directory is already private.
  }
  return target;
}

/**
 * Brings `db` (stored at `file`) to the latest version of `migrations`. An existing database
 * is first copied to `<file>.backup-v<from>-<yyyyMMddHHmmss>`; a newer one is refused untouched.
 */
export async function migrate(
  db: Db,
  file: string,
  migrations: readonly Migration[] = MIGRATIONS,
  clock: () => Date = () => new Date(),
): Promise<MigrateResult> {
  checkOrder(migrations);
  const latest = migrations.length;
  const from = currentVersion(db);
  if (from > latest) throw new SchemaTooNewError(from, latest);
  if (from === latest) return { from, to: from };

  const backupFile = from >= 1 ? backup(db, file, from, clock()) : undefined;

  for (const m of migrations.slice(from)) {
    db.transaction((tx) => {
      tx.exec(VERSION_TABLE);
      tx.exec(m.up);
      tx.run('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, clock().toISOString()]);
    });
  }
  return backupFile ? { from, to: latest, backupFile } : { from, to: latest };
}
