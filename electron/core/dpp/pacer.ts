/**
 * Keeps the outbox a good citizen of the DPP: after a 429 it learns the rate the server allows
 * (the sends it admitted in the second before) and spaces requests to stay under it, so a burst
 * is not answered with a wall of 429s and pauses. The rate creeps up by one request per second
 * each minute without a 429, in case the limit was raised or the estimate was low.
 */
const EDGE_SLACK_MS = 30;

export function createPacer(now: () => number = Date.now) {
  const started: number[] = []; // start times of sends in the last second
  const admitted: number[] = []; // start times of sends the DPP did not refuse with 429
  let learnedRate: number | undefined;
  let pausedUntil = 0;
  let lastLimitAt = 0;

  const prune = (list: number[], t: number) => {
    while (list.length > 0 && (list[0] ?? 0) <= t - 1000) list.shift();
  };

  return {
    /** How long to wait before the next send may start (0: go now). */
    delayMs(): number {
      const t = now();
      prune(started, t);
      if (t < pausedUntil) return pausedUntil - t;
      if (learnedRate !== undefined && t - lastLimitAt > 60_000) {
        learnedRate += 1;
        lastLimitAt = t;
      }
      // A little slack past the window edge: the DPP counts arrivals, which lag our starts.
      if (learnedRate !== undefined && started.length >= learnedRate) return Math.max(1, (started[0] ?? t) + 1000 + EDGE_SLACK_MS - t);
      return 0;
    },
    /**
     * Take a slot for one send: waits as long as needed, then records the start at once, so
     * several workers asking together cannot all slip through the same gap.
     */
    async acquire(sleep: (ms: number) => Promise<void>): Promise<number> {
      for (let wait = this.delayMs(); wait > 0; wait = this.delayMs()) await sleep(wait);
      const t = now();
      started.push(t);
      return t;
    },
    /** The DPP took the request (any answer but 429). */
    admitted(startedAt: number): void {
      admitted.push(startedAt);
      prune(admitted, now());
    },
    /** The DPP answered 429: pause as told and learn the rate it allows. */
    limited(retryAfterMs: number): void {
      const t = now();
      prune(admitted, t);
      learnedRate = Math.max(1, admitted.length);
      lastLimitAt = t;
      pausedUntil = Math.max(pausedUntil, t + retryAfterMs);
    },
    get rate(): number | undefined {
      return learnedRate;
    },
  };
}
