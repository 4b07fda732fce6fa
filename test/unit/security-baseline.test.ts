import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/core/security/csp.ts';
import { secureWebPreferences } from '../../electron/main/web-preferences.ts';
import { checkBaseUrl } from '../../electron/core/dpp/base-url.ts';
import { redact } from '../../electron/core/log.ts';

describe('the security baseline of docs/SECURITY.md', () => {
  it('keeps the window isolated and sandboxed', () => {
    const prefs = secureWebPreferences('/app/preload.cjs', false);
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: false,
    });
  });

  it('starts the CSP from nothing and allows only the app’s own files', () => {
    const csp = contentSecurityPolicy({ connectSelf: false });
    expect(csp.startsWith("default-src 'none'")).toBe(true);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('allows https DPPs, and plain http only on loopback', () => {
    expect(checkBaseUrl('https://dpp.example.com').ok).toBe(true);
    expect(checkBaseUrl('http://127.0.0.1:8080').ok).toBe(true);
    expect(checkBaseUrl('http://[::1]:8080').ok).toBe(true);
    expect(checkBaseUrl('http://dpp.example.com').ok).toBe(false);
    expect(checkBaseUrl('http://127.0.0.1.evil.example').ok).toBe(false);
    expect(checkBaseUrl('https://user:pw@dpp.example.com').ok).toBe(false);
    expect(checkBaseUrl('file:///etc/passwd').ok).toBe(false);
  });

  it('redacts credentials and addresses from log lines', () => {
    const line = redact('X-User-Password: hunter2 for jane.doe@direct.practice.example');
    expect(line).not.toContain('hunter2');
    expect(line).not.toContain('jane.doe');
  });
});
