import { app, dialog, shell, type BrowserWindow } from 'electron';
import type { EventName, EventPayload } from '../contract/channels.ts';
import type { Result } from '../contract/result.ts';
import type { Dispatch } from '../core/ipc/dispatch.ts';
import type { MenuActions } from './menu.ts';
import { isAllowedExternalUrl } from './security.ts';

export const DOCUMENTATION_URL = 'https://developers.datamotion.com/';

export interface MainCommandDeps {
  /** The dispatcher the window uses (exports already going through the Save dialog). */
  dispatch: Dispatch;
  window: () => BrowserWindow | undefined;
  /** Push a contract event to the window (a notice after a menu export). */
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
}

/**
 * The menu commands main carries out itself: they need the OS (dialogs, the file system, the
 * log folder, the browser). Exports go through the same dispatcher as the window's Export
 * buttons, so the lock, the audit entry and the owner-only file are the same.
 */
export function mainCommands(deps: MainCommandDeps): Omit<MenuActions, 'renderer'> {
  const box = (options: Parameters<typeof dialog.showMessageBox>[0]) => {
    const win = deps.window();
    return win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options);
  };
  const report = (result: Result<unknown>, what: (rows: number) => string) => {
    if (!result.ok) deps.emit('app.notice', { level: 'warning', title: 'Export not saved', message: result.error.message });
    else if (result.value && typeof result.value === 'object' && 'saved' in result.value && 'rows' in result.value) {
      deps.emit('app.notice', { level: 'success', title: 'Export saved', message: what(result.value.rows as number) });
    }
  };
  const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

  return {
    exportHistory: async () => {
      const { response } = await box({
        type: 'question',
        message: 'Export the whole history as a CSV file?',
        detail: 'Patient details are names, Direct addresses and officer comments. Include them only if the file stays somewhere safe. To export some applications only, use Export in the History view.',
        buttons: ['Without patient details', 'With patient details', 'Cancel'],
        defaultId: 0,
        cancelId: 2,
        noLink: true,
      });
      if (response === 2) return;
      const includePhi = response === 1;
      report(await deps.dispatch('history.export', { query: {}, includePhi }), (rows) => `${plural(rows, 'application', 'applications')} exported ${includePhi ? 'with' : 'without'} patient details.`);
    },
    exportAudit: async () => {
      report(await deps.dispatch('audit.export', undefined), (rows) => `${plural(rows, 'audit entry', 'audit entries')} exported.`);
    },
    documentation: () => {
      if (isAllowedExternalUrl(DOCUMENTATION_URL)) void shell.openExternal(DOCUMENTATION_URL);
    },
    openLogs: () => {
      void shell.openPath(app.getPath('logs'));
    },
    about: () => {
      void box({
        type: 'info',
        title: 'About TA Desk',
        message: `TA Desk ${app.getVersion()}`,
        detail: `Electron ${process.versions.electron ?? '–'} · Chromium ${process.versions.chrome ?? '–'} · Node ${process.versions.node}\nLogs and crash reports stay on this computer: Help → Open logs folder.`,
        buttons: ['OK'],
      });
    },
  };
}
