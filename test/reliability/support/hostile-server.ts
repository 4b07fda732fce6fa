import { gzipSync } from 'node:zlib';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP server that answers the DPP client with what no DPP should send. The case is
 * chosen by the request path: /case/<name>/<n>/… (the client's base URL carries it), so any
 * number of calls may run at once. `elsewhere` is a second server that redirects point to: it
 * records what reaches it (a DPP must never get the client to send the TA's credentials there).
 */
export type Expect = 'error' | 'ok-or-error';

export interface HostileCase {
  name: string;
  /** What the client must make of it: a typed error, or (tolerated by design) possibly success. */
  expect: Expect;
  kind: 'wrong types' | 'huge body' | 'content type' | 'utf-8' | 'slow' | 'truncated' | 'html' | 'redirect' | 'protocol' | 'status';
  answer: (req: IncomingMessage, res: ServerResponse, ctx: { elsewhere: string; self: string }) => void;
}

const json = (res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(body);
};

const MB = 1024 * 1024;
/** Shared big payloads, built once (Buffers live outside the JS heap the test measures). */
const BIG = Buffer.alloc(8 * MB, 'x');
const BIG_JSON = Buffer.concat([Buffer.from('{"ApplicationId":"PC-000001","Padding":"'), Buffer.alloc(2 * MB, 'y'), Buffer.from('"}')]);
const GZIP_BOMB = gzipSync(Buffer.alloc(64 * MB, 0));
const HTML_PAGE = '<!doctype html><html><head><title>Sign in</title></head><body><form action="/login">Session expired</form></body></html>';
const DEEP = '['.repeat(200_000);

/** Writes `body` a few bytes at a time, more slowly than any client timeout allows. */
function drip(res: ServerResponse, body: string, everyMs: number) {
  let i = 0;
  const timer = setInterval(() => {
    if (res.destroyed || i >= body.length) {
      clearInterval(timer);
      if (!res.destroyed) res.end();
      return;
    }
    res.write(body.slice(i, i + 2));
    i += 2;
  }, everyMs);
  res.on('close', () => clearInterval(timer));
}

function streamBig(res: ServerResponse, total: number) {
  let sent = 0;
  const pump = () => {
    while (sent < total) {
      const chunk = BIG.subarray(0, Math.min(64 * 1024, total - sent));
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  res.on('close', () => (sent = total));
  pump();
}

export const HOSTILE_CASES: HostileCase[] = [
  // Wrong types in JSON
  { name: 'id-is-number', kind: 'wrong types', expect: 'error', answer: (_q, r) => json(r, 201, '{"ApplicationId":42,"Status":true,"SubmittedAt":[]}') },
  { name: 'id-is-null', kind: 'wrong types', expect: 'error', answer: (_q, r) => json(r, 200, '{"ApplicationId":null,"Status":null,"Comments":{}}') },
  { name: 'body-is-array', kind: 'wrong types', expect: 'error', answer: (_q, r) => json(r, 201, '[{"ApplicationId":"PC-1"}]') },
  { name: 'body-is-string', kind: 'wrong types', expect: 'error', answer: (_q, r) => json(r, 201, '"PC-000001"') },
  { name: 'body-is-number', kind: 'wrong types', expect: 'error', answer: (_q, r) => json(r, 200, '1e999') },
  { name: 'status-is-object', kind: 'wrong types', expect: 'error', answer: (_q, r) => json(r, 200, '{"Status":{"name":"Approved"},"StatusDate":5}') },
  { name: 'modelstate-is-number', kind: 'wrong types', expect: 'error', answer: (_q, r) => json(r, 400, '{"Message":5,"ModelState":5}') },
  { name: 'modelstate-deep', kind: 'wrong types', expect: 'error', answer: (_q, r) => json(r, 400, '{"ModelState":{"DirectAddress":[1,{"a":[]}],"__proto__":{"polluted":true}}}') },
  { name: 'message-is-object', kind: 'wrong types', expect: 'error', answer: (_q, r) => json(r, 401, '{"Message":{"text":"no"},"message":["x"]}') },
  { name: 'retry-after-words', kind: 'wrong types', expect: 'error', answer: (_q, r) => json(r, 429, '{}', { 'Retry-After': 'soon, maybe' }) },
  { name: 'retry-after-negative', kind: 'wrong types', expect: 'error', answer: (_q, r) => json(r, 429, '{}', { 'Retry-After': '-5' }) },
  { name: 'retry-after-far', kind: 'wrong types', expect: 'error', answer: (_q, r) => json(r, 429, '{}', { 'Retry-After': '99999999999999' }) },
  { name: 'proto-pollution', kind: 'wrong types', expect: 'error', answer: (_q, r) => json(r, 200, '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') },
  { name: 'deep-nesting', kind: 'wrong types', expect: 'error', answer: (_q, r) => json(r, 201, DEEP) },
  { name: 'empty-body', kind: 'wrong types', expect: 'error', answer: (_q, r) => json(r, 201, '') },
  // Huge bodies
  { name: 'json-2mb', kind: 'huge body', expect: 'error', answer: (_q, r) => json(r, 201, BIG_JSON) },
  { name: 'chunked-8mb', kind: 'huge body', expect: 'error', answer: (_q, r) => (r.writeHead(200, { 'Content-Type': 'application/json' }), streamBig(r, 8 * MB)) },
  { name: 'error-page-4mb', kind: 'huge body', expect: 'error', answer: (_q, r) => (r.writeHead(500, { 'Content-Type': 'text/html' }), streamBig(r, 4 * MB)) },
  { name: 'gzip-bomb-64mb', kind: 'huge body', expect: 'error', answer: (_q, r) => json(r, 201, GZIP_BOMB, { 'Content-Encoding': 'gzip' }) },
  {
    name: 'content-length-lie',
    kind: 'huge body',
    expect: 'error',
    answer: (_q, r) => {
      r.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': String(50 * MB) });
      r.write('{"ApplicationId":"PC-1"');
    },
  },
  // Wrong content types
  { name: 'xml', kind: 'content type', expect: 'error', answer: (_q, r) => (r.writeHead(201, { 'Content-Type': 'application/xml' }), r.end('<ApplicationId>PC-1</ApplicationId>')) },
  { name: 'png', kind: 'content type', expect: 'error', answer: (_q, r) => (r.writeHead(200, { 'Content-Type': 'image/png' }), r.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))) },
  { name: 'text-plain-error', kind: 'content type', expect: 'error', answer: (_q, r) => (r.writeHead(503, { 'Content-Type': 'text/plain' }), r.end('upstream connect error or disconnect/reset before headers')) },
  { name: 'no-content-type', kind: 'content type', expect: 'error', answer: (_q, r) => (r.writeHead(418), r.end('I am a teapot')) },
  // Invalid UTF-8
  { name: 'utf8-broken-structure', kind: 'utf-8', expect: 'error', answer: (_q, r) => json(r, 201, Buffer.from([0x7b, 0xff, 0xfe, 0x22, 0x41, 0x22, 0x3a, 0xc3, 0x28, 0x7d])) },
  { name: 'utf8-bom-and-nul', kind: 'utf-8', expect: 'error', answer: (_q, r) => json(r, 200, Buffer.from([0xef, 0xbb, 0xbf, 0, 0, 0, 0x7b, 0x7d])) },
  {
    // Inside a string value, a lenient decoder turns bad bytes into U+FFFD and the id parses:
    // tolerated (see docs/RELIABILITY.md), but it must never crash or hang.
    name: 'utf8-inside-id',
    kind: 'utf-8',
    expect: 'ok-or-error',
    answer: (_q, r) => json(r, 201, Buffer.concat([Buffer.from('{"ApplicationId":"PC-'), Buffer.from([0xff, 0xc0, 0xed, 0xa0, 0x80]), Buffer.from('","Status":"PendingReview"}')])),
  },
  // Slow drip, slower than the client timeout
  { name: 'drip-body', kind: 'slow', expect: 'error', answer: (_q, r) => (r.writeHead(201, { 'Content-Type': 'application/json' }), drip(r, '{"ApplicationId":"PC-000001"}', 300)) },
  { name: 'no-answer', kind: 'slow', expect: 'error', answer: () => undefined },
  {
    name: 'drip-headers',
    kind: 'slow',
    expect: 'error',
    answer: (_q, r) => {
      const head = 'HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nX-Slow: ' + 'z'.repeat(200);
      let i = 0;
      const timer = setInterval(() => (i < head.length && !r.socket?.destroyed ? r.socket?.write(head[i++] ?? '') : clearInterval(timer)), 100);
      r.socket?.on('close', () => clearInterval(timer));
    },
  },
  // Truncated JSON
  { name: 'truncated-json', kind: 'truncated', expect: 'error', answer: (_q, r) => json(r, 201, '{"ApplicationId":"PC-0000') },
  { name: 'truncated-status', kind: 'truncated', expect: 'error', answer: (_q, r) => json(r, 200, '{"DirectAddress":"a@b","Status":"Appr') },
  {
    name: 'cut-mid-body',
    kind: 'truncated',
    expect: 'error',
    answer: (_q, r) => {
      r.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': '200' });
      r.write('{"ApplicationId":"PC-00', () => r.socket?.destroy());
    },
  },
  // HTTP 200 with HTML (a captive portal, a proxy's login page)
  { name: 'html-200', kind: 'html', expect: 'error', answer: (_q, r) => (r.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }), r.end(HTML_PAGE)) },
  { name: 'html-201-json-type', kind: 'html', expect: 'error', answer: (_q, r) => json(r, 201, HTML_PAGE) },
  // Redirects to elsewhere (whose answer is HTML, so the call still ends in an error)
  ...[301, 302, 303, 307, 308].map(
    (status): HostileCase => ({
      name: `redirect-${status}`,
      kind: 'redirect',
      expect: 'error',
      answer: (q, r, ctx) => (r.writeHead(status, { Location: `${ctx.elsewhere}/collect${q.url ?? ''}` }), r.end()),
    }),
  ),
  { name: 'redirect-loop', kind: 'redirect', expect: 'error', answer: (q, r, ctx) => (r.writeHead(302, { Location: `${ctx.self}${q.url ?? '/'}` }), r.end()) },
  { name: 'redirect-file', kind: 'redirect', expect: 'error', answer: (_q, r) => (r.writeHead(302, { Location: 'file:///etc/passwd' }), r.end()) },
  // Protocol-level garbage
  { name: 'not-http', kind: 'protocol', expect: 'error', answer: (_q, r) => (r.socket?.end('HELLO THIS IS NOT HTTP\r\n\r\n'), undefined) },
  { name: 'reset', kind: 'protocol', expect: 'error', answer: (_q, r) => r.socket?.destroy() },
  {
    name: 'header-bomb',
    kind: 'protocol',
    expect: 'error',
    answer: (_q, r) => {
      const headers: Record<string, string> = {};
      for (let i = 0; i < 200; i++) headers[`X-Bomb-${i}`] = 'b'.repeat(1000);
      r.writeHead(201, headers);
      r.end('{"ApplicationId":"PC-1"}');
    },
  },
  // Status codes outside the contract
  ...[204, 299, 304, 999].map(
    (status): HostileCase => ({ name: `status-${status}`, kind: 'status', expect: 'error', answer: (_q, r) => (r.writeHead(status), r.end()) }),
  ),
];

/** Cases for the dedicated tests of known bugs (kept out of the 1,000-call mix). */
export const KNOWN_BUG_CASES: HostileCase[] = [
  { name: 'retry-after-overflow', kind: 'wrong types', expect: 'error', answer: (_q, r) => json(r, 429, '{}', { 'Retry-After': '9'.repeat(400) }) },
  {
    // A DPP (or a proxy's debug page) that quotes the request back, credentials included.
    name: 'echo-headers',
    kind: 'wrong types',
    expect: 'error',
    answer: (q, r) => json(r, 401, JSON.stringify({ Message: `Login failed for ${String(q.headers['x-user-id'])} with password ${String(q.headers['x-user-password'])}.` })),
  },
];

export async function startHostileServer() {
  const hits: { method: string; url: string; password: string | undefined; body: string }[] = [];
  const elsewhere = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c.slice(0, 4096)));
    req.on('end', () => {
      hits.push({ method: req.method ?? '', url: req.url ?? '', password: req.headers['x-user-password'] as string | undefined, body });
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(HTML_PAGE);
    });
  });
  const byName = new Map([...HOSTILE_CASES, ...KNOWN_BUG_CASES].map((c) => [c.name, c]));
  const seen: Record<string, number> = {};
  const server: Server = createServer((req, res) => {
    req.resume();
    const name = /^\/case\/([^/]+)\//.exec(req.url ?? '')?.[1] ?? '';
    const hostile = byName.get(name);
    seen[name] = (seen[name] ?? 0) + 1;
    if (!hostile) return json(res, 500, '{"Message":"no such case"}');
    req.on('end', () => hostile.answer(req, res, { elsewhere: elsewhereUrl, self: selfUrl }));
  });
  // Node's own header timeout would end some slow cases for us: the client must do it.
  server.headersTimeout = 0;
  server.requestTimeout = 0;
  const listen = (s: Server) => new Promise<string>((resolve) => s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));
  const selfUrl = await listen(server);
  // Another port is another origin: what a redirect "elsewhere" reaches.
  const elsewhereUrl = await listen(elsewhere);
  return {
    url: selfUrl,
    elsewhere: elsewhereUrl,
    hits,
    seen,
    async close() {
      for (const s of [server, elsewhere]) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
    },
  };
}
