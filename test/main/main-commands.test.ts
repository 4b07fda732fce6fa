import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportsToFiles } from '../../electron/main/export-file.ts';
import { DOCUMENTATION_URL, mainCommands } from '../../electron/main/main-commands.ts';
import { app, dialog, resetFakeElectron, shell } from '../fakes/electron.ts';
import { validApplication } from '../helpers/applications.ts';
import { startTestCore } from '../helpers/core.ts';
import { startPracticeServer } from '../helpers/practice-server.ts';

/** The menu commands main carries out (electron/main/main-commands.ts), on the real core. */
let practice: Awaited<ReturnType<typeof startPracticeServer>>;
let t: Awaited<ReturnType<typeof startTestCore>>;
let notices: unknown[];
let commands: ReturnType<typeof mainCommands>;
let outDir: string;

beforeAll(async () => {
  practice = await startPracticeServer();
  t = await startTestCore({ dppUrl: practice.url });
  outDir = join(t.dataDir, 'exports');
  mkdirSync(outDir);
  await t.dispatch('application.submit', { application: validApplication({ firstName: 'Odalys', lastName: 'Pemberton', fullName: 'Odalys Pemberton' }) });
});
afterAll(async () => {
  await t.close();
  await practice.close();
});
beforeEach(() => {
  resetFakeElectron();
  app.setPath('documents', outDir);
  app.setPath('logs', join(t.dataDir, 'logs'));
  notices = [];
  const dispatch = exportsToFiles(t.dispatch, { window: () => undefined, isLocked: () => t.core.isLocked() });
  commands = mainCommands({ dispatch, window: () => undefined, emit: (event, payload) => void notices.push({ event, payload }) });
});

describe('menu commands run by main', () => {
  it('Export history… asks about patient details, then saves where the TA chose and says so', async () => {
    dialog.clicks.push('With patient details');
    dialog.saveAnswers.push(join(outDir, 'menu-history.csv'));
    await commands.exportHistory();
    expect(readFileSync(join(outDir, 'menu-history.csv'), 'utf8')).toContain('Odalys Pemberton');
    expect(notices).toEqual([{ event: 'app.notice', payload: { level: 'success', title: 'Export saved', message: '1 application exported with patient details.' } }]);
  });

  it('Export history… without patient details leaves them out', async () => {
    dialog.clicks.push('Without patient details');
    dialog.saveAnswers.push(join(outDir, 'menu-history-plain.csv'));
    await commands.exportHistory();
    expect(readFileSync(join(outDir, 'menu-history-plain.csv'), 'utf8')).not.toContain('Pemberton');
  });

  it('Cancel in the question or the Save dialog exports nothing and says nothing', async () => {
    dialog.clicks.push('Cancel');
    await commands.exportHistory();
    expect(dialog.saveDialogs).toEqual([]);
    await commands.exportAudit(); // no save answer: the dialog is cancelled
    expect(notices).toEqual([]);
  });

  it('reports a failed export as a notice with the reason', async () => {
    dialog.saveAnswers.push(join(outDir, 'missing', 'audit.csv'));
    await commands.exportAudit();
    expect(notices).toEqual([{ event: 'app.notice', payload: expect.objectContaining({ level: 'warning', title: 'Export not saved' }) }]);
  });

  it('Open logs folder opens the OS log folder', () => {
    commands.openLogs();
    expect(shell.openedPaths).toEqual([join(t.dataDir, 'logs')]);
  });

  it('DPP documentation opens the allow-listed page in the browser', () => {
    commands.documentation();
    expect(shell.opened).toEqual([DOCUMENTATION_URL]);
  });

  it('About shows the version', () => {
    commands.about();
    expect(dialog.messageBoxes[0]).toMatchObject({ message: `TA Desk ${app.getVersion()}` });
  });
});
