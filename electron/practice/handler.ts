import { createHash } from 'node:crypto';
import { applicationSchema } from '../contract/application.ts';
import { fromWire, HEADERS, JSON_KEYS, PATHS, STATUS_QUERY_PARAM } from '../core/dpp/wire.ts';
import { DPP_STATUS } from '../contract/dpp-statuses.ts';
import { DEFAULT_PRACTICE_ACCOUNTS, type PracticeAccount } from './accounts.ts';
import { createClock, type PracticeClock } from './clock.ts';
import { CONTROL_PREFIX } from './control-prefix.ts';
import { PracticeResetError } from './faults.ts';
import { statusAt } from './lifecycle.ts';

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

export interface ReceivedApplication {
  applicationId: string;
  directAddress: string;
  idempotencyKey: string | null;
  submittedAt: number;
  notes: string | undefined;
  body: Record<string, unknown>;
}

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
  let applications: ReceivedApplication[] = [];
  let requests: ReceivedRequest[] = [];
  let replays = new Map<string, Replay>();
  let sequence = 0;
  const changeListeners: (() => void)[] = [];
  const changed = () => {
    for (const listener of changeListeners) listener();
  };

  function authenticate(req: Request): PracticeAccount | undefined {
    const userId = req.headers.get(HEADERS.userId) ?? '';
    const password = req.headers.get(HEADERS.password) ?? '';
    return accounts.find((a) => a.userId.toLowerCase() === userId.toLowerCase() && a.password === password);
  }

  function findByAddress(address: string): ReceivedApplication | undefined {
    const wanted = address.trim().toLowerCase();
    return applications.find((a) => a.directAddress.toLowerCase() === wanted);
  }

  async function submit(req: Request, account: PracticeAccount): Promise<Response> {
    const raw = await req.text();
    const key = options.idempotency === false ? null : req.headers.get(HEADERS.idempotencyKey);
    const bodyHash = createHash('sha256').update(raw).digest('hex');
    if (key) {
      const replay = replays.get(key);
      if (replay && replay.bodyHash !== bodyHash) {
        return json(422, { Message: 'The Idempotency-Key was already used with a different request body.' });
      }
      if (replay) return json(replay.status, replay.body);
    }
    const answer = evaluate(raw, account, key);
    // Only answers that reflect the request (not 5xx) are remembered for replay.
    if (key) replays.set(key, { bodyHash, status: answer.status, body: answer.body });
    if (key || answer.status === 201) changed();
    return json(answer.status, answer.body);
  }

  function evaluate(raw: string, account: PracticeAccount, key: string | null): { status: number; body: unknown } {
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return {
        status: 400,
        body: { Message: 'The request is invalid.', ModelState: { application: ['The request body must be a JSON object.'] } },
      };
    }
    const wireBody = body as Record<string, unknown>;
    const parsed = applicationSchema({ directDomain: account.organization.directDomain }).safeParse(fromWire(wireBody));
    if (!parsed.success) {
      const modelState: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        const wireKey = typeof field === 'string' && field in JSON_KEYS ? JSON_KEYS[field as keyof typeof JSON_KEYS] : 'application';
        (modelState[wireKey] ??= []).push(issue.message);
      }
      return { status: 400, body: { Message: 'The request is invalid.', ModelState: modelState } };
    }
    const app = parsed.data;
    if (app.organizationName.toLowerCase() !== account.organization.name.toLowerCase()) {
      return { status: 403, body: { Message: 'User is not a Trusted Agent for this organization.' } };
    }
    if (findByAddress(app.directAddress)) {
      return { status: 409, body: { Message: 'The Direct address is already in use.' } };
    }
    sequence += 1;
    const received: ReceivedApplication = {
      applicationId: `PC-${String(sequence).padStart(6, '0')}`,
      directAddress: app.directAddress,
      idempotencyKey: key,
      submittedAt: clock.now(),
      notes: app.notes,
      body: wireBody,
    };
    applications.push(received);
    return {
      status: 201,
      body: {
        ApplicationId: received.applicationId,
        Status: DPP_STATUS.pendingReview,
        SubmittedAt: new Date(received.submittedAt).toISOString(),
      },
    };
  }

  function provisioningStatus(url: URL): Response {
    const address = url.searchParams.get(STATUS_QUERY_PARAM) ?? '';
    const found = findByAddress(address);
    if (!found) return json(404, { Message: 'No application was found for that Direct address.' });
    const state = statusAt(found.submittedAt, clock.now(), stepMs, found.notes);
    return json(200, {
      DirectAddress: found.directAddress,
      ApplicationId: found.applicationId,
      Status: state.status,
      StatusDate: new Date(state.statusDate).toISOString(),
      Comments: state.comments,
    });
  }

  async function controlSurface(req: Request, path: string): Promise<Response> {
    const action = path.slice(CONTROL_PREFIX.length);
    if (req.method === 'POST' && action === '/reset') {
      applications = [];
      requests = [];
      replays = new Map();
      sequence = 0;
      changed();
      return json(200, { ok: true });
    }
    if (req.method === 'POST' && action === '/advance') {
      const { ms } = (await req.json()) as { ms?: unknown };
      if (typeof ms !== 'number' || !(ms >= 0)) return json(400, { Message: 'Send {"ms": <non-negative number>}.' });
      clock.advance(ms);
      return json(200, { now: new Date(clock.now()).toISOString() });
    }
    if (req.method === 'GET' && action === '/received') return json(200, { applications, requests });
    return json(404, { Message: 'Unknown control action.' });
  }

  async function route(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const path = url.pathname;
    if (options.control && path.startsWith(`${CONTROL_PREFIX}/`)) return controlSurface(req, path);

    const isSubmit = path === PATHS.submitPatient;
    const isStatus = path === PATHS.provisioningStatus;
    if (!isSubmit && !isStatus) return json(404, { Message: 'No HTTP resource was found that matches the request URI.' });
    if ((isSubmit && req.method !== 'POST') || (isStatus && req.method !== 'GET')) {
      return json(405, { Message: `The requested resource does not support http method '${req.method}'.` });
    }
    const account = authenticate(req);
    if (!account) return json(401, { Message: 'User credentials are invalid.' });
    if (!account.isTrustedAgent) return json(403, { Message: 'User is not a Trusted Agent for this organization.' });
    return isSubmit ? submit(req, account) : provisioningStatus(url);
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
    received: () => applications.slice(),
    /**
     * Practice mode keeps the DPP's state across restarts (docs/dpp-contract.md, "The practice DPP"): the app saves this JSON
     * (encrypted, it holds PHI) after each change and hands it back at start.
     */
    snapshot(): string {
      return JSON.stringify({ version: 1, sequence, applications, replays: [...replays.entries()] } satisfies PracticeSnapshot);
    },
    restore(json: string): void {
      const saved = JSON.parse(json) as PracticeSnapshot;
      if (saved.version !== 1 || !Array.isArray(saved.applications)) throw new Error('practice DPP: unknown saved state');
      applications = saved.applications;
      sequence = Math.max(saved.sequence, applications.length);
      replays = new Map(saved.replays);
    },
    onChange(listener: () => void): void {
      changeListeners.push(listener);
    },
  };
}

export type PracticeDpp = ReturnType<typeof createPracticeDpp>;

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
