import { inlineHashes, type InlineHashes } from './inline-hashes.ts';

export interface PolicyOptions {
  /** The preview bridge calls the host over HTTP; the Electron window talks to main over IPC. */
  connectSelf: boolean;
  /** The page's own inline script and style, allowed by hash (inline-hashes.ts); none by default. */
  inline?: InlineHashes;
}

/**
 * The renderer's Content Security Policy, used by Electron's app:// protocol and by the preview
 * host. Starts from nothing and allows only the app's own files, plus the inline script and
 * style of the page being served, each by its SHA-256 hash (never 'unsafe-inline').
 */
export function contentSecurityPolicy(options: PolicyOptions): string {
  const scripts = options.inline?.scripts ?? [];
  const styles = options.inline?.styles ?? [];
  return [
    "default-src 'none'",
    ["script-src 'self'", ...scripts].join(' '),
    ["style-src 'self'", ...styles].join(' '),
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${options.connectSelf ? "'self'" : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * Headers sent with every renderer file, whatever serves it.
 *
 * No Cross-Origin-Opener-Policy: it guards a page against windows it opens or was opened by, and
 * TA Desk's page has none. Electron refuses window.open and every navigation away, and no other
 * page runs in the app. The preview host serves the app only to a navigation the TA made or to
 * the page itself (Sec-Fetch-Site `none` or `same-origin`, electron/preview/host.ts), so no other
 * page, not even one of another server on 127.0.0.1 (same-site, so it would carry the cookie),
 * can open it and keep a handle on its window. The header cost every fresh window a second
 * renderer process: Chromium commits a page with COOP in a new browsing context group, so it
 * starts one only after the response has arrived, about 28 ms of a ~110 ms start-up here
 * (issue 14, docs/BENCHMARKS.md).
 */
export function securityHeaders(options: PolicyOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

/**
 * The headers of a page TA Desk built (index.html), whatever serves it: the policy also allows
 * exactly the page's own inline script and style, by hash (inline-hashes.ts).
 */
export function pageSecurityHeaders(html: string, options: { connectSelf: boolean }): Record<string, string> {
  return securityHeaders({ ...options, inline: inlineHashes(html) });
}
