import { appendFileSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

/**
 * Shared plumbing of the reliability suite: the scale knob, the run directory every test leaves
 * its artifacts in (data dirs, logs, IPC answers, exports) for the secrets/PHI scan that runs
 * last, and the one-line summaries each test prints.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    reliabilityRunDir: string;
  }
}

/** RELIABILITY_SCALE: 1 (default) = the issue's full numbers; CI may use a fraction like 0.2. */
export const SCALE = (() => {
  const raw = process.env.RELIABILITY_SCALE;
  if (raw === undefined || raw.trim() === '') return 1;
  const n = Number(raw);
  if (!(n > 0 && n <= 10)) throw new Error(`RELIABILITY_SCALE must be a number above 0 and at most 10 (got "${raw}").`);
  return n;
})();

/** A full-run figure scaled by RELIABILITY_SCALE, never below `min`. */
export function scaled(full: number, min = 1): number {
  return Math.max(min, Math.round(full * SCALE));
}

/** An integer from an environment variable (for knobs like RELIABILITY_FUZZ_RUNS), else `fallback`. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a whole number of 1 or more (got "${raw}").`);
  return n;
}

export function runDir(): string {
  return inject('reliabilityRunDir');
}

/** A sub-directory of the run directory: data/, logs/, ipc/, exports/ or meta/. */
export function runPath(kind: 'data' | 'logs' | 'ipc' | 'exports' | 'meta', ...rest: string[]): string {
  const dir = join(runDir(), kind);
  mkdirSync(dir, { recursive: true });
  return join(dir, ...rest);
}

/** Prints `[reliability] name: k=v k=v …` and keeps it for the end-of-run recap (global teardown). */
export function summary(name: string, figures: Record<string, string | number | boolean>): void {
  const line = `[reliability] ${name}: ${Object.entries(figures)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')}`;
  console.log(line);
  appendFileSync(runPath('meta', 'summaries.txt'), `${line}\n`);
}

/**
 * PHI the tests typed (patient names, Direct addresses): the scan at the end looks for each in
 * the data directories, logs and audit logs, where none may appear in plaintext.
 */
export function recordPhi(values: Iterable<string>): void {
  const lines = [...values].filter((v) => v.length >= 6).join('\n');
  if (lines) appendFileSync(runPath('meta', 'phi.txt'), `${lines}\n`);
}

export function recordedPhi(): string[] {
  const file = join(runDir(), 'meta', 'phi.txt');
  return existsSync(file) ? [...new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean))] : [];
}

/** Answers given to the renderer, kept for the scan (deduplicated by the caller). */
export function recordIpcAnswers(name: string, answers: Iterable<string>): void {
  appendFileSync(runPath('ipc', `${name}.jsonl`), [...answers].map((a) => `${a}\n`).join(''));
}

export const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export function memory() {
  const m = process.memoryUsage();
  return { rssMB: mb(m.rss), heapMB: mb(m.heapUsed) };
}

/** Collect garbage when the worker runs with --expose-gc (the config passes it), for steadier heap figures. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a value, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
