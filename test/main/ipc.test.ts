import { beforeEach, describe, expect, it } from 'vitest';
import { channelNames } from '../../electron/contract/channels.ts';
import { createDispatcher, type Handlers } from '../../electron/core/ipc/dispatch.ts';
import { isAppUrl } from '../../electron/main/app-protocol.ts';
import { registerBootState, registerIpc, sendEvent, trustedSender } from '../../electron/main/ipc.ts';
import { BrowserWindow, ipcMain, resetFakeElectron, type FakeBrowserWindow } from '../fakes/electron.ts';

/**
 * electron/main/ipc.ts under the fake `electron`: a request is served only from the main frame of
 * the app's own window showing the app's own page; everything else is refused before any handler
 * runs. The dispatcher is the real one; only the 'app.info' handler does anything.
 */
let served: string[];
let mainWindow: FakeBrowserWindow | undefined;

const INFO = {
  version: '1.2.3',
  environmentId: 'practice',
  environmentName: 'Practice',
  practice: true,
  profile: { trustedAgent: 'Pat Agent', organizationName: 'Clinic', defaultCountry: 'US' },
};

beforeEach(() => {
  resetFakeElectron();
  served = [];
  const handlers = new Proxy({} as Handlers, {
    get: (_target, channel: string) => () => {
      served.push(channel);
      return { ok: true, value: channel === 'app.info' ? INFO : { done: true } };
    },
  });
  mainWindow = new BrowserWindow({ show: false });
  void mainWindow.loadURL('app://ta-desk/index.html');
  // `as never`: the fake stands in for Electron's BrowserWindow at run time only.
  registerIpc(createDispatcher(handlers), trustedSender(() => mainWindow as never, isAppUrl));
  registerBootState(createDispatcher(handlers), trustedSender(() => mainWindow as never, isAppUrl));
});

const refused = { ok: false, error: { code: 'bad-request', message: 'Request refused: it did not come from TA Desk’s own window.' } };

describe('IPC sender check', () => {
  it('registers one handler per contract channel', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...channelNames].sort());
  });

  it('serves the main frame of the app’s window on the app’s page', async () => {
    const answer = await ipcMain.invoke('app.info', { sender: mainWindow!.webContents });
    expect(answer).toEqual({ ok: true, value: INFO });
    expect(served).toEqual(['app.info']);
  });

  it('refuses another window', async () => {
    const other = new BrowserWindow({ show: false });
    void other.loadURL('app://ta-desk/index.html');
    expect(await ipcMain.invoke('app.info', { sender: other.webContents })).toEqual(refused);
    expect(served).toEqual([]);
  });

  it('refuses a child frame of the app’s own window, even on the app’s origin', async () => {
    const { webContents } = mainWindow!;
    expect(await ipcMain.invoke('app.info', { sender: webContents, frame: webContents.childFrame('app://ta-desk/index.html') })).toEqual(refused);
    expect(await ipcMain.invoke('lock.lock', { sender: webContents, frame: webContents.childFrame('https://evil.example/') })).toEqual(refused);
    expect(served).toEqual([]);
  });

  it('refuses the main frame once it shows another origin', async () => {
    const { webContents } = mainWindow!;
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'app://other/index.html', 'http://localhost:5173/']) {
      webContents.mainFrame.url = url;
      expect(await ipcMain.invoke('app.info', { sender: webContents }), url).toEqual(refused);
    }
    expect(served).toEqual([]);
  });

  it('refuses a frame that is gone, and any request once the window is closed', async () => {
    const { webContents } = mainWindow!;
    expect(await ipcMain.invoke('app.info', { sender: webContents, frame: null })).toEqual(refused);
    const closed = mainWindow!;
    mainWindow = undefined;
    expect(await ipcMain.invoke('app.info', { sender: closed.webContents })).toEqual(refused);
    expect(served).toEqual([]);
  });

  it('still parses what a trusted frame sends (a bad payload never reaches a handler)', async () => {
    const answer = (await ipcMain.invoke('drafts.get', { sender: mainWindow!.webContents }, { id: 'not-a-uuid' })) as { ok: boolean };
    expect(answer.ok).toBe(false);
    expect(served).toEqual([]);
  });
});

describe('events to the renderer', () => {
  it('sends an event that matches the contract, and drops one that does not', () => {
    const win = mainWindow!;
    sendEvent(win as never, 'outbox.changed', { online: true, queued: 2, sending: 1, unknown: 0 });
    sendEvent(win as never, 'outbox.changed', { online: true, queued: 'many' } as never);
    expect(win.webContents.sent).toEqual([['outbox.changed', { online: true, queued: 2, sending: 1, unknown: 0 }]]);
  });
});

describe('boot state for the preload', () => {
  it('answers the app’s own main frame with app info, lock and outbox in one JSON string', async () => {
    const answer = await ipcMain.sendSync('boot.state', { sender: mainWindow!.webContents });
    expect(typeof answer).toBe('string');
    const boot = JSON.parse(answer as string) as Record<string, unknown>;
    expect(boot.info).toEqual({ ok: true, value: INFO });
    expect(Object.keys(boot).sort()).toEqual(['info', 'lock', 'outbox']);
    expect(served.sort()).toEqual(['app.info', 'lock.state', 'outbox.state']);
  });

  it('answers nothing to another window or a child frame, and asks the core nothing', async () => {
    const other = new BrowserWindow({ show: false });
    void other.loadURL('app://ta-desk/index.html');
    expect(await ipcMain.sendSync('boot.state', { sender: other.webContents })).toBeNull();
    const { webContents } = mainWindow!;
    expect(await ipcMain.sendSync('boot.state', { sender: webContents, frame: webContents.childFrame('app://ta-desk/index.html') })).toBeNull();
    expect(served).toEqual([]);
  });
});
