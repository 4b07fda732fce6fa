import { chmodSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCipher } from '../../electron/core/store/crypto.ts';
import { openDatabase } from '../../electron/core/store/database.ts';
import { MIGRATIONS, migrate } from '../../electron/core/store/migrations.ts';
import { openStore, DATABASE_FILE, type Store } from '../../electron/core/store/open-store.ts';
import { createRepository } from '../../electron/core/store/repository.ts';

/**
 * A database written by the store as it was before node:sqlite (the sqlite3 package, commit
 * c504e1a): see test/fixtures/legacy-store/README.md. Its data key is a committed TEST key.
 * Each test works on a copy; the committed file is never opened in place.
 */
const FIXTURE = join(import.meta.dirname, '../fixtures/legacy-store');
const dataKey = () => Buffer.from(readFileSync(join(FIXTURE, 'data-key.hex'), 'utf8').trim(), 'hex');

const PATIENTS = ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Zoë Ångström-Núñez'];

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function copyOfFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ta-desk-legacy-'));
  dirs.push(dir);
  copyFileSync(join(FIXTURE, DATABASE_FILE), join(dir, DATABASE_FILE));
  return dir;
}

async function open(dir: string): Promise<Store> {
  const s = await openStore({ dataDir: dir, dataKey: dataKey() });
  stores.push(s);
  return s;
}

describe('a database written before the switch to node:sqlite', () => {
  it('opens with its data key and shows every draft, submission, status and audit entry decrypted', async () => {
    const s = await open(copyOfFixture());
    expect(s.db.integrityCheck()).toBe('ok');

    const drafts = await s.repo.listApplications({ states: ['draft'] });
    expect(drafts.map((d) => d.patientName).sort()).toEqual(['Ada Lovelace', 'Grace Hopper', 'Zoë Ångström-Núñez']);
    const ada = drafts.find((d) => d.patientName === 'Ada Lovelace')!;
    expect(ada.directAddress).toBe('ada.lovelace@direct.practice.example'); // the edited version
    expect((await s.repo.getApplication(ada.id))?.values).toEqual({
      firstName: 'Ada',
      lastName: 'Lovelace',
      city: 'Albany',
      state: 'NY',
      directAddress: 'ada.lovelace@direct.practice.example',
    });

    const [sent, ...others] = await s.repo.listApplications({ states: ['submitted'] });
    expect(others).toEqual([]);
    expect(sent).toMatchObject({
      patientName: 'Alan Turing',
      applicationId: 'PC-0000042',
      dppStatus: 'Provisioned',
      statusDate: '2026-11-23',
      comments: 'Certificate for alan.turing@direct.practice.example installed',
    });
    expect((await s.repo.timeline(sent!.id)).map((e) => [e.status, e.comments])).toEqual([
      ['Approved', 'Identity of Alan Turing verified in person'],
      ['CertificateIssued', null],
      ['Provisioned', 'Certificate for alan.turing@direct.practice.example installed'],
    ]);

    const audit = await s.repo.listAudit({ limit: 100 });
    expect(audit.map((e) => e.action).reverse()).toEqual([
      'create', 'edit', 'create', 'create', 'create', 'submit', 'status-change', 'status-change', 'status-change', 'unlock', 'export',
    ]);
    expect(audit.find((e) => e.action === 'status-change')?.detail).toBe('CertificateIssued → Provisioned');

    expect((await s.repo.listEnvironments()).map((e) => [e.id, e.profile.trustedAgent])).toEqual([['practice', 'Pat Practice']]);
    expect(await s.repo.getSetting('idle_lock_minutes')).toBe('15');
  });

  it('keeps working: new drafts and statuses are written beside the old rows', async () => {
    const dir = copyOfFixture();
    let s = await open(dir);
    const { id } = await s.repo.saveDraft({ environmentId: 'practice', actor: 'pat.practice', values: { fullName: 'Mary Jackson' } });
    const [sent] = await s.repo.listApplications({ states: ['submitted'] });
    await s.repo.transition(sent!.id, { from: ['submitted'], to: 'submitted', set: { lastCheckedAt: '2026-11-28T00:00:00.000Z' } });
    await stores.pop()!.close();

    s = await open(dir);
    expect((await s.repo.getApplication(id))?.values).toEqual({ fullName: 'Mary Jackson' });
    expect(await s.repo.listApplications({ states: ['draft'] })).toHaveLength(4);
    expect(s.db.integrityCheck()).toBe('ok');
  });

  it('migrates to a newer schema after a VACUUM INTO backup that holds the same data', async () => {
    const dir = copyOfFixture();
    const file = join(dir, DATABASE_FILE);
    const db = openDatabase(file);
    const next = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'test-next', up: 'ALTER TABLE applications ADD COLUMN test_note TEXT' }];
    let result;
    try {
      result = await migrate(db, file, next);
      expect(db.get<{ n: number }>("SELECT COUNT(*) AS n FROM pragma_table_info('applications') WHERE name = 'test_note'")?.n).toBe(1);
      // The migrated rows still decrypt.
      const repo = createRepository(db, createCipher(dataKey()));
      expect((await repo.listApplications()).map((a) => a.patientName).sort()).toEqual(PATIENTS);
      expect(db.integrityCheck()).toBe('ok');
    } finally {
      db.close();
    }
    // The fixture is schema 1, older than this build's latest: every later migration runs.
    expect(result).toMatchObject({ from: 1, to: MIGRATIONS.length + 1 });
    expect(readdirSync(dir).filter((f) => f.includes('.backup-v1-'))).toHaveLength(1);

    // The backup is a whole database: the store opens it and decrypts the same rows.
    const backupDir = mkdtempSync(join(tmpdir(), 'ta-desk-legacy-backup-'));
    dirs.push(backupDir);
    copyFileSync(result.backupFile!, join(backupDir, DATABASE_FILE));
    const fromBackup = await open(backupDir);
    expect((await fromBackup.repo.listApplications()).map((a) => a.patientName).sort()).toEqual(PATIENTS);
    if (process.platform !== 'win32') expect(statSync(result.backupFile!).mode & 0o777).toBe(0o600);
  });

  it('refuses the wrong data key without changing the file', async () => {
    const dir = copyOfFixture();
    const before = readFileSync(join(dir, DATABASE_FILE));
    await expect(openStore({ dataDir: dir, dataKey: Buffer.alloc(32, 7) })).rejects.toThrow(/data key does not match/);
    expect(readFileSync(join(dir, DATABASE_FILE)).equals(before)).toBe(true);
  });

  it('makes a copied-in database owner-only', async () => {
    if (process.platform === 'win32') return; // modes are not Windows' access control
    const dir = copyOfFixture();
    chmodSync(join(dir, DATABASE_FILE), 0o644);
    await open(dir);
    for (const f of readdirSync(dir)) expect(statSync(join(dir, f)).mode & 0o777, f).toBe(0o600);
  });
});
