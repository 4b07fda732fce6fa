import { BrowserWindow } from 'electron';
import { secureWebPreferences } from './web-preferences.ts';
import { initialBounds, keepWindowState, MIN_SIZE } from './window-state.ts';

/** The app's one window, opened where the TA last left it (`stateFile`), on a visible display. */
export function createMainWindow(options: { preload: string; url: string; devTools: boolean; stateFile: string }): BrowserWindow {
  const { maximized, ...bounds } = initialBounds(options.stateFile);
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'TA Desk',
    backgroundColor: '#f6f7f9',
    webPreferences: secureWebPreferences(options.preload, options.devTools),
  });
  if (maximized) win.maximize();
  keepWindowState(win, options.stateFile);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.url);
  return win;
}
