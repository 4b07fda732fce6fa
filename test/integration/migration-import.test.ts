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

it('schema 3 keeps applications and audit entries of schema 2, adds import batches, accepts the import action, and stays append-only', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ta-desk-migration-'));
  dirs.push(dir);
  const file = join(dir, 'ta-desk.sqlite');
  const db = openDatabase(file);
  try {
    await migrate(db, file, MIGRATIONS.slice(0, 2));
    db.run("INSERT INTO applications (id, environment_id, state, payload_enc, created_at, updated_at) VALUES ('a1', 'practice', 'queued', x'00', 'x', 'x')");
    db.run("INSERT INTO audit_log (at, actor, action, detail) VALUES ('2026-01-01T00:00:00Z', 'Pat', 'lookup', 'Status lookup of 1 address at Practice')");
    expect(() => db.run("INSERT INTO audit_log (at, actor, action) VALUES ('x', 'Pat', 'import')")).toThrow(/CHECK/);

    expect(await migrate(db, file, MIGRATIONS.slice(0, 3))).toMatchObject({ from: 2, to: 3 });
    expect(db.all('SELECT id, state, batch_id, batch_row FROM applications')).toEqual([{ id: 'a1', state: 'queued', batch_id: null, batch_row: null }]);
    expect(db.all<{ action: string }>('SELECT action FROM audit_log').map((r) => r.action)).toEqual(['lookup']);
    db.run("INSERT INTO audit_log (at, actor, action, detail) VALUES ('x', 'Pat', 'import', 'IAL2 attested for a batch of 2 patients at Practice')");
    db.run("INSERT INTO import_batches (id, environment_id, state, attested_count, created_at, updated_at) VALUES ('b1', 'practice', 'paused', 2, 'x', 'x')");
    expect(() => db.run("INSERT INTO import_batches (id, environment_id, state, attested_count, created_at, updated_at) VALUES ('b2', 'practice', 'lost', 2, 'x', 'x')")).toThrow(/CHECK/);
    // An application can name only a batch that exists.
    expect(() => db.run("UPDATE applications SET batch_id = 'nope' WHERE id = 'a1'")).toThrow(/FOREIGN KEY/);
    db.run("UPDATE applications SET batch_id = 'b1', batch_row = 2 WHERE id = 'a1'");
    expect(() => db.run('DELETE FROM audit_log WHERE id = 1')).toThrow(/append-only/);
  } finally {
    db.close();
  }
});
