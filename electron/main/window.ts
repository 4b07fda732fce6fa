import { BrowserWindow } from 'electron';
import { secureWebPreferences } from './web-preferences.ts';

export function createMainWindow(options: { preload: string; url: string; devTools: boolean }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1100,
    height: 860,
    minWidth: 720,
    minHeight: 560,
    show: false,
    title: 'TA Desk',
    backgroundColor: '#f6f7f9',
    webPreferences: secureWebPreferences(options.preload, options.devTools),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.url);
  return win;
}
