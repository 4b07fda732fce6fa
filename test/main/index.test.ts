import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUIT_ANYWAY } from '../../electron/main/quit-guard.ts';
import { serveOnLoopback } from '../../electron/practice/serve.ts';
import { app, BrowserWindow, crashReporter, dialog, ipcMain, Menu, powerMonitor, resetFakeElectron, type FakeBrowserWindow, type FakeMenuItem } from '../fakes/electron.ts';
import { validApplication } from '../helpers/applications.ts';

/**
 * electron/main/index.ts, main as a whole, started under the fake `electron` on real parts: a
 * data folder, SQLite store and keychain (run under test/with-keyring.sh). index.ts runs when it
 * is imported, so this file boots it once and walks through a session in order. The practice
 * DPP address points at a closed loopback port: every application waits in the Outbox.
 */
const ENV_KEYS = ['TA_DESK_DATA_DIR', 'TA_DESK_KEYCHAIN_SERVICE', 'TA_DESK_DPP_URL'] as const;
let dataDir: string;
let win: FakeBrowserWindow;

const invoke = (channel: string, input?: unknown) => ipcMain.invoke(channel, { sender: win.webContents }, input) as Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;

function menuItem(label: string): FakeMenuItem {
  const walk = (items: FakeMenuItem[]): FakeMenuItem | undefined => {
    for (const item of items) {
      if (item.label === label) return item;
      const inner = item.submenu && walk(item.submenu);
      if (inner) return inner;
    }
    return undefined;
  };
  const found = walk(Menu.getApplicationMenu()?.items ?? []);
  if (!found) throw new Error(`no menu item ${label}`);
  return found;
}

beforeAll(async () => {
  resetFakeElectron();
  dataDir = mkdtempSync(join(tmpdir(), 'ta-desk-main-'));
  const closed = await serveOnLoopback(() => Promise.resolve(new Response('')));
  await closed.close();
  process.env.TA_DESK_DATA_DIR = dataDir;
  process.env.TA_DESK_KEYCHAIN_SERVICE = `ta-desk-test-main-${process.pid}`;
  process.env.TA_DESK_DPP_URL = closed.url;
  // A development build: a packaged one ignores TA_DESK_DATA_DIR and the other test switches.
  app.isPackaged = false;
  await import('../../electron/main/index.ts');
  app.becomeReady();
  for (const started = Date.now(); BrowserWindow.getAllWindows().length === 0; ) {
    if (Date.now() - started > 15_000) throw new Error('main opened no window within 15 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  win = BrowserWindow.getAllWindows()[0]!;
});

afterAll(() => {
  for (const key of ENV_KEYS) delete process.env[key];
  rmSync(dataDir, { recursive: true, force: true });
});

describe('main, booted', () => {
  it('opens one window on the app’s page and serves IPC from it', async () => {
    expect(win.loadedUrl).toBe('app://ta-desk/index.html');
    expect(await invoke('app.info')).toMatchObject({ ok: true, value: { practice: true } });
  });

  it('writes its log and keeps crash dumps in the logs folder (inside the chosen data folder)', () => {
    expect(existsSync(join(dataDir, 'logs', 'main.log'))).toBe(true);
    expect(readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8')).toContain(`[main] TA Desk ${app.getVersion()} starting`);
    expect(crashReporter.started).toEqual([expect.objectContaining({ uploadToServer: false })]);
    expect(app.getPath('crashDumps')).toBe(join(dataDir, 'logs', 'crash-dumps'));
  });

  it('has the app menu (Reload and DevTools only because this is a development build)', () => {
    expect(menuItem('Status lookup').accelerator).toBe('Alt+S');
    expect(JSON.stringify(Menu.getApplicationMenu()?.items)).toContain('toggleDevTools');
  });

  it('sends menu commands to the window as the typed app.command event', () => {
    menuItem('Status lookup').click?.({}, undefined, {});
    menuItem('History').click?.({}, undefined, {});
    expect(win.webContents.sent.filter(([channel]) => channel === 'app.command')).toEqual([
      ['app.command', { command: 'lookup' }],
      ['app.command', { command: 'history' }],
    ]);
  });

  it('locks when the OS locks the screen', async () => {
    expect((await invoke('history.query', {})).ok).toBe(true);
    powerMonitor.emit('lock-screen');
    await expect.poll(async () => (await invoke('history.query', {})).error?.code).toBe('locked');
    expect(win.webContents.sent).toContainEqual(['lock.changed', expect.objectContaining({ locked: true })]);
    expect((await invoke('lock.unlock', { password: 'practice-only' })).ok).toBe(true);
  });

  it('asks before quitting with an application in the Outbox, and quits once the store is closed', async () => {
    await invoke('application.submit', { application: validApplication() });
    await expect.poll(async () => ((await invoke('outbox.state')).value as { queued: number; sending: number } | undefined)?.queued ?? 0).toBeGreaterThan(0);

    dialog.clicks.push('Cancel');
    app.quit();
    await expect.poll(() => dialog.messageBoxes.length).toBe(1);
    expect(dialog.messageBoxes[0]).toMatchObject({ message: '1 application has not been sent yet', buttons: [QUIT_ANYWAY, 'Cancel'] });
    expect(app.quitted).toBe(false);
    expect((await invoke('app.info')).ok).toBe(true);

    dialog.clicks.push(QUIT_ANYWAY);
    app.quit();
    await expect.poll(() => app.quitted, { timeout: 10_000 }).toBe(true);
    // The store was closed before the app went: nothing answers from it any more.
    expect((await invoke('drafts.list')).ok).toBe(false);
  });
});
