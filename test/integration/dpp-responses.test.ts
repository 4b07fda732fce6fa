import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationSchema } from '../../electron/contract/application.ts';
import { createDppClient } from '../../electron/core/dpp/client.ts';
import { validApplication } from '../helpers/applications.ts';

/**
 * Every row of docs/dpp-contract.md's response table, in JSON and in text/plain, from a real loopback HTTP
 * server that answers exactly what each case scripts: the client must map each to a clear error.
 */
let server: Server;
let base = '';
let next: { status: number; body: string; type: string; headers?: Record<string, string> } = { status: 200, body: '', type: 'application/json' };
let requests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests += 1;
    req.resume();
    req.on('end', () => {
      res.writeHead(next.status, { 'Content-Type': next.type, ...next.headers });
      res.end(next.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = () =>
  createDppClient({ baseUrl: base, fetch: (i, init) => fetch(i, init), credentials: () => Promise.resolve({ userId: 'ta@x.example', password: 's3cret-pw' }), timeoutMs: 3000 });

async function answer(status: number, body: unknown, type = 'application/json', headers?: Record<string, string>) {
  next = { status, body: typeof body === 'string' ? body : JSON.stringify(body), type, headers };
  return client().submit(ApplicationSchema.parse(validApplication()), { idempotencyKey: randomUUID() });
}

describe('DPP response table', () => {
  it.each([200, 201])('%i with an ApplicationId is accepted, extra fields tolerated', async (status) => {
    const result = await answer(status, { ApplicationId: 'PC-42', Status: 'PendingReview', SubmittedAt: '2026-01-02T03:04:05Z', Extra: { deep: 1 } });
    expect(result).toEqual({ ok: true, value: { applicationId: 'PC-42', status: 'PendingReview', submittedAt: '2026-01-02T03:04:05Z' } });
  });

  it('a 201 without Status or SubmittedAt is still accepted, as PendingReview', async () => {
    const result = await answer(201, { ApplicationId: 'PC-43' });
    expect(result).toMatchObject({ ok: true, value: { applicationId: 'PC-43', status: 'PendingReview' } });
  });

  it('an unknown status name is kept verbatim', async () => {
    expect(await answer(201, { ApplicationId: 'PC-44', Status: 'AwaitingNotary' })).toMatchObject({ ok: true, value: { status: 'AwaitingNotary' } });
  });

  it('a 2xx whose body cannot be read is an unknown outcome, not a success or a plain failure', async () => {
    expect(await answer(201, 'Created', 'text/plain')).toMatchObject({ ok: false, error: { code: 'unknown-outcome' } });
  });

  it('400 with ModelState maps keys (prefixed or not, any case) to form fields', async () => {
    const result = await answer(400, {
      Message: 'The request is invalid.',
      ModelState: { 'application.DirectAddress': ['The DirectAddress field is not a valid e-mail address.'], firstname: 'The FirstName field is required.' },
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid', fields: { directAddress: ['The DirectAddress field is not a valid e-mail address.'], firstName: ['The FirstName field is required.'] } },
    });
  });

  it('400 as text/plain still says the DPP rejected it, quoting the DPP', async () => {
    const result = await answer(400, 'Bad Request: malformed JSON', 'text/plain');
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid' } });
    if (!result.ok) expect(result.error.message).toContain('Bad Request: malformed JSON');
  });

  it.each([
    [401, 'unauthorized', /did not accept your TA credentials/],
    [403, 'forbidden', /may not act as Trusted Agent/],
    [409, 'conflict', /already in use/],
    [500, 'server-error', /temporary problem \(HTTP 500\)/],
    [502, 'server-error', /HTTP 502/],
    [503, 'server-error', /HTTP 503/],
    [504, 'server-error', /HTTP 504/],
    [418, 'bad-response', /unexpected HTTP 418/],
  ])('%i maps to %s with a clear message, JSON or text/plain', async (status, code, message) => {
    for (const [body, type] of [[{ Message: 'Said in JSON.' }, 'application/json'], ['Said in plain text.', 'text/plain']] as const) {
      const result = await answer(status, body, type);
      expect(result).toMatchObject({ ok: false, error: { code } });
      if (result.ok) continue;
      expect(result.error.message).toMatch(message);
      expect(result.error.message).not.toContain('s3cret-pw');
    }
  });

  it('429 carries Retry-After in seconds (or from an HTTP date)', async () => {
    expect(await answer(429, '', 'text/plain', { 'Retry-After': '7' })).toMatchObject({ ok: false, error: { code: 'rate-limited', retryAfterSeconds: 7 } });
    const inTen = new Date(Date.now() + 10_000).toUTCString();
    const dated = await answer(429, {}, 'application/json', { 'Retry-After': inTen });
    expect(dated.ok ? 0 : dated.error.retryAfterSeconds).toBeGreaterThanOrEqual(8);
  });

  it.each([301, 302, 303, 307, 308])('%i is never followed: the credentials stay with the configured DPP', async (status) => {
    const before = requests;
    const result = await answer(status, '', 'text/plain', { Location: `${base}/elsewhere` });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-response' } });
    if (!result.ok) expect(result.error.message).toMatch(/does not follow redirects/);
    expect(requests - before).toBe(1);
  });

  it('masks the TA password when the DPP quotes it back', async () => {
    const result = await answer(400, { Message: 'Bad header X-User-Password: s3cret-pw' });
    expect(JSON.stringify(result)).not.toContain('s3cret-pw');
  });

  it('caps an absurd Retry-After at an hour', async () => {
    expect(await answer(429, '', 'text/plain', { 'Retry-After': '9'.repeat(400) })).toMatchObject({ ok: false, error: { code: 'rate-limited', retryAfterSeconds: 3600 } });
  });

  it('a huge body is refused, not read into memory', async () => {
    expect(await answer(500, 'x'.repeat(2 * 1024 * 1024), 'text/plain')).toMatchObject({ ok: false, error: { code: 'server-error' } });
    // A success whose body is too big to read leaves the ApplicationId unknown: reconcile, don't guess.
    expect(await answer(201, 'x'.repeat(2 * 1024 * 1024), 'text/plain')).toMatchObject({ ok: false, error: { code: 'unknown-outcome' } });
  });
});
