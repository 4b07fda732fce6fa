import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';

/**
 * The store's one connection, on Node's built-in SQLite (`node:sqlite`, the same in Node 24 and
 * in Electron 45's main process: no native module to rebuild or unpack).
 *
 * Every call is synchronous and runs to completion before any other JavaScript does, so a
 * transaction is simply BEGIN IMMEDIATE, the callback, COMMIT: nothing else can land inside it,
 * and no queue or second connection is needed. The price is that one call blocks the event loop
 * for as long as it runs; callers that read a lot (the history load) read in pages and yield
 * between them.
 */
export type SqlValue = string | number | bigint | boolean | Buffer | null;
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

export interface RunResult {
  changes: number;
  lastID: number;
}

/** What a statement runs on: the database, inside or outside a transaction. */
export interface Queryable {
  run(sql: string, params?: SqlParams): RunResult;
  get<T>(sql: string, params?: SqlParams): T | undefined;
  all<T>(sql: string, params?: SqlParams): T[];
  exec(sql: string): void;
}

/** A transaction callback must finish before it returns: a promise would outlive the COMMIT. */
type NotPromise<T> = T extends PromiseLike<unknown> ? never : T;

export interface Db extends Queryable {
  readonly file: string;
  /** Runs `fn` in BEGIN IMMEDIATE … COMMIT; anything it throws rolls back and is rethrown. */
  transaction<T>(fn: (tx: Queryable) => NotPromise<T>): T;
  /** `PRAGMA integrity_check`: 'ok', or the problems found, one a line. */
  integrityCheck(): string;
  close(): void;
}

/** Prepared statements kept per SQL text; the app has a few dozen, this only bounds a leak. */
const STATEMENT_CACHE_LIMIT = 200;

/** The arguments for StatementSync: positional values, or one object of named ones. */
function bind(params: SqlParams | undefined): SQLInputValue[] {
  if (params === undefined) return [];
  const value = (v: SqlValue): SQLInputValue => (typeof v === 'boolean' ? Number(v) : v);
  if (Array.isArray(params)) return (params as readonly SqlValue[]).map(value);
  const named = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, value(v as SqlValue)]));
  return [named as unknown as SQLInputValue];
}

/** BLOBs come back as Uint8Array; the rest of the store (and node:crypto callers) expect Buffer. */
function withBuffers<T>(row: Record<string, unknown>): T {
  for (const key in row) {
    const v = row[key];
    if (v instanceof Uint8Array && !Buffer.isBuffer(v)) row[key] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  }
  return row as T;
}

/** The idle checkpoint's period, and the writes after which one runs anyway (see openDatabase). */
const CHECKPOINT_EVERY_MS = 1_000;
const CHECKPOINT_AFTER_WRITES = 1_000;

const isThenable = (v: unknown): boolean => typeof (v as { then?: unknown } | null)?.then === 'function';

export function openDatabase(file: string): Db {
  // busy_timeout: another process holding the file (a second instance, a backup tool) is waited
  // for, not an immediate SQLITE_BUSY.
  const conn = new DatabaseSync(file, { timeout: 5000, enableForeignKeyConstraints: true });
  try {
    const mode = conn.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode: string } | undefined;
    // In WAL, NORMAL loses nothing on an app crash (only, at worst, the last commits on power
    // loss). Where WAL is refused (some network file systems) fall back to FULL for the same
    // crash safety with the rollback journal.
    const wal = mode?.journal_mode.toLowerCase() === 'wal';
    conn.exec(`PRAGMA synchronous = ${wal ? 'NORMAL' : 'FULL'}`);
    conn.exec('PRAGMA foreign_keys = ON');
    // Checkpoints off the save path: SQLite's automatic one runs inside the commit that crosses
    // its threshold, so one autosave in a hundred paid for copying the WAL back (the autosave
    // p99 in docs/BENCHMARKS.md). The timer below checkpoints between saves instead; commits
    // still reach the WAL and are as durable as before.
    if (wal) conn.exec('PRAGMA wal_autocheckpoint = 0');
  } catch (err) {
    conn.close();
    throw err;
  }

  let closed = false;
  let writesSinceCheckpoint = 0;
  /** PASSIVE: never waits for readers or writers; what it cannot copy now, a later one will. */
  function checkpoint(): void {
    if (closed || writesSinceCheckpoint === 0 || conn.isTransaction) return;
    writesSinceCheckpoint = 0;
    try {
      conn.exec('PRAGMA wal_checkpoint(PASSIVE)');
    } catch {
      writesSinceCheckpoint = 1; // busy (another process): try again on the next tick
    }
  }
  /** After each write: a long burst with no idle moment (an import of thousands) still bounds the WAL. */
  function wrote(): void {
    if (++writesSinceCheckpoint >= CHECKPOINT_AFTER_WRITES) checkpoint();
  }
  const idleCheckpoint = setInterval(checkpoint, CHECKPOINT_EVERY_MS);
  idleCheckpoint.unref();

  const statements = new Map<string, StatementSync>();

  function statement(sql: string): StatementSync {
    if (closed) throw new Error('The database is closed.');
    let stmt = statements.get(sql);
    if (!stmt) {
      if (statements.size >= STATEMENT_CACHE_LIMIT) statements.clear();
      stmt = conn.prepare(sql);
      statements.set(sql, stmt);
    }
    return stmt;
  }

  const api: Queryable = {
    run(sql, params) {
      const result = statement(sql).run(...bind(params));
      if (!conn.isTransaction) wrote();
      return { changes: Number(result.changes), lastID: Number(result.lastInsertRowid) };
    },
    get<T>(sql: string, params?: SqlParams) {
      const row = statement(sql).get(...bind(params)) as Record<string, unknown> | undefined;
      return row === undefined ? undefined : withBuffers<T>(row);
    },
    all<T>(sql: string, params?: SqlParams) {
      return (statement(sql).all(...bind(params)) as Record<string, unknown>[]).map((row) => withBuffers<T>(row));
    },
    exec(sql) {
      if (closed) throw new Error('The database is closed.');
      conn.exec(sql);
    },
  };

  return {
    file,
    ...api,

    transaction<T>(fn: (tx: Queryable) => NotPromise<T>): T {
      if (closed) throw new Error('The database is closed.');
      if (conn.isTransaction) throw new Error('A transaction is already open: transactions do not nest; do the work inside the open one.');
      conn.exec('BEGIN IMMEDIATE');
      try {
        const value = fn(api);
        if (isThenable(value)) {
          (value as PromiseLike<unknown>).then(undefined, () => {}); // its own failure is not the one to report
          throw new TypeError('transaction() callbacks are synchronous: an async callback would run past the COMMIT. Nothing was written.');
        }
        conn.exec('COMMIT');
        wrote();
        return value;
      } catch (err) {
        // SQLite may already have rolled back on its own (e.g. disk full): then there is
        // nothing to roll back, and the original error is the one to report.
        if (conn.isTransaction) conn.exec('ROLLBACK');
        throw err;
      }
    },

    integrityCheck() {
      return api
        .all<{ integrity_check: string }>('PRAGMA integrity_check')
        .map((r) => r.integrity_check)
        .join('\n');
    },

    close() {
      if (closed) return;
      closed = true;
      clearInterval(idleCheckpoint);
      statements.clear();
      // The last connection to close checkpoints the WAL into the main file and removes it.
      conn.close();
    },
  };
}
