import { mkdirSync, readFileSync, statSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportsToFiles } from '../../electron/main/export-file.ts';
import { app, dialog, resetFakeElectron } from '../fakes/electron.ts';
import { validApplication } from '../helpers/applications.ts';
import { startTestCore } from '../helpers/core.ts';
import { startPracticeServer } from '../helpers/practice-server.ts';
import { PRACTICE_CREDENTIALS } from '../../electron/practice/environment.ts';

/**
 * PHI exports in the desktop app: the native Save dialog, a file main writes owner-only, and an
 * answer to the renderer that holds no path. Real core, store and keychain (test/with-keyring.sh).
 */
let practice: Awaited<ReturnType<typeof startPracticeServer>>;
let t: Awaited<ReturnType<typeof startTestCore>>;
let dispatch: ReturnType<typeof exportsToFiles>;
let outDir: string;
const patient = validApplication({ firstName: 'Zebulon', lastName: 'Quartermaine', fullName: 'Zebulon Quartermaine' });

beforeAll(async () => {
  practice = await startPracticeServer();
  t = await startTestCore({ dppUrl: practice.url });
  outDir = join(t.dataDir, 'exports');
  mkdirSync(outDir);
  expect(await t.dispatch('application.submit', { application: patient })).toMatchObject({ ok: true });
});
afterAll(async () => {
  await t.close();
  await practice.close();
});
beforeEach(() => {
  resetFakeElectron();
  app.setPath('documents', outDir);
  dispatch = exportsToFiles(t.dispatch, { window: () => undefined, isLocked: () => t.core.isLocked() });
});

const auditExports = async () => {
  const audit = (await t.dispatch('audit.list', {})) as { value: { action: string }[] };
  return audit.value.filter((e) => e.action === 'export').length;
};

describe('exports through the Save dialog', () => {
  it('writes the file the TA chose, owner-only, and tells the renderer only how many rows', async () => {
    const target = join(outDir, 'history.csv');
    dialog.saveAnswers.push(target);
    const answer = await dispatch('history.export', { query: {}, includePhi: true });
    expect(answer).toEqual({ ok: true, value: { saved: true, rows: 1 } });
    expect(JSON.stringify(answer)).not.toContain(outDir);
    expect(readFileSync(target, 'utf8')).toContain('Zebulon Quartermaine');
    if (process.platform !== 'win32') expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(dialog.saveDialogs[0]).toMatchObject({ defaultPath: expect.stringMatching(/ta-desk-history-\d{4}-\d{2}-\d{2}\.csv$/), filters: [{ extensions: ['csv'] }] });
  });

  it('makes a file it replaces owner-only too, before writing PHI into it', async () => {
    const target = join(outDir, 'shared.csv');
    writeFileSync(target, 'old contents that anyone could read\n'.repeat(100));
    chmodSync(target, 0o644);
    dialog.saveAnswers.push(target);
    expect(await dispatch('audit.export', undefined)).toMatchObject({ ok: true, value: { saved: true } });
    if (process.platform !== 'win32') expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readFileSync(target, 'utf8')).not.toContain('old contents');
  });

  it('exports nothing and audits nothing when the TA cancels the dialog', async () => {
    const before = await auditExports();
    expect(await dispatch('history.export', { query: {}, includePhi: true })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await auditExports()).toBe(before);
  });

  it('says clearly when the file cannot be written', async () => {
    dialog.saveAnswers.push(join(outDir, 'no-such-folder', 'history.csv'));
    const answer = await dispatch('history.export', { query: {}, includePhi: false });
    expect(answer).toMatchObject({ ok: false, error: { code: 'file', message: expect.stringContaining('could not be saved') } });
    expect(existsSync(join(outDir, 'no-such-folder'))).toBe(false);
  });

  it('shows no dialog while locked: the answer is the usual "locked"', async () => {
    await t.dispatch('lock.lock', undefined);
    try {
      expect(await dispatch('history.export', { query: {}, includePhi: true })).toMatchObject({ ok: false, error: { code: 'locked' } });
      expect(dialog.saveDialogs).toEqual([]);
    } finally {
      await t.dispatch('lock.unlock', { password: PRACTICE_CREDENTIALS.password });
    }
    expect(t.core.isLocked()).toBe(false);
  });

  it('leaves every other channel to the dispatcher as it is', async () => {
    expect(await dispatch('app.info', undefined)).toEqual(await t.dispatch('app.info', undefined));
    expect(dialog.saveDialogs).toEqual([]);
  });

  it('saves the import template through the same dialog, titled for it', async () => {
    const target = join(outDir, 'template.csv');
    dialog.saveAnswers.push(target);
    expect(await dispatch('import.template', undefined)).toEqual({ ok: true, value: { saved: true, rows: 0 } });
    expect(readFileSync(target, 'utf8')).toMatch(/^Trusted Agent,Organization legal name,HIPAA type,First name,/);
    expect(dialog.saveDialogs[0]).toMatchObject({ title: 'Save import template', defaultPath: expect.stringMatching(/ta-desk-import-template-\d{4}-\d{2}-\d{2}\.csv$/) });
  });

  it('names the template of an address or organizational import for its type, with that type’s header row', async () => {
    const target = join(outDir, 'template-organization.csv');
    dialog.saveAnswers.push(target);
    expect(await dispatch('import.template', { certificateType: 'organization' })).toEqual({ ok: true, value: { saved: true, rows: 0 } });
    expect(readFileSync(target, 'utf8')).toMatch(/^Trusted Agent,Organization legal name,HIPAA type,City,State,Country,Certificate duration,Direct domain,Alternate name,Renew automatically,Notes/);
    expect(dialog.saveDialogs.at(-1)).toMatchObject({ defaultPath: expect.stringMatching(/ta-desk-import-template-organization-\d{4}-\d{2}-\d{2}\.csv$/) });
  });
});
