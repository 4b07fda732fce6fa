import { AsyncLocalStorage } from 'node:async_hooks';
import type sqlite3Types from 'sqlite3';

/**
 * A small promise wrapper over node-sqlite3 (N-API, so one binary serves Node and Electron).
 *
 * Two connections to the one file:
 * - the writer takes every write, one at a time, through a promise queue: a transaction holds
 *   the queue from BEGIN IMMEDIATE to COMMIT/ROLLBACK, so no statement of another async caller
 *   can land inside it (node-sqlite3 would otherwise interleave them on the shared connection);
 * - the reader (read-only) serves get/all outside a transaction. In WAL mode it reads the last
 *   committed snapshot without waiting for the writer, and it can never see a half-done
 *   transaction, which a read on the writer connection could.
 */
export type SqlValue = string | number | bigint | boolean | Buffer | null;
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

export interface RunResult {
  changes: number;
  lastID: number;
}

/** What a statement runs on: the database outside a transaction, or the transaction itself. */
export interface Queryable {
  run(sql: string, params?: SqlParams): Promise<RunResult>;
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly file: string;
  /** Runs `fn` in BEGIN IMMEDIATE … COMMIT; any rejection rolls back and is rethrown. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** `PRAGMA integrity_check`: 'ok', or the problems found, one a line. */
  integrityCheck(): Promise<string>;
  close(): Promise<void>;
}

type Connection = sqlite3Types.Database;
type Sqlite3 = typeof sqlite3Types;

/**
 * The native module is loaded on first use, not at import: if its binary cannot load, opening
 * the store fails with an error the app can show, instead of the main process failing to start.
 */
let sqlite3: Sqlite3 | undefined;
async function driver(): Promise<Sqlite3> {
  sqlite3 ??= ((await import('sqlite3')) as unknown as { default: Sqlite3 }).default;
  return sqlite3;
}

function open(driverModule: Sqlite3, file: string, mode: number): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const conn: Connection = new driverModule.Database(file, mode, (err) => (err ? reject(err) : resolve(conn)));
  });
}

function bind(params: SqlParams | undefined): unknown {
  return params ?? [];
}

function runOn(conn: Connection, sql: string, params?: SqlParams): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    conn.run(sql, bind(params), function (this: sqlite3Types.RunResult, err: Error | null) {
      if (err) reject(err);
      else resolve({ changes: this.changes, lastID: this.lastID });
    });
  });
}

function getOn<T>(conn: Connection, sql: string, params?: SqlParams): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    conn.get<T>(sql, bind(params), (err, row) => (err ? reject(err) : resolve(row)));
  });
}

function allOn<T>(conn: Connection, sql: string, params?: SqlParams): Promise<T[]> {
  return new Promise((resolve, reject) => {
    conn.all<T>(sql, bind(params), (err, rows) => (err ? reject(err) : resolve(rows)));
  });
}

function execOn(conn: Connection, sql: string): Promise<void> {
  return new Promise((resolve, reject) => {
    conn.exec(sql, (err) => (err ? reject(err) : resolve()));
  });
}

function closeConn(conn: Connection): Promise<void> {
  return new Promise((resolve, reject) => conn.close((err) => (err ? reject(err) : resolve())));
}

/** The handle a transaction callback gets; `guard` refuses use after the transaction ended. */
function queryable(conn: Connection, guard: () => void): Queryable {
  return {
    run: async (sql, params) => (guard(), runOn(conn, sql, params)),
    get: async <T>(sql: string, params?: SqlParams) => (guard(), getOn<T>(conn, sql, params)),
    all: async <T>(sql: string, params?: SqlParams) => (guard(), allOn<T>(conn, sql, params)),
    exec: async (sql) => (guard(), execOn(conn, sql)),
  };
}

/** Set on the async context of a transaction callback, to catch calls that would deadlock. */
const openTx = new AsyncLocalStorage<{ open: boolean }>();

export async function openDatabase(file: string): Promise<Db> {
  const sqlite = await driver();
  const writer = await open(sqlite, file, sqlite.OPEN_READWRITE | sqlite.OPEN_CREATE | sqlite.OPEN_FULLMUTEX);
  try {
    await runOn(writer, 'PRAGMA busy_timeout = 5000');
    const mode = await getOn<{ journal_mode: string }>(writer, 'PRAGMA journal_mode = WAL');
    // In WAL, NORMAL loses nothing on an app crash (only, at worst, the last commits on power
    // loss). Where WAL is refused (some network file systems) fall back to FULL for the same
    // crash safety with the rollback journal.
    const wal = mode?.journal_mode.toLowerCase() === 'wal';
    await runOn(writer, `PRAGMA synchronous = ${wal ? 'NORMAL' : 'FULL'}`);
    await runOn(writer, 'PRAGMA foreign_keys = ON');
  } catch (err) {
    await closeConn(writer).catch(() => {});
    throw err;
  }

  // An in-memory database is private to its connection: there, reads share the writer (queued).
  const separateReader = file !== ':memory:' && file !== '';
  let reader = writer;
  if (separateReader) {
    reader = await open(sqlite, file, sqlite.OPEN_READONLY | sqlite.OPEN_FULLMUTEX).catch(async (err: unknown) => {
      await closeConn(writer).catch(() => {});
      throw err;
    });
    await runOn(reader, 'PRAGMA busy_timeout = 5000');
    await runOn(reader, 'PRAGMA foreign_keys = ON');
  }

  let closed = false;
  let tail: Promise<unknown> = Promise.resolve();

  const usable = () => {
    if (closed) throw new Error('The database is closed.');
    if (openTx.getStore()?.open) {
      throw new Error('Inside a transaction, use the tx handle passed to transaction(): the database itself waits for the transaction to end.');
    }
  };

  /** The write queue: `fn` starts only after everything queued before it has settled. */
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    try {
      usable();
    } catch (err) {
      return Promise.reject(err);
    }
    const result = tail.then(fn);
    tail = result.catch(() => {});
    return result;
  }

  const read = <T>(fn: (conn: Connection) => Promise<T>): Promise<T> => {
    try {
      usable();
    } catch (err) {
      return Promise.reject(err);
    }
    return separateReader ? fn(reader) : exclusive(() => fn(writer));
  };

  return {
    file,
    run: (sql, params) => exclusive(() => runOn(writer, sql, params)),
    exec: (sql) => exclusive(() => execOn(writer, sql)),
    get: <T>(sql: string, params?: SqlParams) => read((c) => getOn<T>(c, sql, params)),
    all: <T>(sql: string, params?: SqlParams) => read((c) => allOn<T>(c, sql, params)),

    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return exclusive(async () => {
        const state = { open: true };
        const tx = queryable(writer, () => {
          if (!state.open) throw new Error('This transaction has already ended.');
        });
        await execOn(writer, 'BEGIN IMMEDIATE');
        try {
          const value = await openTx.run(state, () => fn(tx));
          await execOn(writer, 'COMMIT');
          return value;
        } catch (err) {
          // SQLite may already have rolled back on its own (e.g. disk full): that ROLLBACK
          // failing says nothing new, so the original error is the one to report.
          await execOn(writer, 'ROLLBACK').catch(() => {});
          throw err;
        } finally {
          state.open = false;
        }
      });
    },

    async integrityCheck() {
      const rows = await read((c) => allOn<{ integrity_check: string }>(c, 'PRAGMA integrity_check'));
      return rows.map((r) => r.integrity_check).join('\n');
    },

    async close() {
      if (closed) return;
      // Refuse new statements, then let the writes already queued finish.
      closed = true;
      await tail;
      // The writer closes last: the last connection checkpoints the WAL and removes it, which
      // the read-only one could not do.
      if (separateReader) await closeConn(reader);
      await closeConn(writer);
    },
  };
}
