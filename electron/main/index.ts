import { app, dialog, type BrowserWindow } from 'electron';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDispatcher } from '../core/ipc/dispatch.ts';
import { createLogger, redact } from '../core/log.ts';
import { createCoreServices } from '../core/services.ts';
import { PRACTICE_CREDENTIALS } from '../practice/environment.ts';
import { APP_ORIGIN_URL, isAppUrl, registerAppScheme, serveRenderer } from './app-protocol.ts';
import { dppConnection } from './dpp-fetch.ts';
import { registerIpc, trustedSender } from './ipc.ts';
import { hardenApp } from './security.ts';
import { createMainWindow } from './window.ts';

const log = createLogger('main');

// electron-vite dev serves the renderer over http://localhost; the built app uses app://ta-desk.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const isAppPage = (url: string): boolean =>
  isAppUrl(url) || (devServerUrl !== undefined && url.startsWith(new URL(devServerUrl).origin + '/'));

// Tests and IT can keep all local data in one chosen folder.
if (process.env.TA_DESK_DATA_DIR) {
  const dataDir = resolve(process.env.TA_DESK_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  app.setPath('userData', dataDir);
}

registerAppScheme();
hardenApp(isAppPage);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app
    .whenReady()
    .then(() => {
      serveRenderer(join(import.meta.dirname, '../renderer'));
      const { environment, fetch } = dppConnection(process.env);
      const services = createCoreServices({
        version: app.getVersion(),
        environment,
        fetch,
        // Practice credentials until the keychain-backed vault arrives (issue 4).
        credentials: () => Promise.resolve(PRACTICE_CREDENTIALS),
      });
      registerIpc(createDispatcher(services.handlers), trustedSender(() => mainWindow, isAppPage));

      const open = () => {
        mainWindow = createMainWindow({
          preload: join(import.meta.dirname, '../preload/index.cjs'),
          url: devServerUrl ?? APP_ORIGIN_URL,
          devTools: !app.isPackaged,
        });
        mainWindow.on('closed', () => {
          mainWindow = undefined;
        });
      };
      open();
      app.on('activate', () => {
        if (!mainWindow) open();
      });
    })
    .catch((err: unknown) => {
      log.error('startup failed', err);
      dialog.showErrorBox('TA Desk could not start', redact(err instanceof Error ? err.message : String(err)));
      app.exit(1);
    });
}
