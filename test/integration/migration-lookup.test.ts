import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/store/database.ts';
import { MIGRATIONS, migrate } from '../../electron/core/store/migrations.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('schema 2 keeps every audit entry of schema 1, accepts lookup and track, and stays append-only', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ta-desk-migration-'));
  dirs.push(dir);
  const file = join(dir, 'ta-desk.sqlite');
  const db = openDatabase(file);
  try {
    await migrate(db, file, MIGRATIONS.slice(0, 1));
    db.run("INSERT INTO audit_log (at, actor, action, application_row_id, detail) VALUES ('2026-01-01T00:00:00Z', 'Pat', 'submit', 'row-1', 'sent')");
    db.run("INSERT INTO audit_log (at, actor, action, detail) VALUES ('2026-01-02T00:00:00Z', 'Pat', 'export', 'history export: 3 rows')");
    expect(() => db.run("INSERT INTO audit_log (at, actor, action) VALUES ('x', 'Pat', 'lookup')")).toThrow(/CHECK/);

    expect(await migrate(db, file, MIGRATIONS.slice(0, 2))).toMatchObject({ from: 1, to: 2 });
    const rows = db.all<{ id: number; action: string; detail: string }>('SELECT id, action, detail FROM audit_log ORDER BY id');
    expect(rows).toEqual([
      { id: 1, action: 'submit', detail: 'sent' },
      { id: 2, action: 'export', detail: 'history export: 3 rows' },
    ]);
    db.run("INSERT INTO audit_log (at, actor, action, detail) VALUES ('x', 'Pat', 'lookup', 'Status lookup of 1 address at Practice')");
    db.run("INSERT INTO audit_log (at, actor, action) VALUES ('x', 'Pat', 'track')");
    expect(() => db.run("INSERT INTO audit_log (at, actor, action) VALUES ('x', 'Pat', 'made-up')")).toThrow(/CHECK/);
    expect(() => db.run('DELETE FROM audit_log WHERE id = 1')).toThrow(/append-only/);
    expect(() => db.run("UPDATE audit_log SET detail = 'x' WHERE id = 1")).toThrow(/append-only/);
  } finally {
    db.close();
  }
});
