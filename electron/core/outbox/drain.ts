import { createLogger } from '../log.ts';
import type { Repository } from '../store/repository.ts';
import type { ProcessResult } from './types.ts';

// The outbox's worker and scheduling: which rows are due, how many are sent side by side, and
// the timer that wakes it for the next one. Apart from the per-row logic, which it only calls.

const log = createLogger('outbox');

export interface DrainDeps {
  repo: Repository;
  now: () => Date;
  concurrency: number;
  /** Rows being processed right now: skipped when picking due rows. */
  inFlight: Map<string, Promise<ProcessResult>>;
  processOnce: (id: string) => Promise<ProcessResult>;
}

export function createDrainLoop(deps: DrainDeps) {
  const { repo, now, concurrency, inFlight, processOnce } = deps;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let stopped = false;

  /**
   * Send everything that is due, `concurrency` rows at a time, paced to what the DPP allows;
   * then sleep until the next row is due.
   */
  async function drain(): Promise<void> {
    if (running || stopped) return;
    running = true;
    try {
      for (;;) {
        const due = (await repo.listDue(['queued', 'unknown-outcome'])).filter(
          (r) => !inFlight.has(r.id) && (!r.nextAttemptAt || r.nextAttemptAt <= now().toISOString()),
        );
        if (due.length === 0 || stopped) break;
        const workers = Array.from({ length: Math.min(concurrency, due.length) }, async () => {
          for (let row = due.shift(); row && !stopped; row = due.shift()) await processOnce(row.id);
        });
        await Promise.all(workers);
      }
    } catch (err) {
      log.error('outbox run failed', err);
    } finally {
      running = false;
    }
    await scheduleNext();
  }

  async function scheduleNext(): Promise<void> {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    const waiting = (await repo.listDue(['queued', 'unknown-outcome']))
      .map((r) => (r.nextAttemptAt ? Date.parse(r.nextAttemptAt) : now().getTime()))
      .sort((a, b) => a - b);
    const next = waiting[0];
    if (next === undefined) return;
    timer = setTimeout(() => void drain(), Math.max(0, next - now().getTime()));
    timer.unref?.();
  }

  return {
    drain,
    /** No more runs and no timer; rows already in flight finish (the outbox awaits them). */
    stop(): void {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
