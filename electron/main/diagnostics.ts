import { app, crashReporter } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startLogFile } from './log-file.ts';

/**
 * What IT looks at when something went wrong, all kept on this computer, in the OS's log folder
 * (app.getPath('logs')): the rotating main-process log, and crash dumps beside it. Dumps are
 * never uploaded: a renderer's memory can hold PHI. Call before the app is ready, so a crash
 * during start-up is caught too.
 */
export function startDiagnostics(): { logsFolder: string; logFile: string; crashDumps: string } {
  const logsFolder = app.getPath('logs');
  const crashDumps = join(logsFolder, 'crash-dumps');
  mkdirSync(crashDumps, { recursive: true, mode: 0o700 });
  app.setPath('crashDumps', crashDumps);
  crashReporter.start({ uploadToServer: false });
  const { path } = startLogFile(logsFolder, { console: !app.isPackaged });
  return { logsFolder, logFile: path, crashDumps };
}
