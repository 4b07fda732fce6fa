import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/core/security/csp.ts';
import { APP_ORIGIN_URL, isAppUrl, registerAppScheme, serveRenderer } from '../../electron/main/app-protocol.ts';
import { app, protocol, resetFakeElectron } from '../fakes/electron.ts';

/**
 * electron/main/app-protocol.ts under the fake `electron`: app://ta-desk/ serves the built
 * renderer folder and nothing else on disk, always with the app's CSP.
 */
let root: string;
let rendererDir: string;
// The built page carries its first script and stylesheet inline (build/inline-entry.ts).
const INLINE_SCRIPT = 'document.title = "ready"';
const INLINE_STYLE = 'body { margin: 0 }';
const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ta-desk-app-protocol-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), `<!doctype html><title>TA Desk</title><style>${INLINE_STYLE}</style><script type="module">${INLINE_SCRIPT}</script>`);
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  // Files next to the renderer folder that the app must never serve.
  writeFileSync(join(root, 'secret.json'), '{"password":"hunter2"}');
  mkdirSync(join(root, 'renderer-old'));
  writeFileSync(join(root, 'renderer-old', 'stale.js'), 'stale');
  // Symlinks inside the renderer folder that point out of it.
  symlinkSync(join(root, 'secret.json'), join(rendererDir, 'linked.json'));
  symlinkSync(root, join(rendererDir, 'up'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeEach(() => {
  resetFakeElectron();
  registerAppScheme();
  app.becomeReady();
  serveRenderer(rendererDir);
});

const get = (path: string) => protocol.request(`app://ta-desk${path}`);

describe('the app:// protocol', () => {
  it('is registered as a standard, secure scheme before the app is ready', () => {
    expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  });

  it('serves the renderer’s files with the CSP and the other security headers', async () => {
    const response = await protocol.request(APP_ORIGIN_URL);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>TA Desk</title>');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp.startsWith("default-src 'none'")).toBe(true);
    // The page's own inline script and style run by their hashes; nothing else inline does.
    expect(csp).toContain(`script-src 'self' ${hash(INLINE_SCRIPT)};`);
    expect(csp).toContain(`style-src 'self' ${hash(INLINE_STYLE)};`);
    expect(csp).not.toMatch(/unsafe-inline/);
    expect(csp).toContain("connect-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');

    const script = await get('/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-security-policy')).toBe(contentSecurityPolicy({ connectSelf: false }));
    expect(await get('/')).toHaveProperty('status', 200);
  });

  it('refuses paths that climb out of the renderer folder, however they are spelled', async () => {
    const attempts = [
      '/..%2fsecret.json',
      '/%2e%2e%2fsecret.json',
      '/assets/..%2f..%2fsecret.json',
      '/..%5csecret.json',
      '/assets%5c..%5c..%5csecret.json',
      '/%2e%2e%5csecret.json',
      '/..%2frenderer-old%2fstale.js',
      '/%252e%252e%252fsecret.json',
      '/index.html%00.js',
      '/%E0%A4%A',
    ];
    for (const path of attempts) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('hunter2');
    }
  });

  it('refuses symlinks inside the renderer folder that point outside it', async () => {
    for (const path of ['/linked.json', '/up/secret.json', '/up/renderer-old/stale.js']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('hunter2');
    }
  });

  it('answers only GET, only for its own host, and only for types the renderer ships', async () => {
    expect((await protocol.request('app://ta-desk/index.html', { method: 'POST', body: 'x' })).status).toBe(404);
    expect((await protocol.request('app://other-host/index.html')).status).toBe(404);
    expect((await get('/missing.js')).status).toBe(404);
    writeFileSync(join(rendererDir, 'notes.txt'), 'not shipped');
    expect((await get('/notes.txt')).status).toBe(404);
  });

  it('reads each file from disk once, and still finds a file that was missing at first', async () => {
    // A build's files do not change while the app runs: a window opened later is served from memory.
    writeFileSync(join(rendererDir, 'assets', 'once.js'), 'first');
    expect(await (await get('/assets/once.js')).text()).toBe('first');
    writeFileSync(join(rendererDir, 'assets', 'once.js'), 'second');
    expect(await (await get('/assets/once.js')).text()).toBe('first');
    // A miss is not remembered (made-up paths cannot fill memory, and nothing is hidden for good).
    expect((await get('/assets/later.js')).status).toBe(404);
    writeFileSync(join(rendererDir, 'assets', 'later.js'), 'later');
    expect(await (await get('/assets/later.js')).text()).toBe('later');
  });

  it('recognises the app’s own pages and nothing else', () => {
    expect(isAppUrl('app://ta-desk/index.html')).toBe(true);
    expect(isAppUrl('app://ta-desk.evil/index.html')).toBe(false);
    expect(isAppUrl('https://ta-desk/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
