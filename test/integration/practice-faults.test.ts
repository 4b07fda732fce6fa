import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { ApplicationSchema } from '../../electron/contract/application.ts';
import { toWire } from '../../electron/core/dpp/wire.ts';
import { PRACTICE_ACCOUNT } from '../../electron/practice/accounts.ts';
import { PracticeResetError, withFaults, type FaultOptions } from '../../electron/practice/faults.ts';
import { CONTROL_PREFIX, createPracticeDpp, practiceFetch } from '../../electron/practice/handler.ts';
import { serveOnLoopback } from '../../electron/practice/serve.ts';
import { validApplication } from '../helpers/applications.ts';

/** Seeded faults of the practice DPP, over real loopback HTTP with Node's fetch. */
const SUBMIT = '/DirectProvisioningApi/Certificate/Patient';
const CREDENTIALS = { 'X-User-Id': 'ta@practice.example', 'X-User-Password': 'practice-only' };

/** The practice DPP wrapped in faults and served on 127.0.0.1; always close it. */
async function startFaulty(options: FaultOptions) {
  const dpp = createPracticeDpp({ control: true });
  const served = await serveOnLoopback(withFaults((req) => dpp.handle(req), options));
  return { dpp, url: served.url, close: served.close };
}

type Served = Awaited<ReturnType<typeof startFaulty>>;

async function withServer<T>(options: FaultOptions, run: (s: Served) => Promise<T>): Promise<T> {
  const served = await startFaulty(options);
  try {
    return await run(served);
  } finally {
    await served.close();
  }
}

function submitInit(directAddress?: string, signal?: AbortSignal): RequestInit {
  const app = ApplicationSchema.parse(validApplication(directAddress ? { directAddress } : {}));
  return {
    method: 'POST',
    headers: { ...CREDENTIALS, 'Content-Type': 'application/json' },
    body: JSON.stringify(toWire(app)),
    ...(signal ? { signal } : {}),
  };
}

function submit(url: string, signal?: AbortSignal): Promise<Response> {
  return fetch(`${url}${SUBMIT}`, submitInit(undefined, signal));
}

/** What the client saw: a status, or 'reset' when fetch rejected. */
async function outcome(url: string): Promise<number | 'reset'> {
  try {
    const res = await submit(url);
    await res.arrayBuffer();
    return res.status;
  } catch (err) {
    expect(err).toBeInstanceOf(TypeError);
    return 'reset';
  }
}

async function outcomes(options: FaultOptions, n: number): Promise<(number | 'reset')[]> {
  return withServer(options, async ({ url }) => {
    const seen: (number | 'reset')[] = [];
    for (let i = 0; i < n; i += 1) seen.push(await outcome(url));
    return seen;
  });
}

async function expectHealthy(url: string): Promise<void> {
  const res = await fetch(`${url}${CONTROL_PREFIX}/received`);
  expect(res.status).toBe(200);
  await res.arrayBuffer();
}

describe('practice DPP faults', () => {
  it('repeats the same outcomes for the same seed, and others for another seed', async () => {
    const options: FaultOptions = { failRate: 0.5, faults: ['5xx', 'reset'] };
    const first = await outcomes({ ...options, seed: 1 }, 12);
    const again = await outcomes({ ...options, seed: 1 }, 12);
    const other = await outcomes({ ...options, seed: 2 }, 12);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    // The sequence is a real mix, not all successes or all faults.
    expect(first).toContain(201);
    expect(first.some((o) => o !== 201)).toBe(true);
  });

  it('answers only 5xx with failRate 1 and faults [5xx], and stores nothing', async () => {
    await withServer({ failRate: 1, faults: ['5xx'], seed: 3 }, async ({ url, dpp }) => {
      for (let i = 0; i < 8; i += 1) {
        const res = await submit(url);
        expect([500, 502, 503, 504]).toContain(res.status);
        expect((await res.text()).length).toBeGreaterThan(0);
      }
      expect(dpp.received()).toHaveLength(0);
    });
  });

  it('drops the connection on a reset (fetch rejects) and keeps serving', async () => {
    await withServer({ failRate: 1, faults: ['reset'] }, async ({ url, dpp }) => {
      await expect(submit(url)).rejects.toBeInstanceOf(TypeError);
      expect(dpp.received()).toHaveLength(0);
      await expectHealthy(url);
    });
  });

  it('never answers on a hang; the client times out and the server stays healthy', async () => {
    await withServer({ failRate: 1, faults: ['hang'] }, async ({ url, dpp }) => {
      await expect(submit(url, AbortSignal.timeout(300))).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(dpp.received()).toHaveLength(0);
      await expectHealthy(url);
    });
  });

  it('answers 429 with Retry-After above the rate limit, and admits again a second later', async () => {
    let now = 1_000_000;
    await withServer({ rateLimit: 2, now: () => now }, async ({ url, dpp }) => {
      expect((await submit(url)).status).toBe(201);
      now += 100;
      expect((await submit(url)).status).toBe(201);
      now += 100;
      const limited = await submit(url);
      expect(limited.status).toBe(429);
      const retryAfter = Number(limited.headers.get('Retry-After'));
      expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
      expect(await limited.json()).toEqual({ Message: 'Too many requests.' });
      expect(dpp.received()).toHaveLength(2);
      now += 1000;
      expect((await submit(url)).status).toBe(201);
    });
  });

  it('adds the configured latency', async () => {
    await withServer({ latencyMs: 150 }, async ({ url }) => {
      const started = performance.now();
      const res = await submit(url);
      expect(res.status).toBe(201);
      expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    });
  });

  it('with applyBeforeFault, a reset loses the answer but the application IS stored', async () => {
    await withServer({ failRate: 1, faults: ['reset'], applyBeforeFault: true }, async ({ url, dpp }) => {
      const address = `unknown.outcome.${process.pid}@direct.practice.example`;
      await expect(fetch(`${url}${SUBMIT}`, submitInit(address))).rejects.toBeInstanceOf(TypeError);
      expect(dpp.received().map((a) => a.directAddress)).toEqual([address]);
    });
  });

  it('with applyBeforeFault, a hang stores the application and never answers', async () => {
    await withServer({ failRate: 1, faults: ['hang'], applyBeforeFault: true }, async ({ url, dpp }) => {
      await expect(submit(url, AbortSignal.timeout(300))).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(dpp.received()).toHaveLength(1);
      await expectHealthy(url);
    });
  });

  it('never faults or rate-limits the control surface', async () => {
    await withServer({ failRate: 1, rateLimit: 1, now: () => 0 }, async ({ url }) => {
      for (let i = 0; i < 10; i += 1) {
        const reset = await fetch(`${url}${CONTROL_PREFIX}/reset`, { method: 'POST' });
        expect(reset.status).toBe(200);
        await reset.arrayBuffer();
        await expectHealthy(url);
      }
    });
  });

  it('in-process, a reset surfaces as Node fetch reports it (TypeError, cause ECONNRESET)', async () => {
    const dpp = createPracticeDpp();
    const fetchFn = practiceFetch({ handle: withFaults((req) => dpp.handle(req), { failRate: 1, faults: ['reset'] }) });
    const rejection = fetchFn(`http://practice.invalid${SUBMIT}`, submitInit());
    await expect(rejection).rejects.toBeInstanceOf(TypeError);
    await expect(rejection).rejects.toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNRESET' } });
    await expect(rejection).rejects.not.toBeInstanceOf(PracticeResetError);
  });

  it('rejects impossible options', () => {
    const handle = (req: Request) => createPracticeDpp().handle(req);
    expect(() => withFaults(handle, { failRate: 2 })).toThrow(/failRate/);
    expect(() => withFaults(handle, { failRate: 0.5, faults: [] })).toThrow(/faults/);
    expect(() => withFaults(handle, { latencyMs: -1 })).toThrow(/latencyMs/);
  });
});

describe('practice DPP CLI', () => {
  const tsx = 'node_modules/.bin/tsx';
  const cli = 'electron/practice/cli.ts';

  it('starts with fault flags and prints the ready line with the real port', async () => {
    const child = spawn(tsx, [cli, '--port', '0', '--fail-rate', '0.5', '--seed', '7'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('error', reject);
        child.once('exit', (code) => reject(new Error(`CLI exited early with code ${String(code)}`)));
      });
      const match = /^practice DPP listening on http:\/\/127\.0\.0\.1:(\d+)$/.exec(line);
      expect(match).not.toBeNull();
      expect(Number(match?.[1])).toBeGreaterThan(0);
    } finally {
      const exited = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('refuses --fail-rate 2 with exit code 2 and a message naming --fail-rate', async () => {
    const child = spawn(tsx, [cli, '--fail-rate', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // 'close' (not 'exit'): stderr has been read to the end.
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--fail-rate');
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

// Keeps the practice account in one place: the headers above must be the documented account.
it('uses the documented practice account', () => {
  expect(CREDENTIALS['X-User-Id']).toBe(PRACTICE_ACCOUNT.userId);
  expect(CREDENTIALS['X-User-Password']).toBe(PRACTICE_ACCOUNT.password);
});
