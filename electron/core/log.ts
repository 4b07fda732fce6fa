/**
 * Scoped logging with redaction. Logs never carry credentials or PHI: anything that looks like an
 * email/Direct address is masked, and callers log codes and ids, never applications or headers.
 */
const EMAIL = /[^\s@"'<>()]+@[^\s@"'<>()]+/g;
const SECRET_HEADER = /(x-user-password|x-user-id|authorization|password)(["']?\s*[:=]\s*)("[^"]*"|'[^']*'|\S+)/gi;

export function redact(text: string): string {
  return text.replace(SECRET_HEADER, '$1$2<redacted>').replace(EMAIL, '<address>');
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

export function createLogger(scope: string, sink: Pick<Console, 'info' | 'warn' | 'error'> = console): Logger {
  const line = (message: string) => `[${scope}] ${redact(message)}`;
  return {
    info: (message) => sink.info(line(message)),
    warn: (message) => sink.warn(line(message)),
    error: (message, err) => {
      const detail = err instanceof Error ? ` (${err.name}: ${err.message})` : '';
      sink.error(line(message + detail));
    },
  };
}
