import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREVIEW_LIMITS, startPreviewHost, type PreviewHost } from '../../electron/preview/host.ts';

/**
 * The preview host's gatekeeping: loopback only, token required, Host and Origin checked.
 * Uses a tiny stand-in renderer build so this test does not depend on `vite build` having run.
 */
let host: PreviewHost;
const dir = mkdtempSync(join(tmpdir(), 'ta-desk-preview-'));

beforeAll(async () => {
  const { writeFileSync, mkdirSync } = await import('node:fs');
  mkdirSync(join(dir, 'renderer/assets'), { recursive: true });
  writeFileSync(join(dir, 'renderer/index.html'), '<!doctype html><html><head></head><body><div id="app"></div></body></html>');
  writeFileSync(join(dir, 'renderer/assets/app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'bridge.js'), '/* bridge */');
  host = await startPreviewHost({ dataDir: join(dir, 'data'), rendererDir: join(dir, 'renderer'), bridgeFile: join(dir, 'bridge.js') });
});
afterAll(() => host.close());

/** Raw HTTP, so the test controls Host and Origin exactly as a hostile page would. */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const { port } = new URL(host.origin);
  return new Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const goodHeaders = () => ({ 'Content-Type': 'application/json', Origin: host.origin, 'X-Preview-Token': host.token });

describe('preview host', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('serves the app page only with the token, with the CSP and the bridge injected', async () => {
    expect((await raw('/')).status).toBe(403);
    const page = await raw(`/?token=${host.token}`);
    expect(page.status).toBe(200);
    // The bridge runs inside the page, allowed by its hash and nothing looser.
    expect(page.body).toContain('<script>/* bridge */</script>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/^default-src 'none'/);
    expect(csp).toContain(`script-src 'self' 'sha256-${createHash('sha256').update('/* bridge */').digest('base64')}'`);
    expect(csp).not.toMatch(/unsafe-inline/);
    expect(page.headers['cross-origin-resource-policy']).toBe('same-origin');
    // The boot state follows the page's markup (sent once gathered): a data block the app reads.
    const boot = /<script type="application\/json" id="ta-desk-boot">(.*?)<\/script>\n<\/body>/s.exec(page.body);
    expect(JSON.parse(boot![1]!)).toMatchObject({ info: { ok: true, value: { environmentName: 'Practice' } }, lock: { ok: true }, outbox: { ok: true } });
  });

  it('serves the app only to a navigation the TA made or to itself, never to a window another page opened', async () => {
    const { port } = new URL(host.origin);
    const cookie = `ta_desk_preview_${port}=${host.token}`;
    // Another server on 127.0.0.1 is the same site: its window.open() would carry the cookie.
    expect((await raw('/', { headers: { Cookie: cookie, 'Sec-Fetch-Site': 'same-site' } })).status).toBe(403);
    expect((await raw('/', { headers: { Cookie: cookie, 'Sec-Fetch-Site': 'cross-site' } })).status).toBe(403);
    expect((await raw('/', { headers: { Cookie: cookie, 'Sec-Fetch-Site': 'none' } })).status).toBe(200);
    expect((await raw('/', { headers: { Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' } })).status).toBe(200);
  });

  it('answers API calls with the token and the right Origin', async () => {
    const res = await raw('/api/app.info', { method: 'POST', headers: goodHeaders(), body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { environmentName: 'Practice', practice: true } });
  });

  it('refuses API calls without the token, from another origin, or for another Host', async () => {
    const { ['X-Preview-Token']: _t, ...noToken } = goodHeaders();
    expect((await raw('/api/app.info', { method: 'POST', headers: noToken, body: '{}' })).status).toBe(403);
    expect((await raw('/api/app.info', { method: 'POST', headers: { ...goodHeaders(), 'X-Preview-Token': 'x'.repeat(32) }, body: '{}' })).status).toBe(403);
    expect((await raw('/api/app.info', { method: 'POST', headers: { ...goodHeaders(), Origin: 'http://evil.example' }, body: '{}' })).status).toBe(403);
    const rebinding = await raw('/api/app.info', { method: 'POST', headers: { ...goodHeaders(), Host: 'evil.example:80' }, body: '{}' });
    expect(rebinding.status).toBe(421);
  });

  it('never serves files outside the renderer build', async () => {
    expect((await raw('/../package.json')).status).toBe(404);
    expect((await raw('/%2e%2e/%2e%2e/package.json')).status).toBe(404);
    expect((await raw('/assets/app.js')).status).toBe(200);
  });

  it('answers a malformed body with a typed error and keeps running', async () => {
    const res = await raw('/api/application.submit', { method: 'POST', headers: goodHeaders(), body: '{not json' });
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect((await raw('/api/app.info', { method: 'POST', headers: goodHeaders(), body: '{}' })).status).toBe(200);
  });
});

/**
 * Issue 12, finding 11: the token leaves the address bar (the page keeps working through an
 * HttpOnly, SameSite=Strict cookie for this port), and slow or idle clients cannot hold the host.
 */
describe('preview host hygiene', () => {
  it('hands the page a same-site, script-proof cookie for this port, which reloads the page without the token', async () => {
    const page = await raw(`/?token=${host.token}`);
    const cookie = String(page.headers['set-cookie']);
    const { port } = new URL(host.origin);
    expect(cookie).toMatch(new RegExp(`^ta_desk_preview_${port}=${host.token};`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const reload = await raw('/', { headers: { Cookie: `ta_desk_preview_${port}=${host.token}` } });
    expect(reload.status).toBe(200);
    expect((await raw('/', { headers: { Cookie: `ta_desk_preview_${port}=${'x'.repeat(32)}` } })).status).toBe(403);
    // The cookie alone never makes an API call: the header token and the Origin are still needed.
    const { ['X-Preview-Token']: _t, ...noToken } = goodHeaders();
    expect((await raw('/api/app.info', { method: 'POST', headers: { ...noToken, Cookie: `ta_desk_preview_${port}=${host.token}` }, body: '{}' })).status).toBe(403);
  });

  /** A raw socket that sends `head` and then nothing; resolves with the ms until the host closed it. */
  function stall(head: string): Promise<number> {
    const { port } = new URL(host.origin);
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(head));
      socket.on('error', () => {});
      socket.resume(); // read the host's 408, or 'close' never comes
      socket.on('close', () => resolve(Date.now() - started));
      setTimeout(() => {
        socket.destroy();
        reject(new Error(`the host held a stalled request for 15 s: ${head.slice(0, 20)}`));
      }, 15_000).unref();
    });
  }

  it('drops a client that never finishes its headers, or its body, within seconds', async () => {
    const [headers, body] = await Promise.all([
      stall(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: `),
      stall(
        `POST /api/app.info HTTP/1.1\r\nHost: ${new URL(host.origin).host}\r\nOrigin: ${host.origin}\r\nX-Preview-Token: ${host.token}\r\n` +
          `Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"in`,
      ),
    ]);
    expect(headers).toBeLessThan(PREVIEW_LIMITS.headersMs + 2_000);
    expect(body).toBeLessThan(PREVIEW_LIMITS.requestMs + 2_000);
  });

  it('caps the number of open connections', async () => {
    const { port } = new URL(host.origin);
    const sockets = await Promise.all(
      Array.from({ length: PREVIEW_LIMITS.maxConnections + 5 }, () => new Promise<Socket>((resolve) => {
        const s = connect(Number(port), '127.0.0.1', () => resolve(s));
        s.on('error', () => {});
      })),
    );
    const closedCount = () => sockets.filter((s) => s.closed || s.readyState !== 'open').length;
    await expect.poll(closedCount, { timeout: 5_000 }).toBeGreaterThanOrEqual(5);
    for (const s of sockets) s.destroy();
  });
});
