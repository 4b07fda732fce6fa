import type { BatchProgress, BatchRow, BatchState, SkippedEntry } from '../../contract/lookup.ts';
import type { AppError } from '../../contract/result.ts';
import type { DppClient } from '../dpp/client.ts';
import type { Pacer } from '../dpp/pacer.ts';
import type { Environment } from '../environment.ts';
import { CancelledError, foundOf, lookupError, pacedStatus, STOPS_A_BATCH, TRANSIENT, type Sleep } from './paced-status.ts';

/** Requests in flight side by side; the pacer, not this number, decides the pace. */
const WORKERS = 4;
/** Tries per address before it is reported as "could not check". */
const MAX_ATTEMPTS = 8;
/** Addresses in a row that all failed to reach the DPP: it is down, stop instead of trying each. */
const UNREACHABLE_STOP = 3;
/** Progress events at most this often (the last one always goes out). */
const PROGRESS_EVERY_MS = 100;

export interface BatchDeps {
  client: DppClient;
  pacer: Pacer;
  env: Environment;
  /** History row of an address in this environment, if it is already there. */
  historyIdOf: (address: string) => Promise<string | null>;
  onProgress: (progress: BatchProgress) => void;
  now?: () => number;
}

/**
 * One batch lookup, run in main: the rows are the TA's (PHI) and stay in memory only, for the
 * results table and its CSV export. Cancel stops new requests at once; those in flight finish.
 */
export function runBatch(id: string, addresses: readonly string[], skipped: readonly SkippedEntry[], deps: BatchDeps) {
  const now = deps.now ?? Date.now;
  const rows: BatchRow[] = addresses.map((address) => ({ address, outcome: 'not-looked-up', found: null, error: null, historyId: null }));
  let state: BatchState = 'running';
  let done = 0;
  let next = 0;
  let unreachableRun = 0;
  let problem: { code: string; message: string } | undefined;
  let waitUntil = 0;
  let lastEmit = 0;
  const cancelled = new AbortController();

  const progress = (): BatchProgress => {
    const waitMs = waitUntil - now();
    return {
      batchId: id,
      state,
      done,
      total: rows.length,
      ...(state === 'running' && waitMs > 0 ? { waitSeconds: Math.ceil(waitMs / 1000) } : {}),
      ...(problem ? { problem } : {}),
    };
  };
  const emit = (force = false) => {
    const t = now();
    if (!force && t - lastEmit < PROGRESS_EVERY_MS) return;
    lastEmit = t;
    deps.onProgress(progress());
  };

  /** Sleeps that end early, with CancelledError, when the TA cancels. */
  const sleep: Sleep = (ms) =>
    new Promise((resolve, reject) => {
      if (cancelled.signal.aborted) return reject(new CancelledError());
      const timer = setTimeout(() => {
        cancelled.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(new CancelledError());
      };
      cancelled.signal.addEventListener('abort', onAbort, { once: true });
      // A long pause (Retry-After) shows in the progress bar as a wait, not as a stall.
      if (ms >= 1000) {
        waitUntil = Math.max(waitUntil, now() + ms);
        emit(true);
      }
    });

  function stop(error: AppError): void {
    if (state !== 'running') return;
    state = 'stopped';
    problem = { code: error.code, message: lookupError(error, deps.env).message };
    cancelled.abort();
  }

  async function lookOne(row: BatchRow): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const answer = await pacedStatus(deps.client, deps.pacer, row.address, sleep);
      if (answer.ok) {
        unreachableRun = 0;
        row.outcome = answer.value ? 'found' : 'not-found';
        row.found = answer.value ? foundOf(answer.value, row) : null;
        row.historyId = answer.value ? await deps.historyIdOf(row.address) : null;
        return;
      }
      const { code } = answer.error;
      if (code === 'rate-limited') continue; // the pacer now waits as told; try the same address again
      if (STOPS_A_BATCH.has(code)) return stop(answer.error);
      if (TRANSIENT.has(code) && attempt < MAX_ATTEMPTS) {
        await sleep(Math.min(4000, 250 * 2 ** (attempt - 1)));
        continue;
      }
      row.outcome = 'failed';
      row.error = lookupError(answer.error, deps.env).message;
      if (code === 'network' || code === 'timeout') {
        unreachableRun += 1;
        if (unreachableRun >= UNREACHABLE_STOP) stop(answer.error);
      }
      return;
    }
  }

  async function worker(): Promise<void> {
    while (state === 'running') {
      const row = rows[next++];
      if (!row) return;
      try {
        await lookOne(row);
      } catch (err) {
        if (err instanceof CancelledError) return;
        throw err;
      }
      if (row.outcome !== 'not-looked-up') done += 1;
      emit();
    }
  }

  const finished = Promise.all(Array.from({ length: Math.min(WORKERS, rows.length) }, worker)).then(() => {
    if (state === 'running') state = 'finished';
    waitUntil = 0;
    emit(true);
  });

  return {
    id,
    env: deps.env,
    skipped,
    rows,
    finished,
    progress,
    cancel(): BatchProgress {
      if (state === 'running') {
        state = 'cancelled';
        cancelled.abort();
        emit(true);
      }
      return progress();
    },
  };
}

export type Batch = ReturnType<typeof runBatch>;
