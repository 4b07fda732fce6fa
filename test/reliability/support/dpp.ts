import { withFaults, PracticeResetError, type FaultOptions, type PracticeHandler } from '../../../electron/practice/faults.ts';
import { createPracticeDpp, type PracticeOptions } from '../../../electron/practice/handler.ts';
import { CONTROL_PREFIX } from '../../../electron/practice/control-prefix.ts';
import { serveOnLoopback } from '../../../electron/practice/serve.ts';
import type { RetryPolicy } from '../../../electron/core/dpp/retry-policy.ts';
import { SUITE_ACCOUNTS } from './identities.ts';

/** A retry policy for tests: the same algorithm, shorter waits. */
export const FAST_RETRY: RetryPolicy = { baseDelayMs: 50, maxDelayMs: 400, random: Math.random };

/** What a faulty practice DPP did, request by request. */
export interface FaultCounts {
  requests: number;
  byStatus: Record<string, number>;
  resets: number;
  hangs: number;
}

/**
 * The practice DPP (accounts: the documented ones plus the reliability TA) behind loopback HTTP,
 * with seeded faults. Half the requests go through a fault layer that lets the DPP apply the
 * request before it loses the answer (`applyBeforeFault`), half through one that fails before it:
 * both kinds of "unknown outcome" a client must reconcile. Rate limiting sits in front of both.
 */
export async function startFaultyDpp(options: {
  seed: number;
  failRate: number;
  faults: FaultOptions['faults'];
  rateLimit?: number;
  latencyMs?: number;
  practice?: PracticeOptions;
}) {
  const dpp = createPracticeDpp({ control: true, accounts: SUITE_ACCOUNTS, ...options.practice });
  const inner: PracticeHandler = (req) => dpp.handle(req);
  const common = { failRate: options.failRate, faults: options.faults, latencyMs: options.latencyMs ?? 0 };
  const appliedFirst = withFaults(inner, { ...common, seed: options.seed, applyBeforeFault: true });
  const failedFirst = withFaults(inner, { ...common, seed: options.seed + 1 });
  let coin = options.seed >>> 0;
  const flip = () => {
    coin = (Math.imul(coin ^ (coin >>> 15), 2246822519) + 0x9e3779b9) >>> 0;
    return coin & 1;
  };
  const mixed: PracticeHandler = (req) => (flip() ? appliedFirst(req) : failedFirst(req));
  const limited = withFaults(mixed, { seed: options.seed + 2, rateLimit: options.rateLimit ?? 0 });

  const counts: FaultCounts = { requests: 0, byStatus: {}, resets: 0, hangs: 0 };
  const counted: PracticeHandler = async (req) => {
    if (new URL(req.url).pathname.startsWith(CONTROL_PREFIX)) return limited(req);
    counts.requests += 1;
    try {
      const res = await limited(req);
      counts.byStatus[res.status] = (counts.byStatus[res.status] ?? 0) + 1;
      return res;
    } catch (err) {
      if (err instanceof PracticeResetError) counts.resets += 1;
      else counts.hangs += 1; // settled only by the client giving up (its timeout)
      throw err;
    }
  };
  const served = await serveOnLoopback(counted);
  return { dpp, url: served.url, close: served.close, counts };
}
