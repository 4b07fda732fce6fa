import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewHost, type PreviewHost } from '../../electron/preview/host.ts';

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
    expect(page.body).toContain('__preview/bridge.js');
    expect(String(page.headers['content-security-policy'])).toMatch(/^default-src 'none'/);
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
