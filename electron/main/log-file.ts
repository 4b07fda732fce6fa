import log from 'electron-log/node';
import { join } from 'node:path';
import { redact, setDefaultLogSink } from '../core/log.ts';

/** One file of at most this size, plus main.old.log: about 2 MB of history for IT. */
export const LOG_MAX_BYTES = 1024 * 1024;
export const LOG_FILE_NAME = 'main.log';

/**
 * The main process's log file in the OS log folder (app.getPath('logs')), written by electron-log
 * and rotated by it (main.log → main.old.log at LOG_MAX_BYTES). electron-log/node rather than
 * electron-log/main: the file transport is the same, and /main would add an IPC channel through
 * which the renderer could write to the file; our preload exposes no such thing.
 *
 * Every line passes through the core's redaction twice: once in createLogger (the app's loggers)
 * and again in an electron-log hook, so that nothing handed to this logger directly (a library's
 * error, a stack) can carry a password or an address into the file. The file is owner-only.
 */
export function startLogFile(folder: string, options: { console: boolean }) {
  const logger = log.create({ logId: 'ta-desk-main' });
  const file = logger.transports.file;
  file.resolvePathFn = () => join(folder, LOG_FILE_NAME);
  file.maxSize = LOG_MAX_BYTES;
  file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  file.level = 'info';
  logger.transports.console.level = options.console ? 'info' : false;
  logger.hooks.push((message) => ({ ...message, data: message.data.map(redactPart) }));
  logger.errorHandler.stopCatching();

  setDefaultLogSink({
    info: (line: string) => logger.info(line),
    warn: (line: string) => logger.warn(line),
    error: (line: string) => logger.error(line),
  });
  return { path: join(folder, LOG_FILE_NAME), logger };
}

function redactPart(part: unknown): string {
  if (part instanceof Error) return redact(`${part.name}: ${part.message}`);
  if (typeof part === 'string') return redact(part);
  try {
    return redact(JSON.stringify(part) ?? String(part));
  } catch {
    return '[unprintable]';
  }
}
