import { CONTROL_PREFIX } from './control-prefix.ts';

/**
 * Seeded faults for the practice DPP (docs/dpp-contract.md, "The practice DPP"): latency, 5xx,
 * 429 above a request rate, connection resets and hangs. Wraps any fetch-style handler, so the
 * same faults apply in-process (practiceFetch) and over loopback HTTP (serve.ts).
 */
export type PracticeHandler = (req: Request) => Promise<Response>;

/** What `failRate` may pick: a 500/502/503/504, a dropped connection, or an answer that never comes. */
export type FaultKind = '5xx' | 'reset' | 'hang';

export const FAULT_KINDS: readonly FaultKind[] = ['5xx', 'reset', 'hang'];

export interface FaultOptions {
  /** Seed of the random source that decides which requests fail and how (default 1). */
  seed?: number;
  /** Fixed delay added to every request, in ms (default 0). */
  latencyMs?: number;
  /** Share of requests answered with a fault, 0..1 (default 0). */
  failRate?: number;
  /** Requests per second admitted; above it the answer is 429 with Retry-After. 0 or absent: no limit. */
  rateLimit?: number;
  /** Which faults `failRate` may pick (default all). */
  faults?: readonly FaultKind[];
  /**
   * Inject resets and hangs AFTER the inner handler ran: the application is stored but the answer
   * is lost, the "unknown outcome" a client must reconcile. 5xx and 429 always come before.
   */
  applyBeforeFault?: boolean;
  /** Clock of the rate limiter (default Date.now); tests pass a fake one. */
  now?: () => number;
}

/** Thrown by the handler to mean "drop the connection without an answer" (serve.ts destroys the socket). */
export class PracticeResetError extends Error {
  constructor(message = 'practice DPP: connection reset (seeded fault)') {
    super(message);
    this.name = 'PracticeResetError';
  }
}

/** mulberry32: a tiny seeded PRNG, good enough for reproducible fault sequences (not for security). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GATEWAY_STATUSES = [500, 502, 503, 504] as const;
const REASONS: Record<(typeof GATEWAY_STATUSES)[number], string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
const WINDOW_MS = 1000;

function serverError(status: (typeof GATEWAY_STATUSES)[number]): Response {
  // A 500 comes from the application (ASP.NET-style JSON); 502/503/504 come from a proxy in front of
  // it and are plain text, so the client must not assume every error body is JSON.
  if (status === 500) {
    return new Response(JSON.stringify({ Message: 'An error has occurred.' }), {
      status,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    });
  }
  return new Response(`${status} ${REASONS[status]}`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Wait `ms`, or reject early with the abort reason (the client gave up). */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * An answer that never comes. No timer: a pending promise does not keep the process alive, and it
 * settles only when the request's signal aborts (client disconnect over HTTP, or the caller's
 * AbortSignal in-process).
 */
function hang(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) return reject(abortReason(signal));
    signal.addEventListener('abort', () => reject(abortReason(signal)), { once: true });
  });
}

function checkOptions(o: FaultOptions): void {
  const bad = (message: string) => {
    throw new RangeError(`withFaults: ${message}`);
  };
  if (o.seed !== undefined && !Number.isFinite(o.seed)) bad('seed must be a finite number.');
  if (o.latencyMs !== undefined && !(o.latencyMs >= 0 && Number.isFinite(o.latencyMs))) bad('latencyMs must be 0 or more.');
  if (o.failRate !== undefined && !(o.failRate >= 0 && o.failRate <= 1)) bad('failRate must be between 0 and 1.');
  if (o.rateLimit !== undefined && !(o.rateLimit >= 0 && Number.isFinite(o.rateLimit))) bad('rateLimit must be 0 or more.');
  if (o.faults?.some((k) => !FAULT_KINDS.includes(k))) bad(`faults may contain only ${FAULT_KINDS.join(', ')}.`);
  if (o.faults?.length === 0 && (o.failRate ?? 0) > 0) bad('faults must not be empty when failRate is above 0.');
}

export function withFaults(handle: PracticeHandler, options: FaultOptions): PracticeHandler {
  checkOptions(options);
  const random = mulberry32(options.seed ?? 1);
  const latencyMs = options.latencyMs ?? 0;
  const failRate = options.failRate ?? 0;
  const rateLimit = options.rateLimit ?? 0;
  const kinds = options.faults ?? FAULT_KINDS;
  const now = options.now ?? Date.now;
  // Arrival times of the requests admitted in the last WINDOW_MS (sliding window).
  let admitted: number[] = [];

  /** 429 if the window is full, else admit the request; answers with the seconds until a slot frees. */
  function rateLimited(): number | undefined {
    if (rateLimit <= 0) return undefined;
    const t = now();
    admitted = admitted.filter((at) => t - at < WINDOW_MS);
    if (admitted.length >= rateLimit) {
      const oldest = admitted[0] ?? t;
      return Math.max(1, Math.ceil((oldest + WINDOW_MS - t) / 1000));
    }
    admitted.push(t);
    return undefined;
  }

  return async (req: Request): Promise<Response> => {
    // The test control surface must stay reliable: tests drive and inspect the DPP through it.
    if (new URL(req.url).pathname.startsWith(CONTROL_PREFIX)) return handle(req);

    // Three draws for every request, used or not, so the nth request's fate depends only on the
    // seed and n (not on what earlier requests turned out to be).
    const [roll, kindRoll, statusRoll] = [random(), random(), random()];
    const retryAfter = rateLimited();
    if (latencyMs > 0) await delay(latencyMs, req.signal);

    if (retryAfter !== undefined) {
      return new Response(JSON.stringify({ Message: 'Too many requests.' }), {
        status: 429,
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': String(retryAfter) },
      });
    }
    if (!(roll < failRate)) return handle(req);

    const kind = kinds[Math.floor(kindRoll * kinds.length)] ?? '5xx';
    // A 5xx here is known not applied: it is answered before the DPP sees the request.
    if (kind === '5xx') return serverError(GATEWAY_STATUSES[Math.floor(statusRoll * GATEWAY_STATUSES.length)] ?? 500);
    if (options.applyBeforeFault) {
      // The DPP stores the application; only its answer is lost on the way back.
      const applied = await handle(req);
      await applied.body?.cancel();
    }
    if (kind === 'reset') throw new PracticeResetError();
    return hang(req.signal);
  };
}
