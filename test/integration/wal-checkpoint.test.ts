import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/store/database.ts';

/**
 * The store checkpoints the WAL itself (on an idle timer, and after a burst of writes) instead of
 * inside a commit (database.ts). These pin the two promises that makes: the WAL does not grow
 * without end during a long burst, and it is copied back once the app is idle.
 */
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function freshDb() {
  const dir = mkdtempSync(join(tmpdir(), 'ta-desk-wal-'));
  dirs.push(dir);
  const file = join(dir, 'store.sqlite');
  const db = openDatabase(file);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)');
  return { db, file, wal: () => statSync(`${file}-wal`).size };
}

describe('WAL checkpoints off the save path', () => {
  it('keeps the WAL bounded through a burst of 6,000 commits with no idle moment', () => {
    const { db, wal } = freshDb();
    const body = Buffer.alloc(600, 7);
    let largest = 0;
    for (let i = 0; i < 6_000; i++) {
      if (i % 2) db.run('INSERT INTO t (body) VALUES (?)', [body]);
      else db.transaction((tx) => tx.run('INSERT INTO t (body) VALUES (?)', [body]));
      largest = Math.max(largest, wal());
    }
    db.close();
    // One page or two per commit (4 KB pages): without a checkpoint 6,000 commits need well over
    // 24 MB of WAL; a checkpoint every 1,000 lets SQLite reuse the file from its start.
    expect(largest).toBeLessThan(12 * 1024 * 1024);
  });

  it('copies the WAL back into the database file once writes pause', async () => {
    const { db, file } = freshDb();
    for (let i = 0; i < 50; i++) db.run('INSERT INTO t (body) VALUES (?)', [Buffer.alloc(2_000, 1)]);
    const size = () => statSync(file).size;
    // The 100 KB just written sit in the WAL; the database file holds only the empty table.
    expect(size()).toBeLessThan(20 * 1024);
    await new Promise((r) => setTimeout(r, 1_500)); // past the idle period
    const copied = size();
    db.close();
    expect(copied).toBeGreaterThan(100 * 1024);
  });
});
