import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { PREVIEW_TOKEN_META } from '../contract/window-key.ts';
import { checkBaseUrl, isLoopbackHost } from '../core/dpp/base-url.ts';
import { bootCore } from '../core/boot.ts';
import type { Emit } from '../core/events.ts';
import { bootStateJson } from '../core/ipc/boot-state.ts';
import type { Dispatch } from '../core/ipc/dispatch.ts';
import { keytarSecretStore, type SecretStore } from '../core/vault/secret-store.ts';
import { createLogger } from '../core/log.ts';
import { pageSecurityHeaders, securityHeaders } from '../core/security/csp.ts';
import { cannotGoInline } from '../core/security/inline-hashes.ts';
import { cachedStaticFiles } from '../core/security/static-files.ts';

/**
 * The preview host: the built renderer in any browser, with the same window API as the preload
 * and the same core services as Electron main. Loopback only; every API call needs the per-run
 * token, a Host header naming this server (DNS rebinding) and, for POSTs, this server's Origin.
 */
export interface PreviewOptions {
  port?: number;
  dataDir: string;
  /** Serve the practice DPP from this loopback URL instead of in-process (tests use this). */
  dppUrl?: string;
  rendererDir?: string;
  bridgeFile?: string;
  version?: string;
  /** Keychain entries of this run (tests give each host its own). */
  keychainServicePrefix?: string;
  /** Time between practice lifecycle steps (in-process practice DPP only). */
  practiceStepMs?: number;
  pollIntervalMs?: number;
  idleLockMs?: number;
  /** Defaults to the OS keychain (keytar); `--ephemeral` passes an in-memory one. */
  secretStore?: SecretStore;
}

const MAX_API_BODY = 256 * 1024;

/**
 * Slow or idle clients cannot hold the host: headers within 5 s, a whole request within 8 s,
 * idle keep-alive sockets closed after 5 s, and at most 64 sockets at once (a browser opens
 * about six per host, plus the event stream). Node checks these every second, not every 30 s.
 * (No limit on answering: a submit may wait up to 30 s for the DPP, and events stream on.)
 */
export const PREVIEW_LIMITS = { headersMs: 5_000, requestMs: 8_000, keepAliveMs: 5_000, maxConnections: 64 } as const;
const root = resolve(import.meta.dirname, '../..');
const log = createLogger('preview');

export async function startPreviewHost(options: PreviewOptions) {
  const rendererDir = options.rendererDir ?? resolve(root, 'out/renderer');
  const bridgeFile = options.bridgeFile ?? resolve(root, 'out/preview-bridge/bridge.js');
  const indexHtml = readFileSync(resolve(rendererDir, 'index.html'), 'utf8');
  const readRenderer = cachedStaticFiles(rendererDir);
  const bridgeJs = readFileSync(bridgeFile, 'utf8');
  if (cannotGoInline(bridgeJs)) throw new Error(`${bridgeFile} contains </script> or <style> and cannot go inside the page.`);
  // The bridge runs inside the page, before the app's first script (which is inline too, see
  // build/inline-entry.ts): a file of its own would hold the app back until it had loaded.
  // (A replacer function: the code has `$` sequences that a replacement string would expand.)
  const pageTemplate = indexHtml.replace('<head>', () => `<head>\n    <script>${bridgeJs}</script>`);
  const pageHeaders = pageSecurityHeaders(pageTemplate, { connectSelf: true });
  const fileHeaders = securityHeaders({ connectSelf: true });
  const bodyEnd = pageTemplate.lastIndexOf('</body>');
  if (bodyEnd < 0) throw new Error(`${rendererDir}/index.html has no </body>.`);
  mkdirSync(options.dataDir, { recursive: true });

  // The preview reaches no DPP but a practice one on this computer.
  if (options.dppUrl) {
    const checked = checkBaseUrl(options.dppUrl);
    if (!checked.ok || !isLoopbackHost(checked.url.hostname)) {
      throw new Error('--dpp-url must be a practice DPP on this computer, like http://127.0.0.1:8787.');
    }
  }
  const version = options.version ?? (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string }).version;

  const eventClients = new Set<ServerResponse>();
  const emit: Emit = (event, payload) => {
    for (const client of eventClients) client.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  };

  const booted = await bootCore({
    version,
    dataDir: options.dataDir,
    secretStore: options.secretStore ?? keytarSecretStore(),
    keychainServicePrefix: options.keychainServicePrefix,
    networkFetch: (input, init) => fetch(input, init),
    practice: { dppUrl: options.dppUrl, stepMs: options.practiceStepMs },
    emit,
    pollIntervalMs: options.pollIntervalMs,
    idleLockMs: options.idleLockMs,
  });
  const { dispatch } = booted;

  const token = randomBytes(24).toString('base64url');
  const tokenBuffer = Buffer.from(token);
  // The page goes out in two parts: all but its end at once, so the browser commits and parses
  // while the boot state is gathered (a few ms), then the boot state and the end. The app reads
  // the boot state once the whole page is parsed, wherever it sits. The token for the API header
  // comes with the page (base64url: nothing to escape), before the bridge that reads it, so the
  // bridge need not keep it in sessionStorage, whose first use in a new tab waited 60 ms on the
  // browser process before the app could start.
  const pageStart = pageTemplate.slice(0, bodyEnd).replace('<head>', () => `<head>\n    <meta name="${PREVIEW_TOKEN_META}" content="${token}" />`);
  const pageEnd = pageTemplate.slice(bodyEnd);
  let origin = '';
  let allowedHosts: string[] = [];

  function tokenMatches(candidate: string | null | undefined): boolean {
    const given = Buffer.from(candidate ?? '');
    return given.length === tokenBuffer.length && timingSafeEqual(given, tokenBuffer);
  }

  /**
   * The token leaves the address bar once the page has loaded (the bridge replaces the URL), so
   * reloads and the event stream are let in by a cookie: HttpOnly (no script reads it),
   * SameSite=Strict (no other site's page sends it), named for this port (cookies ignore ports).
   * API calls still need the token in a header and this server's Origin.
   */
  let cookieName = '';
  function cookieToken(req: IncomingMessage): string | undefined {
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const [name, value] = part.trim().split('=');
      if (name === cookieName) return value;
    }
    return undefined;
  }
  const admitted = (req: IncomingMessage, url: URL) => tokenMatches(url.searchParams.get('token')) || tokenMatches(cookieToken(req));

  function send(res: ServerResponse, status: number, body: string | Buffer, contentType: string, extra: Record<string, string> = {}) {
    res.writeHead(status, { ...fileHeaders, 'Content-Type': contentType, ...extra });
    res.end(body);
  }

  function sendJson(res: ServerResponse, status: number, value: unknown) {
    send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
  }

  async function readJsonBody(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_API_BODY) throw new Error('too large');
      chunks.push(chunk as Buffer);
    }
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a page on another name resolving to 127.0.0.1 must not reach the API.
    if (!allowedHosts.includes(req.headers.host ?? '')) return send(res, 421, 'Wrong host.', 'text/plain');
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;

    if (req.method === 'GET' && (path === '/' || path === '/index.html')) {
      if (!admitted(req, url)) {
        return send(res, 403, 'Open the exact address that `npm run preview` printed (it carries the access token).', 'text/plain; charset=utf-8');
      }
      // The app only to a navigation the TA made (typed, opened from the terminal, reloaded) or
      // the page itself: never to a window another page opened. Cookies ignore ports, so a page
      // of another server on 127.0.0.1 is "same-site" and its window.open() would carry the
      // cookie; it would then hold a handle on the app's window (no Cross-Origin-Opener-Policy,
      // see csp.ts). Clients that send no Sec-Fetch-Site (not browsers) have no window to hold.
      const site = req.headers['sec-fetch-site'];
      if (site !== undefined && site !== 'none' && site !== 'same-origin') {
        return send(res, 403, 'Open TA Desk’s preview from its address, not from another page.', 'text/plain; charset=utf-8');
      }
      res.writeHead(200, { ...pageHeaders, 'Content-Type': 'text/html; charset=utf-8', 'Set-Cookie': `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict` });
      res.write(pageStart);
      let bootTag = '';
      try {
        bootTag = await bootStateTag(dispatch);
      } catch (err) {
        // Without it the app asks for the same answers itself (renderer/src/lib/boot-state.ts).
        log.error('boot state failed', err);
      }
      res.end(`${bootTag}\n${pageEnd}`);
      return;
    }
    if (path.startsWith('/api/')) {
      if (path === '/api/events' && req.method === 'GET') {
        if (!admitted(req, url)) return sendJson(res, 403, { error: 'token required' });
        res.writeHead(200, { ...fileHeaders, 'Content-Type': 'text/event-stream' });
        res.write(': connected\n\n');
        eventClients.add(res);
        req.on('close', () => eventClients.delete(res));
        return;
      }
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST only' });
      if (req.headers.origin !== origin) return sendJson(res, 403, { error: 'cross-origin request refused' });
      if (!tokenMatches(req.headers['x-preview-token'] as string | undefined)) return sendJson(res, 403, { error: 'token required' });
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendJson(res, 415, { error: 'JSON only' });
      let body: unknown;
      try {
        body = await readJsonBody(req);
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'bad-request', message: 'TA Desk received a malformed request and ignored it.' } });
      }
      const input = typeof body === 'object' && body !== null ? (body as { input?: unknown }).input : undefined;
      const channel = decodeURIComponent(path.slice('/api/'.length));
      return sendJson(res, 200, await dispatch(channel, input));
    }
    if (req.method === 'GET') {
      const file = await readRenderer(path);
      if (file) return send(res, 200, file.body, file.contentType);
    }
    return send(res, 404, 'Not found.', 'text/plain');
  }

  const server = createServer(
    {
      headersTimeout: PREVIEW_LIMITS.headersMs,
      requestTimeout: PREVIEW_LIMITS.requestMs,
      keepAliveTimeout: PREVIEW_LIMITS.keepAliveMs,
      connectionsCheckingInterval: 1_000,
    },
    (req, res) => {
      handle(req, res).catch((err: unknown) => {
        log.error('request failed', err);
        if (!res.headersSent) send(res, 500, 'Internal error.', 'text/plain');
        else res.end();
      });
    },
  );
  server.maxConnections = PREVIEW_LIMITS.maxConnections;
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  cookieName = `ta_desk_preview_${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    /** The same dispatcher the browser's requests go through (tests seed data with it). */
    dispatch,
    emit,
    close: async () => {
      await new Promise<void>((resolveClose) => {
        for (const client of eventClients) client.end();
        server.closeAllConnections();
        server.close(() => resolveClose());
      });
      await booted.close();
    },
  };
}

/**
 * What the renderer would otherwise ask for in its first round trips (environment, lock, outbox),
 * delivered inside the page: a JSON data block, never executed, so the CSP stays as it is. Only
 * answers served while locked are included (nothing here is PHI), and `<` is escaped so the JSON
 * cannot close the tag.
 */
async function bootStateTag(dispatch: Dispatch): Promise<string> {
  const json = (await bootStateJson(dispatch)).replace(/</g, '\\u003c');
  return `<script type="application/json" id="ta-desk-boot">${json}</script>`;
}

export type PreviewHost = Awaited<ReturnType<typeof startPreviewHost>>;
