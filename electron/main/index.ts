import { app, dialog, Notification, type BrowserWindow } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { bootCore, type BootedCore } from '../core/boot.ts';
import type { Emit } from '../core/events.ts';
import { createLogger, redact } from '../core/log.ts';
import { keytarSecretStore } from '../core/vault/secret-store.ts';
import { APP_ORIGIN_URL, isAppUrl, registerAppScheme, serveRenderer } from './app-protocol.ts';
import { devSwitches } from './dev-switches.ts';
import { startDiagnostics } from './diagnostics.ts';
import { netFetch } from './dpp-fetch.ts';
import { exportsToFiles } from './export-file.ts';
import { registerBootState, registerIpc, sendEvent, trustedSender } from './ipc.ts';
import { mainCommands } from './main-commands.ts';
import { installAppMenu } from './menu.ts';
import { lockWithOs } from './os-lock.ts';
import { askBeforeClosing, guardQuit } from './quit-guard.ts';
import { hardenApp } from './security.ts';
import { createMainWindow } from './window.ts';
import { windowStateFile } from './window-state.ts';

const log = createLogger('main');

// Variables that redirect data or traffic count only in development and tests, never packaged.
const switches = devSwitches(process.env, { packaged: app.isPackaged });
if (switches.ignored.length > 0) log.warn(`ignored in a packaged build: ${switches.ignored.join(', ')}`);
// electron-vite dev serves the renderer over http://localhost; the built app uses app://ta-desk.
const devServerUrl = switches.rendererUrl;
const isAppPage = (url: string): boolean =>
  isAppUrl(url) || (devServerUrl !== undefined && url.startsWith(new URL(devServerUrl).origin + '/'));

// Tests keep all local data in one chosen folder (created owner-only; the store checks again),
// logs and crash dumps included.
if (switches.dataDir) {
  mkdirSync(switches.dataDir, { recursive: true, mode: 0o700 });
  app.setPath('userData', switches.dataDir);
  app.setAppLogsPath(join(switches.dataDir, 'logs'));
}

// First, so that a failure anywhere below is in the log file (and a crash leaves a local dump).
startDiagnostics();
log.info(`TA Desk ${app.getVersion()} starting (Electron ${process.versions.electron ?? 'unknown'}, ${process.platform} ${process.arch})`);
registerAppScheme();
hardenApp(isAppPage);
// Windows shows notifications (Provisioned, Rejected) only for an app with a user model id.
if (process.platform === 'win32') app.setAppUserModelId('org.tadesk.app');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;
  const currentWindow = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : undefined);

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let booted: BootedCore | undefined;
  const emit: Emit = (event, payload) => {
    const win = currentWindow();
    if (win) sendEvent(win, event, payload);
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
    lockWithOs(() => void started.lockNow().catch((err: unknown) => log.error('locking failed', err)));
    booted = started;
    return started;
  }

  // Quitting asks first while applications wait in the Outbox, and waits for the store to close.
  const quitGuard = guardQuit({
    pending: async () => {
      // The counts carry no PHI: read them even while locked.
      const state = await booted?.core?.handlers['outbox.state'](undefined);
      return state?.ok ? state.value.queued + state.value.sending : 0;
    },
    close: () => booted?.close() ?? Promise.resolve(),
    window: currentWindow,
  });

  app
    .whenReady()
    .then(async () => {
      serveRenderer(join(import.meta.dirname, '../renderer'));
      const core = await startCore();
      const dispatch = exportsToFiles(core.dispatch, { window: currentWindow, isLocked: () => core.core?.isLocked() ?? false });
      registerIpc(dispatch, trustedSender(() => mainWindow, isAppPage));
      registerBootState(dispatch, trustedSender(() => mainWindow, isAppPage));
      installAppMenu(
        {
          renderer: (command) => emit('app.command', { command }),
          ...mainCommands({ dispatch, window: currentWindow, emit }),
        },
        { packaged: app.isPackaged },
      );

      const open = () => {
        mainWindow = createMainWindow({
          preload: join(import.meta.dirname, '../preload/index.cjs'),
          url: devServerUrl ?? APP_ORIGIN_URL,
          devTools: !app.isPackaged,
          stateFile: windowStateFile(),
        });
        askBeforeClosing(mainWindow, quitGuard);
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
