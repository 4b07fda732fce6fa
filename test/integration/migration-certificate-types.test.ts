import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/store/database.ts';
import { migrate, MIGRATIONS } from '../../electron/core/store/migrations.ts';

const dir = mkdtempSync(join(tmpdir(), 'ta-desk-migration-types-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('schema 4 gives every existing row the patient type and refuses a type TA Desk does not know', async () => {
  const file = join(dir, 'ta-desk.sqlite');
  const db = openDatabase(file);
  await migrate(db, file, MIGRATIONS.slice(0, 3));
  db.run(
    "INSERT INTO applications (id, environment_id, state, payload_enc, created_at, updated_at) VALUES ('old-row', 'practice', 'submitted', x'00', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
  );
  expect(await migrate(db, file, MIGRATIONS.slice(0, 4))).toMatchObject({ from: 3, to: 4 });
  expect(db.get<{ certificate_type: string }>("SELECT certificate_type FROM applications WHERE id = 'old-row'")).toEqual({ certificate_type: 'patient' });
  db.run("UPDATE applications SET certificate_type = 'organization' WHERE id = 'old-row'");
  expect(() => db.run("UPDATE applications SET certificate_type = 'domain' WHERE id = 'old-row'")).toThrow(/CHECK/);
  db.close();
});
