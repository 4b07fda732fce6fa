/**
 * Keeps the outbox and batch lookups good citizens of the DPP: after a 429 it learns the rate the
 * server allows and spaces requests to stay under it, so a burst is not answered with a wall of
 * 429s and pauses (each 429 costs its Retry-After, a whole second, of sending).
 *
 * Matched to how a DPP counts (the practice DPP: a sliding one-second window of admitted
 * *arrivals*; a refused request does not count):
 * - We cannot see when a request arrived, only that it arrived after it left and at the latest
 *   one service time (the quickest round trip seen lately) before its answer came back. Pacing and
 *   learning use that latest possible arrival. On a busy machine a request can reach the DPP
 *   100–700 ms after it left; judged by departures, such a late one fell into the next window
 *   and was refused, and the rate learned from a slow first second was 21 of a limit of 25.
 * - The rate learned is the number of sends the DPP admitted in the second before a refused one,
 *   counted once the Retry-After pause is over, when every earlier send has its answer: sends
 *   refused alongside (several workers) would otherwise count as admitted, and the next second
 *   would overshoot.
 * - Paced, at most `rate` sends may have arrived in any second plus a small margin, and no two
 *   leave closer than half the even spacing, so they do not reach the DPP as one burst.
 * - A 429 while paced means our margin was too thin (or the DPP lowered its limit): the margin
 *   widens; only at its widest does the rate step down by one. Counting the second before such a
 *   429 would undercount (our own pacing left it short) and drag the pace down for good.
 * - Once learned, the rate is tried one higher only every 10 minutes without a 429 (a raised
 *   limit); each try that finds the limit costs one 429 and its pause.
 * - A first 429 that comes before this process has sent for a whole second, with fewer than
 *   MIN_RATE_TO_LEARN of its sends admitted, says more about traffic it never saw (the app just
 *   restarted while the DPP's second was still full of the previous run's sends, or a colleague
 *   sends with the same account) than about the limit: it pauses as told and learns nothing.
 *   Learning "1 per second" from it held a restarted batch to 1 send a second for 10 minutes.
 */
const WINDOW_MS = 1000;
const BASE_MARGIN_MS = 10;
const MAX_MARGIN_MS = 100;
const NARROW_EVERY_MS = 15_000;
const CREEP_EVERY_MS = 600_000;
const HISTORY_MS = 3000;
/** See the last point above: fewer admitted than this in our own first second is not a limit. */
const MIN_RATE_TO_LEARN = 5;
/** How often a sender waiting on answers still on their way asks again. */
const IN_FLIGHT_POLL_MS = 5;

interface Send {
  at: number;
  /** When its answer came back (undefined: still on its way, or never reported). */
  answeredAt?: number;
  refused: boolean;
}

export function createPacer(now: () => number = Date.now) {
  const sends: Send[] = []; // recent sends, in the order they took their slot
  let learnedRate: number | undefined;
  /** Counted after a pause with every earlier answer in (until then the rate is provisional). */
  let settled = false;
  let marginMs = BASE_MARGIN_MS;
  let pausedUntil = 0;
  let lastLimitAt = 0;
  let narrowedAt = 0;
  /** When the rate was last (re)learned: 429s for sends started before then teach nothing new. */
  let learnedAt = Number.NEGATIVE_INFINITY;
  /** The earliest refused send not yet learned from (its count waits for the pause to end). */
  let pending: Send | undefined;
  /** When this process first sent: before a whole second of our own, a 429 may be others' doing. */
  let firstSendAt: number | undefined;

  /** A first 429 we cannot tell from traffic we never saw (see the last point above). */
  const othersTraffic = (refused: Send, admitted: number) =>
    firstSendAt !== undefined && refused.at - firstSendAt < WINDOW_MS && admitted < MIN_RATE_TO_LEARN;

  // Old sends go, except the second before a refusal not yet learned from (a long pause).
  const prune = (t: number) => {
    const keepFrom = Math.min(t - HISTORY_MS, pending ? pending.at - WINDOW_MS : Number.POSITIVE_INFINITY);
    while (sends.length > 0 && (sends[0]?.at ?? 0) <= keepFrom) sends.shift();
  };

  /** The quickest round trip among recent answers: the DPP's service time plus the way back, at most. */
  const serviceMs = () => sends.reduce((min, s) => (s.answeredAt === undefined ? min : Math.min(min, s.answeredAt - s.at)), Number.POSITIVE_INFINITY);

  /** The latest the DPP can have seen this send arrive (still on its way: any time from now on). */
  const latestArrival = (s: Send, service: number) =>
    s.answeredAt === undefined ? Number.POSITIVE_INFINITY : Math.max(s.at, s.answeredAt - (Number.isFinite(service) ? service : 0));

  /** Sends the DPP admitted in the second before `refused` arrived. */
  function admittedBefore(refused: Send): number {
    const service = serviceMs();
    const edge = (Number.isFinite(latestArrival(refused, service)) ? latestArrival(refused, service) : refused.at) - WINDOW_MS;
    let admitted = 0;
    for (const s of sends) {
      if (s === refused) break;
      if (!s.refused && latestArrival(s, service) > edge) admitted += 1;
    }
    return admitted;
  }

  function learn(t: number): void {
    if (!pending) return;
    if (!settled) {
      const admitted = admittedBefore(pending);
      if (othersTraffic(pending, admitted)) learnedRate = undefined; // paused already; measure again
      else {
        learnedRate = Math.max(1, admitted);
        settled = true;
      }
    } else if (marginMs < MAX_MARGIN_MS) marginMs = Math.min(MAX_MARGIN_MS, marginMs * 2);
    else learnedRate = Math.max(1, (learnedRate ?? 1) - 1);
    pending = undefined;
    learnedAt = t;
  }

  /** How long until `rate` sends fit in the window again (0: one fits now). */
  function windowWait(t: number, rate: number): number {
    const service = serviceMs();
    const window = WINDOW_MS + marginMs;
    const arrivals = sends
      .filter((s) => !s.refused)
      .map((s) => latestArrival(s, service))
      .filter((at) => at > t - window)
      .sort((a, b) => a - b);
    if (arrivals.length < rate) return 0;
    const frees = arrivals[arrivals.length - rate] ?? t;
    return Number.isFinite(frees) ? Math.max(1, Math.ceil(frees + window - t)) : IN_FLIGHT_POLL_MS;
  }

  return {
    /** How long to wait before the next send may start (0: go now). */
    delayMs(): number {
      const t = now();
      prune(t);
      if (t < pausedUntil) return pausedUntil - t;
      learn(t);
      if (learnedRate === undefined) return 0;
      if (t - lastLimitAt > CREEP_EVERY_MS) {
        learnedRate += 1;
        lastLimitAt = t;
      }
      if (marginMs > BASE_MARGIN_MS && t - Math.max(lastLimitAt, narrowedAt) > NARROW_EVERY_MS) {
        marginMs = Math.max(BASE_MARGIN_MS, marginMs / 2);
        narrowedAt = t;
      }
      const wait = windowWait(t, learnedRate);
      if (wait > 0) return wait;
      const last = sends.at(-1);
      const minGap = (WINDOW_MS + marginMs) / learnedRate / 2;
      return last && t - last.at < minGap ? Math.max(1, Math.ceil(last.at + minGap - t)) : 0;
    },
    /**
     * Take a slot for one send: waits as long as needed, then records the start at once, so
     * several workers asking together cannot all slip through the same gap.
     */
    async acquire(sleep: (ms: number) => Promise<void>): Promise<number> {
      for (let wait = this.delayMs(); wait > 0; wait = this.delayMs()) await sleep(wait);
      const t = now();
      firstSendAt ??= t;
      sends.push({ at: t, refused: false });
      return t;
    },
    /** The DPP answered (anything but 429) the send that started at `startedAt`. */
    answered(startedAt: number): void {
      const send = sends.find((s) => s.at === startedAt && s.answeredAt === undefined);
      if (send) send.answeredAt = now();
    },
    /** The DPP answered 429 to the send that started at `startedAt`: pause as told; learn from it (see above). */
    limited(retryAfterMs: number, startedAt: number): void {
      const t = now();
      const send = sends.find((s) => s.at === startedAt && s.answeredAt === undefined);
      if (send) {
        send.refused = true;
        send.answeredAt = t;
      }
      lastLimitAt = t;
      pausedUntil = Math.max(pausedUntil, t + retryAfterMs);
      // Sends already on their way when the rate was last learned tell nothing new about it.
      if (send && startedAt >= learnedAt && (!pending || send.at < pending.at)) pending = send;
      // Learn at once what can be learned now (provisional); counted again when the pause ends.
      if (!settled && send) {
        const admitted = admittedBefore(send);
        learnedRate = othersTraffic(send, admitted) ? undefined : Math.max(1, admitted);
      }
    },
    get rate(): number | undefined {
      return learnedRate;
    },
  };
}

export type Pacer = ReturnType<typeof createPacer>;
