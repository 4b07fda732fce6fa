import { protocol } from 'electron';
import { pageSecurityHeaders, securityHeaders } from '../core/security/csp.ts';
import { cachedStaticFiles, type StaticFile } from '../core/security/static-files.ts';

/** The renderer is served from app://ta-desk/, never from file:// (which would expose the disk). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ta-desk';
export const APP_ORIGIN_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false } },
  ]);
}

export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

export function serveRenderer(rendererDir: string): void {
  const readRenderer = cachedStaticFiles(rendererDir);
  const fileHeaders = securityHeaders({ connectSelf: false });
  // A page's policy allows its own inline script and style by hash; worked out once per file read.
  const pageHeaders = new WeakMap<Buffer, Record<string, string>>();
  const headersFor = (file: StaticFile) => {
    if (!file.contentType.startsWith('text/html')) return fileHeaders;
    let headers = pageHeaders.get(file.body);
    if (!headers) pageHeaders.set(file.body, (headers = pageSecurityHeaders(file.body.toString('utf8'), { connectSelf: false })));
    return headers;
  };
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || request.method !== 'GET') return new Response('Not found', { status: 404 });
    const path = url.pathname === '/' ? '/index.html' : url.pathname;
    const file = await readRenderer(path);
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      status: 200,
      headers: { ...headersFor(file), 'Content-Type': file.contentType },
    });
  });
}
