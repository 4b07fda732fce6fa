import { appendFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { format } from 'node:util';
import { expect, inject } from 'vitest';

/**
 * Setup file: everything a test file's process writes through console.* (the app's scoped
 * loggers included) is appended to <run dir>/logs/, where the secrets/PHI scan reads it. On the
 * terminal only the suite's own `[reliability]` lines appear (the app logs every failed send,
 * which under fault injection is thousands of lines); RELIABILITY_VERBOSE=1 shows everything.
 */
const dir = join(inject('reliabilityRunDir'), 'logs');
mkdirSync(dir, { recursive: true });
const testFile = basename(expect.getState().testPath ?? `worker-${process.pid}`);
const file = join(dir, `console-${testFile}-${process.pid}.log`);
const verbose = process.env.RELIABILITY_VERBOSE === '1';

for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    appendFileSync(file, `${method}: ${format(...args)}\n`);
    if (verbose || (typeof args[0] === 'string' && args[0].startsWith('[reliability]'))) original(...args);
  };
}
