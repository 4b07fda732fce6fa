/**
 * DPP base URLs: https only, except plain http to a loopback address (the practice DPP served
 * for tests). TLS problems are never bypassed anywhere in the app.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

export function checkBaseUrl(raw: string): { ok: true; url: URL } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: 'Enter the DPP base URL as a full address, like https://dpp.example.com.' };
  }
  if (url.username || url.password) {
    return { ok: false, message: 'Remove the user name and password from the URL; credentials are kept in the keychain.' };
  }
  if (url.protocol === 'https:') return { ok: true, url };
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return { ok: true, url };
  return { ok: false, message: 'Use an https:// address: plain http is only allowed for a practice DPP on this computer.' };
}
