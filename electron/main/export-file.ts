import { app, dialog, type BrowserWindow } from 'electron';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { exportFileNameFor, type ExportKind } from '../contract/applications.ts';
import { fail, ok } from '../contract/result.ts';
import type { Dispatch } from '../core/ipc/dispatch.ts';

const EXPORT_CHANNELS: Record<string, ExportKind> = {
  'history.export': 'history',
  'audit.export': 'audit',
  'lookup.batchExport': 'status-lookup',
  'import.template': 'import-template',
  'import.batchExport': 'import-results',
};
const TITLES: Record<ExportKind, string> = {
  history: 'Export history',
  audit: 'Export audit log',
  'status-lookup': 'Export status lookup results',
  'import-template': 'Save import template',
  'import-results': 'Export import results',
};

/**
 * PHI exports in the desktop app go through the OS Save dialog and are written by main, owner-only
 * (0600), never by Chromium's download manager (which picks the folder and the permissions).
 * The TA is asked where before anything is exported, so a Cancel leaves no file and no
 * "exported" entry in the audit log. The renderer gets `saved` or `cancelled`, never the path.
 */
export function exportsToFiles(dispatch: Dispatch, options: { window: () => BrowserWindow | undefined; isLocked: () => boolean }): Dispatch {
  return async (channel, input) => {
    const kind = typeof channel === 'string' ? EXPORT_CHANNELS[channel] : undefined;
    // Locked: no dialog; the dispatcher gives its usual 'locked' answer.
    if (!kind || options.isLocked()) return dispatch(channel, input);
    const path = await askWhere(kind, exportFileNameFor(kind, input), options.window());
    if (!path) return ok({ cancelled: true as const });
    const result = await dispatch(channel, input);
    if (!result.ok) return result;
    const { csv, rows } = result.value as { csv: string; rows: number };
    try {
      await writeOwnerOnly(path, csv);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return fail({ code: 'file', message: `The export could not be saved there (${code ?? 'write failed'}). Choose another folder and export again.` });
    }
    return ok({ saved: true as const, rows });
  };
}

async function askWhere(kind: ExportKind, fileName: string, win: BrowserWindow | undefined): Promise<string | undefined> {
  const options = {
    title: TITLES[kind],
    defaultPath: join(app.getPath('documents'), fileName),
    buttonLabel: 'Export',
    filters: [{ name: 'CSV (spreadsheet)', extensions: ['csv'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[],
  };
  const answer = await (win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options));
  return answer.canceled || !answer.filePath ? undefined : answer.filePath;
}

/**
 * Owner-only from the first byte: the mode is set before anything is written, also when an
 * existing file (maybe readable by others) is replaced. On Windows the mode bits do not apply;
 * there the file inherits the ACL of the folder the TA chose (their profile is owner-only).
 */
export async function writeOwnerOnly(path: string, text: string): Promise<void> {
  const file = await open(path, 'w', 0o600);
  try {
    await file.chmod(0o600);
    await file.writeFile(text, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
}
