import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMainWindow } from '../../electron/main/window.ts';
import { BrowserWindow, resetFakeElectron } from '../fakes/electron.ts';

/** electron/main/window.ts under the fake `electron`. */
const stateFile = join(tmpdir(), `ta-desk-no-window-state-${process.pid}.json`);
beforeEach(() => resetFakeElectron());

describe('the main window', () => {
  it('is isolated and sandboxed, with the preload given and DevTools as asked', () => {
    createMainWindow({ preload: '/app/preload/index.cjs', url: 'app://ta-desk/index.html', devTools: false, stateFile });
    const [win] = BrowserWindow.getAllWindows();
    expect(win?.options.webPreferences).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      devTools: false,
    });
  });

  it('loads the app’s page and shows the window only once it has painted (no white flash)', () => {
    createMainWindow({ preload: '/p.cjs', url: 'app://ta-desk/index.html', devTools: false, stateFile });
    const [win] = BrowserWindow.getAllWindows();
    expect(win?.loadedUrl).toBe('app://ta-desk/index.html');
    expect(win?.isVisible()).toBe(false);
    win?.readyToShow();
    expect(win?.isVisible()).toBe(true);
  });
});
