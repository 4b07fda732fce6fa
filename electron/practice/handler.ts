import type { CertificateType } from '../contract/certificate-types.ts';
import { APPLICATION_ID_QUERY_PARAM, HEADERS, PATHS, STATUS_QUERY_PARAM, SUBMIT_PATHS } from '../core/dpp/wire.ts';
import { DEFAULT_PRACTICE_ACCOUNTS, type PracticeAccount } from './accounts.ts';
import { createClock, type PracticeClock } from './clock.ts';
import { CONTROL_PREFIX } from './control-prefix.ts';
import { evaluateSubmission } from './evaluate.ts';
import { PracticeResetError } from './faults.ts';
import { statusAt } from './lifecycle.ts';
import { createReceivedRegistry, sha256, type ReceivedApplication } from './received.ts';

/**
 * The practice DPP: docs/dpp-contract.md as a fetch-style handler (Request in, Response out).
 * Practice mode calls it in-process (no port is opened); tests and `npm run practice-dpp` put it
 * behind a loopback HTTP server (serve.ts).
 */
export interface PracticeOptions {
  accounts?: readonly PracticeAccount[];
  /** Time between lifecycle steps (PendingReview → Approved → ...). */
  stepMs?: number;
  clock?: PracticeClock;
  /**
   * Serve the test-only control surface under CONTROL_PREFIX. Practice mode never turns this on.
   */
  control?: boolean;
  /** Replay answers by Idempotency-Key (default). Off, it acts like a DPP that ignores the header. */
  idempotency?: boolean;
}

export { CONTROL_PREFIX };

export type { ReceivedApplication };

export interface ReceivedRequest {
  method: string;
  path: string;
  status: number;
}

interface PracticeSnapshot {
  version: 1;
  sequence: number;
  applications: ReceivedApplication[];
  replays: [string, Replay][];
}

interface Replay {
  bodyHash: string;
  status: number;
  body: unknown;
}

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

export function createPracticeDpp(options: PracticeOptions = {}) {
  const accounts = options.accounts ?? DEFAULT_PRACTICE_ACCOUNTS;
  const stepMs = options.stepMs ?? 30_000;
  const clock = options.clock ?? createClock();
  const registry = createReceivedRegistry();
  let requests: ReceivedRequest[] = [];
  let replays = new Map<string, Replay>();
  const changeListeners: (() => void)[] = [];
  const changed = () => {
    for (const listener of changeListeners) listener();
  };

  function authenticate(req: Request): PracticeAccount | undefined {
    const userId = req.headers.get(HEADERS.userId) ?? '';
    const password = req.headers.get(HEADERS.password) ?? '';
    return accounts.find((a) => a.userId.toLowerCase() === userId.toLowerCase() && a.password === password);
  }

  async function submit(req: Request, account: PracticeAccount, type: CertificateType): Promise<Response> {
    const raw = await req.text();
    const key = options.idempotency === false ? null : req.headers.get(HEADERS.idempotencyKey);
    const bodyHash = sha256(raw);
    if (key) {
      const replay = replays.get(key);
      if (replay && replay.bodyHash !== bodyHash) {
        return json(422, { Message: 'The Idempotency-Key was already used with a different request body.' });
      }
      if (replay) return json(replay.status, replay.body);
    }
    const answer = evaluateSubmission({ type, raw, account, key, now: clock.now(), stepMs, registry });
    // Only answers that reflect the request (not 5xx) are remembered for replay.
    if (key) replays.set(key, { bodyHash, status: answer.status, body: answer.body });
    if (key || answer.status === 201) changed();
    return json(answer.status, answer.body);
  }

  function statusAnswer(found: ReceivedApplication | undefined, notFound: string): Response {
    if (!found) return json(404, { Message: notFound });
    const state = statusAt(found.submittedAt, clock.now(), stepMs, found.notes);
    return json(200, {
      DirectAddress: found.directDomain !== undefined ? null : found.directAddress,
      ...(found.directDomain !== undefined ? { DirectDomain: found.directDomain } : {}),
      ApplicationId: found.applicationId,
      Status: state.status,
      StatusDate: new Date(state.statusDate).toISOString(),
      Comments: state.comments,
    });
  }

  async function controlSurface(req: Request, path: string): Promise<Response> {
    const action = path.slice(CONTROL_PREFIX.length);
    if (req.method === 'POST' && action === '/reset') {
      registry.reset();
      requests = [];
      replays = new Map();
      changed();
      return json(200, { ok: true });
    }
    if (req.method === 'POST' && action === '/advance') {
      const { ms } = (await req.json()) as { ms?: unknown };
      if (typeof ms !== 'number' || !(ms >= 0)) return json(400, { Message: 'Send {"ms": <non-negative number>}.' });
      clock.advance(ms);
      return json(200, { now: new Date(clock.now()).toISOString() });
    }
    if (req.method === 'GET' && action === '/received') return json(200, { applications: registry.list(), requests });
    return json(404, { Message: 'Unknown control action.' });
  }

  async function route(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const path = url.pathname;
    if (options.control && path.startsWith(`${CONTROL_PREFIX}/`)) return controlSurface(req, path);

    const type = submitTypeOf(path);
    const byAddress = path === PATHS.provisioningStatus;
    const byId = path === PATHS.certificateStatus;
    if (!type && !byAddress && !byId) return json(404, { Message: 'No HTTP resource was found that matches the request URI.' });
    if (req.method !== (type ? 'POST' : 'GET')) {
      return json(405, { Message: `The requested resource does not support http method '${req.method}'.` });
    }
    const account = authenticate(req);
    if (!account) return json(401, { Message: 'User credentials are invalid.' });
    if (!account.isTrustedAgent) return json(403, { Message: 'User is not a Trusted Agent for this organization.' });
    if (type) return submit(req, account, type);
    if (byAddress) return statusAnswer(registry.byAddress(url.searchParams.get(STATUS_QUERY_PARAM) ?? ''), 'No application was found for that Direct address.');
    return statusAnswer(registry.byId(url.searchParams.get(APPLICATION_ID_QUERY_PARAM) ?? ''), 'No application was found with that Application ID.');
  }

  return {
    async handle(req: Request): Promise<Response> {
      const res = await route(req);
      const path = new URL(req.url).pathname;
      if (!path.startsWith(CONTROL_PREFIX)) requests.push({ method: req.method, path, status: res.status });
      return res;
    },
    clock,
    /** What the DPP holds, for tests that prove exactly-once. */
    received: () => registry.list().slice(),
    /**
     * Practice mode keeps the DPP's state across restarts (docs/dpp-contract.md, "The practice DPP"): the app saves this JSON
     * (encrypted, it holds PHI) after each change and hands it back at start.
     */
    snapshot(): string {
      return JSON.stringify({ version: 1, sequence: registry.sequence, applications: registry.list(), replays: [...replays.entries()] } satisfies PracticeSnapshot);
    },
    restore(json: string): void {
      const saved = JSON.parse(json) as PracticeSnapshot;
      if (saved.version !== 1 || !Array.isArray(saved.applications)) throw new Error('practice DPP: unknown saved state');
      registry.restore(saved.applications, saved.sequence);
      replays = new Map(saved.replays);
    },
    onChange(listener: () => void): void {
      changeListeners.push(listener);
    },
  };
}

export type PracticeDpp = ReturnType<typeof createPracticeDpp>;

function submitTypeOf(path: string): CertificateType | undefined {
  return (Object.keys(SUBMIT_PATHS) as CertificateType[]).find((type) => SUBMIT_PATHS[type] === path);
}

/**
 * The practice DPP as a `fetch` function, for Practice mode's in-process calls. Accepts anything with
 * `handle`, so a withFaults-wrapped handler can be passed as `{ handle }`.
 */
export function practiceFetch(dpp: Pick<PracticeDpp, 'handle'>) {
  return async (input: string, init: RequestInit): Promise<Response> => {
    try {
      return await dpp.handle(new Request(input, init));
    } catch (err) {
      // A seeded reset surfaces exactly as Node's fetch reports a dropped connection, whose cause is
      // the socket error (not our marker), so callers need no practice-only branch.
      if (err instanceof PracticeResetError) {
        // eslint-disable-next-line preserve-caught-error -- the cause mimics Node's fetch on purpose
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
      }
      throw err;
    }
  };
}
