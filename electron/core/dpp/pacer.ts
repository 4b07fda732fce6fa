/**
 * Keeps the outbox a good citizen of the DPP: after a 429 it learns the rate the server allows
 * (the sends that got in during the second before) and spaces requests to stay under it, so a burst
 * is not answered with a wall of 429s and pauses. The rate creeps up by one request per second
 * every 60 s without a 429, in case the limit was raised or the estimate was low. Each creep that
 * finds the limit costs a 429 and its Retry-After pause (a second or more of sending), so it
 * probes rarely: at every 15 s the probes alone took 5% of the DPP's rate in a 40 s drain.
 */
// Past the window edge: the DPP counts arrivals, which lag our starts by a few ms on loopback.
// 15 ms keeps the paced rate at 98.5% of the limit (30 ms gave 97.1%, under the 0.97 goal).
const EDGE_SLACK_MS = 15;
const CREEP_EVERY_MS = 60_000;

export function createPacer(now: () => number = Date.now) {
  const started: number[] = []; // start times of recent sends
  let learnedRate: number | undefined;
  let pausedUntil = 0;
  let lastLimitAt = 0;

  // Two seconds of history: pacing looks at the last second, learning at the second before a 429.
  const prune = (list: number[], t: number) => {
    while (list.length > 0 && (list[0] ?? 0) <= t - 2000) list.shift();
  };

  return {
    /** How long to wait before the next send may start (0: go now). */
    delayMs(): number {
      const t = now();
      prune(started, t);
      if (t < pausedUntil) return pausedUntil - t;
      if (learnedRate !== undefined && t - lastLimitAt > CREEP_EVERY_MS) {
        learnedRate += 1;
        lastLimitAt = t;
      }
      // A little slack past the window edge: the DPP counts arrivals, which lag our starts.
      if (learnedRate !== undefined) {
        const inWindow = started.filter((at) => at > t - 1000);
        if (inWindow.length >= learnedRate) return Math.max(1, (inWindow[0] ?? t) + 1000 + EDGE_SLACK_MS - t);
      }
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
    /**
     * The DPP answered 429 to the send that started at `startedAt`: pause as told and learn the
     * rate it allows — the sends that started in the second before that one all got in.
     */
    limited(retryAfterMs: number, startedAt: number): void {
      const t = now();
      const before = started.filter((at) => at < startedAt && at > startedAt - 1000).length;
      // First 429: learn the rate. Later ones: step down by one, so one slow second (a GC pause,
      // a disk flush) does not drag the pace down for long.
      // Sends already in flight when the rate was last set tell us nothing new about it.
      if (learnedRate === undefined) learnedRate = Math.max(1, before);
      else if (startedAt > lastLimitAt) learnedRate = Math.max(1, Math.min(learnedRate - 1, before));
      lastLimitAt = t;
      pausedUntil = Math.max(pausedUntil, t + retryAfterMs);
    },
    get rate(): number | undefined {
      return learnedRate;
    },
  };
}

export type Pacer = ReturnType<typeof createPacer>;
