import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCipher } from '../../electron/core/store/crypto.ts';
import { openDatabase, type Db, type Queryable } from '../../electron/core/store/database.ts';
import { MIGRATIONS, migrate, SchemaTooNewError, type Migration } from '../../electron/core/store/migrations.ts';
import { openStore, type Store } from '../../electron/core/store/open-store.ts';
import { StoreConflictError, type ApplicationValues } from '../../electron/core/store/repository.ts';

/** Every test gets a real SQLite file in its own temp directory. */
const dirs: string[] = [];
const open: { close(): void | Promise<void> }[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ta-desk-store-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const s of open.splice(0)) await Promise.resolve().then(() => s.close()).catch(() => {});
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A store whose clock the test moves by hand. */
async function store(dir = tempDir(), dataKey = randomBytes(32)) {
  const time = { now: new Date('2025-03-01T12:00:00.000Z') };
  const s: Store = await openStore({ dataDir: dir, dataKey, clock: () => time.now });
  open.push(s);
  return { ...s, dir, dataKey, time };
}

function tracked(file: string): Db {
  const db = openDatabase(file);
  open.push(db);
  return db;
}

const backups = (dir: string) => readdirSync(dir).filter((f) => f.includes('.backup-'));
const version = async (db: Db) => (await db.get<{ v: number }>('SELECT MAX(version) AS v FROM schema_version'))?.v;

function patient(overrides: ApplicationValues = {}): ApplicationValues {
  return { fullName: 'Ada Lovelace', firstName: 'Ada', lastName: 'Lovelace', directAddress: 'ada@direct.practice.example', counter: 0, ...overrides };
}

describe('crypto', () => {
  const key = randomBytes(32);

  it('round-trips with a fresh IV per value, in the versioned format', () => {
    const cipher = createCipher(key);
    const a = cipher.seal('Ada Lovelace', 'applications:1:payload');
    const b = cipher.seal('Ada Lovelace', 'applications:1:payload');
    expect(a[0]).toBe(1);
    expect(a.length).toBe(1 + 12 + 16 + Buffer.byteLength('Ada Lovelace'));
    expect(a.equals(b)).toBe(false);
    expect(cipher.open(a, 'applications:1:payload')).toBe('Ada Lovelace');
    expect(cipher.open(cipher.seal('', 'x'), 'x')).toBe('');
  });

  it('refuses a wrong key, a value moved to another row, and a tampered value, with a clear error', () => {
    const sealed = createCipher(key).seal('Ada Lovelace', 'applications:1:payload');
    const clear = /could not decrypt.*the data key does not match this database/;
    expect(() => createCipher(randomBytes(32)).open(sealed, 'applications:1:payload')).toThrow(clear);
    expect(() => createCipher(key).open(sealed, 'applications:2:payload')).toThrow(clear);
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => createCipher(key).open(tampered, 'applications:1:payload')).toThrow(clear);
    expect(() => createCipher(key).open(sealed.subarray(0, 10), 'applications:1:payload')).toThrow(clear);
  });

  it('accepts only a 32-byte key', () => {
    expect(() => createCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('database and migrations', () => {
  it('creates a fresh database at the latest version, in WAL, with foreign keys on', async () => {
    const s = await store();
    expect(await version(s.db)).toBe(MIGRATIONS.length);
    expect(backups(s.dir)).toEqual([]);
    expect((await s.db.get<{ journal_mode: string }>('PRAGMA journal_mode'))?.journal_mode).toBe('wal');
    expect((await s.db.get<{ foreign_keys: number }>('PRAGMA foreign_keys'))?.foreign_keys).toBe(1);
    expect(s.db.get<{ synchronous: number }>('PRAGMA synchronous')?.synchronous).toBe(1); // NORMAL, safe in WAL
    expect(() => s.db.run("INSERT INTO status_events (application_row_id, status, recorded_at) VALUES ('nope', 'Approved', 'x')")).toThrow(/FOREIGN KEY/);
    expect(await s.db.integrityCheck()).toBe('ok');
    if (process.platform !== 'win32') {
      expect(statSync(s.dir).mode & 0o777).toBe(0o700);
      for (const f of readdirSync(s.dir)) expect(statSync(join(s.dir, f)).mode & 0o777, f).toBe(0o600);
    }
  });

  it('re-opens without migrating or backing up', async () => {
    const s = await store();
    await s.repo.saveDraft({ environmentId: 'practice', values: patient(), actor: 'ta' });
    await s.close();
    const again = await store(s.dir, s.dataKey);
    expect(await version(again.db)).toBe(MIGRATIONS.length);
    expect((await again.db.all('SELECT * FROM schema_version')).length).toBe(MIGRATIONS.length);
    expect(backups(s.dir)).toEqual([]);
    expect(await again.repo.listApplications()).toHaveLength(1);
  });

  it('refuses to open with another data key', async () => {
    const s = await store();
    await s.close();
    await expect(store(s.dir, randomBytes(32))).rejects.toThrow(/the data key does not match this database/);
  });

  it('backs up an existing database before migrating it, and refuses one from the future', async () => {
    const dir = tempDir();
    const file = join(dir, 'ta-desk.sqlite');
    const db = await tracked(file);
    expect(await migrate(db, file)).toEqual({ from: 0, to: MIGRATIONS.length });
    await db.run("INSERT INTO settings (key, value) VALUES ('theme', 'dark')");

    const next: Migration[] = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'test-settings-note', up: 'ALTER TABLE settings ADD COLUMN note TEXT' }];
    const result = await migrate(db, file, next, () => new Date('2025-01-02T03:04:05.678Z'));
    const from = MIGRATIONS.length;
    expect(result).toEqual({ from, to: from + 1, backupFile: `${file}.backup-v${from}-20250102030405` });
    expect(await version(db)).toBe(from + 1);
    await db.run("UPDATE settings SET note = 'migrated' WHERE key = 'theme'");

    // The backup is a complete, consistent database at the old version, with the data in it.
    const copy = await tracked(result.backupFile!);
    expect(await copy.integrityCheck()).toBe('ok');
    expect(await version(copy)).toBe(from);
    expect(await copy.get('SELECT value FROM settings')).toEqual({ value: 'dark' });
    await copy.close();

    // This app (MIGRATIONS only) meets the newer database: refused, nothing written, no backup.
    const before = backups(dir);
    await expect(migrate(db, file)).rejects.toThrow(SchemaTooNewError);
    await expect(migrate(db, file)).rejects.toThrow(/newer version of TA Desk.*Nothing was changed/);
    expect(await version(db)).toBe(from + 1);
    expect(backups(dir)).toEqual(before);
    await db.close();
    await expect(openStore({ dataDir: dir, dataKey: randomBytes(32) })).rejects.toThrow(SchemaTooNewError);
  });

  it('rolls a failing migration back whole and leaves the version where it was', async () => {
    const dir = tempDir();
    const file = join(dir, 'ta-desk.sqlite');
    const db = await tracked(file);
    await migrate(db, file);
    const broken: Migration[] = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', up: 'CREATE TABLE t (x); INSERT INTO nowhere VALUES (1);' }];
    await expect(migrate(db, file, broken)).rejects.toThrow(/no such table/);
    expect(await version(db)).toBe(MIGRATIONS.length);
    expect(await db.get("SELECT name FROM sqlite_master WHERE name = 't'")).toBeUndefined();
    expect(backups(dir)).toHaveLength(1);
  });

  it('commits a transaction whole, hides it from other connections until COMMIT, and rolls back on a throw', async () => {
    const s = await store();
    const other = tracked(s.file); // a second connection, as a second process would have
    s.db.transaction((t) => {
      t.run("INSERT INTO settings (key, value) VALUES ('a', '1')");
      expect(other.get("SELECT value FROM settings WHERE key = 'a'")).toBeUndefined(); // not committed yet
      t.run("INSERT INTO settings (key, value) VALUES ('b', '2')");
    });
    expect(other.all("SELECT key FROM settings WHERE key IN ('a', 'b') ORDER BY key")).toEqual([{ key: 'a' }, { key: 'b' }]);

    expect(() =>
      s.db.transaction((t) => {
        t.run("INSERT INTO settings (key, value) VALUES ('c', '3')");
        throw new Error('changed my mind');
      }),
    ).toThrow('changed my mind');
    expect(await s.repo.getSetting('c')).toBeUndefined();

    // A failing statement rolls back the ones before it in the same transaction.
    expect(() =>
      s.db.transaction((t) => {
        t.run("INSERT INTO settings (key, value) VALUES ('d', '4')");
        t.run("INSERT INTO settings (key, value) VALUES ('a', 'duplicate key')");
      }),
    ).toThrow(/UNIQUE/);
    expect(await s.repo.getSetting('d')).toBeUndefined();
    expect(await s.repo.getSetting('a')).toBe('1');
  });

  it('refuses an async transaction callback and a nested transaction, writing nothing', async () => {
    const s = await store();
    const asyncCallback = async (t: Queryable) => {
      t.run("INSERT INTO settings (key, value) VALUES ('e', '5')");
      await Promise.resolve();
    };
    // @ts-expect-error -- the type refuses it too; this is what a cast would get past
    expect(() => s.db.transaction(asyncCallback)).toThrow(/callbacks are synchronous.*Nothing was written/);
    expect(await s.repo.getSetting('e')).toBeUndefined();

    expect(() =>
      s.db.transaction((t) => {
        t.run("INSERT INTO settings (key, value) VALUES ('f', '6')");
        s.db.transaction(() => undefined);
      }),
    ).toThrow(/do not nest/);
    expect(await s.repo.getSetting('f')).toBeUndefined();
    // The connection is usable afterwards.
    s.db.transaction((t) => t.run("INSERT INTO settings (key, value) VALUES ('g', '7')"));
    expect(await s.repo.getSetting('g')).toBe('7');
  });

  it('refuses use after close with a clear error', async () => {
    const s = await store();
    await s.close();
    expect(() => s.db.get('SELECT 1')).toThrow('The database is closed.');
    expect(() => s.db.transaction(() => 1)).toThrow('The database is closed.');
    expect(() => s.db.close()).not.toThrow();
  });
});

describe('repository', () => {
  it('saves, updates, reads, lists and deletes drafts, auditing each in the same transaction', async () => {
    const s = await store();
    const { id, updatedAt } = await s.repo.saveDraft({ environmentId: 'practice', values: patient(), actor: 'ta' });
    expect(updatedAt).toBe('2025-03-01T12:00:00.000Z');
    s.time.now = new Date('2025-03-01T12:00:05.000Z');
    await s.repo.saveDraft({ id, environmentId: 'practice', values: patient({ counter: 1, notes: 'call first' }), actor: 'ta' });

    const record = await s.repo.getApplication(id);
    expect(record).toMatchObject({
      id,
      environmentId: 'practice',
      state: 'draft',
      values: { fullName: 'Ada Lovelace', counter: 1, notes: 'call first' },
      idempotencyKey: null,
      attempts: 0,
      createdAt: '2025-03-01T12:00:00.000Z',
      updatedAt: '2025-03-01T12:00:05.000Z',
      comments: null,
    });
    expect(await s.repo.getApplication('missing')).toBeUndefined();

    s.time.now = new Date('2025-03-01T12:00:09.000Z');
    const other = await s.repo.saveDraft({ environmentId: 'sandbox', values: { firstName: 'Grace', lastName: 'Hopper' }, actor: 'ta' });
    const list = await s.repo.listApplications(); // most recently updated first
    expect(list.map((a) => [a.id, a.patientName, a.directAddress])).toEqual([
      [other.id, 'Grace Hopper', ''],
      [id, 'Ada Lovelace', 'ada@direct.practice.example'],
    ]);
    expect((await s.repo.listApplications({ environmentId: 'sandbox' })).map((a) => a.id)).toEqual([other.id]);
    expect(await s.repo.listApplications({ states: ['queued'] })).toEqual([]);
    expect(await s.repo.listApplications({ states: [] })).toEqual([]);

    await s.repo.deleteApplication(id, 'ta');
    expect(await s.repo.getApplication(id)).toBeUndefined();
    const audit = await s.repo.listAudit({ limit: 10 });
    expect(audit.map((e) => [e.action, e.applicationRowId])).toEqual([
      ['delete', id],
      ['create', other.id],
      ['edit', id],
      ['create', id],
    ]);
    expect(audit.every((e) => !e.detail?.includes('Ada'))).toBe(true);
    expect((await s.repo.listAudit({ limit: 2, beforeId: audit[1]!.id })).map((e) => e.action)).toEqual(['edit', 'create']);
  });

  it('refuses to edit or delete a queued application, and a missing one', async () => {
    const s = await store();
    const { id } = await s.repo.saveDraft({ environmentId: 'practice', values: patient(), actor: 'ta' });
    expect(await s.repo.transition(id, { from: ['draft'], to: 'queued', set: { idempotencyKey: 'k-1', queuedAt: '2025-03-01T12:00:00.000Z' } })).toBe(true);
    const edit = s.repo.saveDraft({ id, environmentId: 'practice', values: patient({ fullName: 'Changed' }), actor: 'ta' });
    await expect(edit).rejects.toThrow(StoreConflictError);
    // Words the TA may read: the state as a label, no internal id.
    await expect(edit).rejects.toThrow(/^This application is “Queued”: .*not changed in place\.$/);
    await expect(s.repo.deleteApplication(id, 'ta')).rejects.toThrow(StoreConflictError);
    expect((await s.repo.getApplication(id))?.values.fullName).toBe('Ada Lovelace');
    await expect(s.repo.saveDraft({ id: 'gone', environmentId: 'practice', values: patient(), actor: 'ta' })).rejects.toThrow(/No application with id gone/);
    expect((await s.repo.listAudit({ limit: 10 })).map((e) => e.action)).toEqual(['create']);
  });

  it('transitions only from the allowed states, atomically with the audit entry', async () => {
    const s = await store();
    const { id } = await s.repo.saveDraft({ environmentId: 'practice', values: patient(), actor: 'ta' });
    const queue = { from: ['draft'] as const, to: 'queued' as const, set: { idempotencyKey: 'key-1', queuedAt: '2025-03-01T12:00:00.000Z' }, audit: { actor: 'ta', action: 'submit' as const } };
    expect(await s.repo.transition(id, queue)).toBe(true);
    const afterFirst = await s.db.all('SELECT * FROM applications');
    const auditCount = (await s.repo.listAudit({ limit: 100 })).length;

    // The same transition again (a second sender, a double click): nothing written.
    s.time.now = new Date('2025-03-01T13:00:00.000Z');
    expect(await s.repo.transition(id, { ...queue, set: { idempotencyKey: 'key-2' } })).toBe(false);
    expect(await s.db.all('SELECT * FROM applications')).toEqual(afterFirst);
    expect(await s.repo.listAudit({ limit: 100 })).toHaveLength(auditCount);

    expect(await s.repo.transition(id, { from: ['queued'], to: 'sending', set: { attempts: 1 } })).toBe(true);
    expect(
      await s.repo.transition(id, {
        from: ['sending'],
        to: 'submitted',
        set: { applicationId: 'PC-000001', dppStatus: 'PendingReview', submittedAt: '2025-03-01T13:00:00.000Z', comments: 'Received.' },
      }),
    ).toBe(true);
    expect(await s.repo.getApplication(id)).toMatchObject({
      state: 'submitted',
      idempotencyKey: 'key-1',
      applicationId: 'PC-000001',
      attempts: 1,
      comments: 'Received.',
      updatedAt: '2025-03-01T13:00:00.000Z',
    });
    expect((await s.repo.listAudit({ limit: 1 }))[0]).toMatchObject({ action: 'submit', applicationRowId: id, applicationId: 'PC-000001' });

    // A failing audit entry undoes the state change: one transaction.
    const { id: second } = await s.repo.saveDraft({ environmentId: 'practice', values: patient(), actor: 'ta' });
    const bogus = { actor: 'ta', action: 'not-an-action' } as unknown as { actor: string; action: 'submit' };
    await expect(s.repo.transition(second, { from: ['draft'], to: 'queued', audit: bogus })).rejects.toThrow(/CHECK constraint/);
    expect((await s.repo.getApplication(second))?.state).toBe('draft');

    // Column names are whitelisted.
    await expect(s.repo.transition(second, { from: ['draft'], to: 'queued', set: { 'state = state; --': 1 } as never })).rejects.toThrow(/cannot set/);
  });

  it('records status changes on a timeline, and only changes', async () => {
    const s = await store();
    const { id } = await s.repo.saveDraft({ environmentId: 'practice', values: patient(), actor: 'ta' });
    await s.repo.transition(id, { from: ['draft'], to: 'submitted', set: { dppStatus: 'PendingReview', applicationId: 'PC-000007' } });
    expect(await s.repo.recordStatus(id, { status: 'PendingReview', statusDate: '2025-03-01T12:00:00Z', comments: null, actor: 'outbox' })).toBe(false);
    s.time.now = new Date('2025-03-02T09:00:00.000Z');
    expect(await s.repo.recordStatus(id, { status: 'Approved', statusDate: '2025-03-02T08:00:00Z', comments: null, actor: 'outbox' })).toBe(true);
    expect(await s.repo.recordStatus(id, { status: 'Approved', statusDate: '2025-03-02T08:00:00Z', comments: null, actor: 'outbox' })).toBe(false);
    s.time.now = new Date('2025-03-03T09:00:00.000Z');
    expect(await s.repo.recordStatus(id, { status: 'Rejected', statusDate: '2025-03-03T08:00:00Z', comments: 'Identity could not be verified to IAL2.', actor: 'outbox' })).toBe(true);
    expect(await s.repo.recordStatus('missing', { status: 'Approved', statusDate: null, comments: null, actor: 'outbox' })).toBe(false);

    expect(await s.repo.timeline(id)).toEqual([
      { status: 'Approved', statusDate: '2025-03-02T08:00:00Z', comments: null, recordedAt: '2025-03-02T09:00:00.000Z' },
      { status: 'Rejected', statusDate: '2025-03-03T08:00:00Z', comments: 'Identity could not be verified to IAL2.', recordedAt: '2025-03-03T09:00:00.000Z' },
    ]);
    expect(await s.repo.getApplication(id)).toMatchObject({ dppStatus: 'Rejected', comments: 'Identity could not be verified to IAL2.', lastCheckedAt: '2025-03-03T09:00:00.000Z' });
    const changes = (await s.repo.listAudit({ limit: 10 })).filter((e) => e.action === 'status-change');
    expect(changes.map((e) => e.detail)).toEqual(['Approved → Rejected', 'PendingReview → Approved']);
  });

  it('keeps the audit log append-only', async () => {
    const s = await store();
    const id = await s.repo.appendAudit({ actor: 'ta', action: 'unlock' });
    expect(() => s.db.run("UPDATE audit_log SET actor = 'someone else' WHERE id = ?", [id])).toThrow(/append-only/);
    expect(() => s.db.run('DELETE FROM audit_log WHERE id = ?', [id])).toThrow(/append-only/);
    expect(() => s.db.run('DELETE FROM audit_log')).toThrow(/append-only/);
    expect(await s.repo.listAudit({ limit: 10 })).toMatchObject([{ id, actor: 'ta', action: 'unlock', applicationRowId: null }]);
  });

  it('purges only old finished applications, with their timelines, and logs one entry', async () => {
    const s = await store();
    const make = async (dppStatus: string | null, state: 'submitted' | 'draft' = 'submitted') => {
      const { id } = await s.repo.saveDraft({ environmentId: 'practice', values: patient(), actor: 'ta' });
      if (state === 'submitted') await s.repo.transition(id, { from: ['draft'], to: 'submitted' });
      if (dppStatus) await s.repo.recordStatus(id, { status: dppStatus, statusDate: null, comments: 'done', actor: 'outbox' });
      return id;
    };
    s.time.now = new Date('2025-01-01T00:00:00.000Z');
    const provisioned = await make('Provisioned');
    const rejected = await make('Rejected');
    const pending = await make('PendingReview');
    const oldDraft = await make(null, 'draft');
    s.time.now = new Date('2025-03-25T00:00:00.000Z');
    const recent = await make('Provisioned');

    s.time.now = new Date('2025-04-01T00:00:00.000Z');
    expect(await s.repo.purgeHistory({ olderThanDays: 30, actor: 'ta' })).toBe(2);
    expect((await s.repo.listApplications()).map((a) => a.id).sort()).toEqual([pending, oldDraft, recent].sort());
    expect(await s.repo.timeline(provisioned)).toEqual([]);
    const audit = await s.repo.listAudit({ limit: 100 });
    expect(audit.filter((e) => e.action === 'purge')).toMatchObject([{ detail: 'purged 2 finished application(s) older than 30 days' }]);
    // The trail of the purged applications stays.
    expect(audit.some((e) => e.applicationRowId === rejected && e.action === 'create')).toBe(true);
  });

  it('stores environments (never a password) and settings', async () => {
    const s = await store();
    const profile = { userId: 'ta@practice.example', trustedAgent: 'Pat Practice', organizationName: 'Practice Family Clinic', directDomain: 'direct.practice.example', defaultCountry: 'US' };
    await s.repo.saveEnvironment({ id: 'e1', name: 'Sandbox', baseUrl: 'https://sandbox.example', profile });
    s.time.now = new Date('2025-03-02T00:00:00.000Z');
    await s.repo.saveEnvironment({ id: 'e1', name: 'Sandbox (renamed)', baseUrl: 'https://sandbox.example', profile });
    expect(await s.repo.listEnvironments()).toEqual([
      { id: 'e1', name: 'Sandbox (renamed)', baseUrl: 'https://sandbox.example', profile, createdAt: '2025-03-01T12:00:00.000Z', updatedAt: '2025-03-02T00:00:00.000Z' },
    ]);
    await expect(s.repo.saveEnvironment({ id: 'e2', name: 'Leaky', baseUrl: 'https://x.example', profile: { ...profile, password: 'hunter2' } as never })).rejects.toThrow(
      /must not hold a password/,
    );
    expect(await s.repo.deleteEnvironment('e1')).toBe(true);
    expect(await s.repo.listEnvironments()).toEqual([]);

    expect(await s.repo.getSetting('theme')).toBeUndefined();
    await s.repo.setSetting('theme', 'dark');
    await s.repo.setSetting('theme', 'light');
    expect(await s.repo.getSetting('theme')).toBe('light');
  });

  it('lists 100,000 applications in one pass', async () => {
    const s = await store();
    const cipher = createCipher(s.dataKey);
    const total = 100_000;
    const perStatement = 2_000; // 5 parameters a row, under SQLite's 32,766 limit
    s.db.transaction((tx) => {
      for (let start = 0; start < total; start += perStatement) {
        const params: (string | Buffer)[] = [];
        for (let i = start; i < start + perStatement; i++) {
          const id = `row-${String(i).padStart(6, '0')}`;
          const at = new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString();
          params.push(id, cipher.seal(JSON.stringify(patient({ fullName: `Patient ${i}` })), `applications:${id}:payload`), at, at, i % 2 ? 'draft' : 'queued');
        }
        tx.run(
          `INSERT INTO applications (id, payload_enc, created_at, updated_at, state, environment_id) VALUES ${Array(perStatement).fill("(?, ?, ?, ?, ?, 'practice')").join(', ')}`,
          params,
        );
      }
    });
    // How fast is for the benchmarks (test/bench, `npm run bench`): a timed assertion here fails
    // whenever the machine is busy, and says nothing about the code.
    const list = await s.repo.listApplications();
    expect(list).toHaveLength(total);
    expect(list[0]).toMatchObject({ id: 'row-099999', patientName: 'Patient 99999', state: 'draft' });
    expect(list.at(-1)).toMatchObject({ id: 'row-000000', patientName: 'Patient 0', state: 'queued' });
  }, 120_000); // writing and decrypting 100,000 rows takes half a minute on a busy shared machine
});

describe('data at rest', () => {
  it('keeps patient names and Direct addresses out of the database and WAL files', async () => {
    const s = await store();
    const name = 'Zyxwvut Qwertyson';
    const address = 'zyx.qwerty@direct.practice.example';
    for (let i = 0; i < 5; i++) {
      const { id } = await s.repo.saveDraft({
        environmentId: 'practice',
        values: patient({ fullName: name, firstName: 'Zyxwvut', lastName: 'Qwertyson', directAddress: address, notificationAddress: address, counter: i }),
        actor: 'ta',
      });
      await s.repo.transition(id, { from: ['draft'], to: 'submitted', set: { comments: `About ${name}` } });
      await s.repo.recordStatus(id, { status: 'Rejected', statusDate: null, comments: `${name} <${address}>`, actor: 'outbox' });
    }
    expect((await s.repo.listApplications())[0]?.patientName).toBe(name);

    const assertAbsent = () => {
      const files = [s.file, `${s.file}-wal`].filter((f) => existsSync(f));
      expect(files).toContain(s.file);
      for (const f of files) {
        const bytes = readFileSync(f);
        for (const secret of [name, address, 'Qwertyson', 'zyx.qwerty']) {
          expect(bytes.includes(Buffer.from(secret, 'utf8')), `${secret} in ${f}`).toBe(false);
        }
      }
    };
    expect(existsSync(`${s.file}-wal`)).toBe(true);
    assertAbsent();
    await s.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    assertAbsent();
    await s.close();
    assertAbsent();
  });
});
