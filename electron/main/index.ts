import { app, dialog, Notification, powerMonitor, type BrowserWindow } from 'electron';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createAppCore, type AppCore } from '../core/app-core.ts';
import type { Emit } from '../core/events.ts';
import { createDispatcher, type Dispatch } from '../core/ipc/dispatch.ts';
import { createLogger, redact } from '../core/log.ts';
import { startupProblem, unavailableHandlers } from '../core/unavailable.ts';
import { keytarSecretStore } from '../core/vault/secret-store.ts';
import { APP_ORIGIN_URL, isAppUrl, registerAppScheme, serveRenderer } from './app-protocol.ts';
import { netFetch, practiceConnection } from './dpp-fetch.ts';
import { registerIpc, sendEvent, trustedSender } from './ipc.ts';
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
// Windows shows notifications (Provisioned, Rejected) only for an app with a user model id.
if (process.platform === 'win32') app.setAppUserModelId('org.tadesk.app');

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

  let core: AppCore | undefined;
  const emit: Emit = (event, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) sendEvent(mainWindow, event, payload);
  };

  async function startCore(): Promise<Dispatch> {
    try {
      core = await createAppCore({
        version: app.getVersion(),
        dataDir: app.getPath('userData'),
        secretStore: keytarSecretStore(),
        networkFetch: netFetch,
        practice: practiceConnection(process.env),
        emit,
        notify: (title, body) => {
          if (Notification.isSupported()) new Notification({ title, body }).show();
        },
      });
      await core.start();
      const started = core;
      // The OS screen lock or sleep locks TA Desk too: PHI stays hidden when the TA walks away.
      const lockNow = () => void started.handlers['lock.lock'](undefined);
      powerMonitor.on('lock-screen', lockNow);
      powerMonitor.on('suspend', lockNow);
      return createDispatcher(started.handlers, { isLocked: () => started.isLocked() });
    } catch (err) {
      log.error('core could not start', err);
      return createDispatcher(unavailableHandlers(startupProblem(err)));
    }
  }

  // Quit only once the database is closed: writes in flight must land.
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !core) return;
    event.preventDefault();
    quitting = true;
    void core
      .close()
      .catch((err: unknown) => log.error('closing the store failed', err))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(async () => {
      serveRenderer(join(import.meta.dirname, '../renderer'));
      registerIpc(await startCore(), trustedSender(() => mainWindow, isAppPage));

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
