/**
 * Scoped logging with redaction. Logs never carry credentials or PHI: anything that looks like an
 * email/Direct address is masked, and callers log codes and ids, never applications or headers.
 */
// The lookbehind starts a match only at the start of a token: without it a long token with no
// '@' (a base64 body, a hash) is rescanned from every position, quadratic in its length.
const EMAIL = /(?<![^\s@"'<>()])[^\s@"'<>()]+@[^\s@"'<>()]+/g;
const SECRET_HEADER = /(x-user-password|x-user-id|authorization|password)(["']?\s*[:=]\s*)("[^"]*"|'[^']*'|\S+)/gi;

export function redact(text: string): string {
  return text.replace(SECRET_HEADER, '$1$2<redacted>').replace(EMAIL, '<address>');
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

export type LogSink = Pick<Console, 'info' | 'warn' | 'error'>;

let defaultSink: LogSink = console;

/**
 * Where loggers created without a sink write from now on (Electron main: the rotating log file).
 * Loggers are module-level constants created at import time, so they look the sink up per line.
 */
export function setDefaultLogSink(sink: LogSink): void {
  defaultSink = sink;
}

export function createLogger(scope: string, sink?: LogSink): Logger {
  const line = (message: string) => `[${scope}] ${redact(message)}`;
  const out = () => sink ?? defaultSink;
  return {
    info: (message) => out().info(line(message)),
    warn: (message) => out().warn(line(message)),
    error: (message, err) => {
      const detail = err instanceof Error ? ` (${err.name}: ${err.message})` : '';
      out().error(line(message + detail));
    },
  };
}
