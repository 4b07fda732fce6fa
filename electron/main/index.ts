import { app, dialog, Notification, powerMonitor, type BrowserWindow } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { bootCore, type BootedCore } from '../core/boot.ts';
import type { Emit } from '../core/events.ts';
import { createLogger, redact } from '../core/log.ts';
import { keytarSecretStore } from '../core/vault/secret-store.ts';
import { APP_ORIGIN_URL, isAppUrl, registerAppScheme, serveRenderer } from './app-protocol.ts';
import { devSwitches } from './dev-switches.ts';
import { netFetch } from './dpp-fetch.ts';
import { registerIpc, sendEvent, trustedSender } from './ipc.ts';
import { hardenApp } from './security.ts';
import { createMainWindow } from './window.ts';

const log = createLogger('main');

// Variables that redirect data or traffic count only in development and tests, never packaged.
const switches = devSwitches(process.env, { packaged: app.isPackaged });
if (switches.ignored.length > 0) log.warn(`ignored in a packaged build: ${switches.ignored.join(', ')}`);
// electron-vite dev serves the renderer over http://localhost; the built app uses app://ta-desk.
const devServerUrl = switches.rendererUrl;
const isAppPage = (url: string): boolean =>
  isAppUrl(url) || (devServerUrl !== undefined && url.startsWith(new URL(devServerUrl).origin + '/'));

// Tests keep all local data in one chosen folder (created owner-only; the store checks again).
if (switches.dataDir) {
  mkdirSync(switches.dataDir, { recursive: true, mode: 0o700 });
  app.setPath('userData', switches.dataDir);
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

  let booted: BootedCore | undefined;
  const emit: Emit = (event, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) sendEvent(mainWindow, event, payload);
  };

  async function startCore(): Promise<BootedCore> {
    const started = await bootCore({
      version: app.getVersion(),
      dataDir: app.getPath('userData'),
      secretStore: keytarSecretStore(),
      keychainServicePrefix: switches.keychainServicePrefix,
      networkFetch: netFetch,
      // TA_DESK_DPP_URL (development only) points Practice at a practice DPP on loopback (the
      // Electron specs use it to prove net.fetch is the client); otherwise it answers in-process.
      practice: { dppUrl: switches.dppUrl },
      emit,
      notify: (title, body) => {
        if (Notification.isSupported()) new Notification({ title, body }).show();
      },
    });
    // The OS screen lock or sleep locks TA Desk too: PHI stays hidden when the TA walks away.
    const lockNow = () => void started.lockNow().catch((err: unknown) => log.error('locking failed', err));
    powerMonitor.on('lock-screen', lockNow);
    powerMonitor.on('suspend', lockNow);
    booted = started;
    return started;
  }

  // Quit only once the database is closed: writes in flight must land.
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !booted) return;
    event.preventDefault();
    quitting = true;
    void booted
      .close()
      .catch((err: unknown) => log.error('closing the store failed', err))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(async () => {
      serveRenderer(join(import.meta.dirname, '../renderer'));
      registerIpc((await startCore()).dispatch, trustedSender(() => mainWindow, isAppPage));

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
