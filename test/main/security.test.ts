import { beforeEach, describe, expect, it } from 'vitest';
import { isAppUrl } from '../../electron/main/app-protocol.ts';
import { hardenApp, isAllowedExternalUrl } from '../../electron/main/security.ts';
import { app, BrowserWindow, resetFakeElectron, session, shell } from '../fakes/electron.ts';

/**
 * electron/main/security.ts under the fake `electron` (test/fakes/electron.ts): what a page in
 * the app's window can and cannot make Chromium do.
 */
beforeEach(() => {
  resetFakeElectron();
  hardenApp(isAppUrl);
});

const appWindow = () => {
  const win = new BrowserWindow({ show: false });
  void win.loadURL('app://ta-desk/index.html');
  return win;
};

describe('navigation guard', () => {
  it('keeps the window on the app: navigation away from app://ta-desk is prevented', () => {
    const { webContents } = appWindow();
    expect(webContents.navigate('https://evil.example/phish')).toBe(false);
    expect(webContents.navigate('file:///etc/passwd')).toBe(false);
    expect(webContents.navigate('app://other-host/index.html')).toBe(false);
    expect(webContents.navigate('http://127.0.0.1:8080/')).toBe(false);
    expect(webContents.getURL()).toBe('app://ta-desk/index.html');
  });

  it('lets the app move between its own pages', () => {
    const { webContents } = appWindow();
    expect(webContents.navigate('app://ta-desk/index.html#history')).toBe(true);
  });

  it('refuses a redirect that would take a navigation away from the app', () => {
    const { webContents } = appWindow();
    expect(webContents.redirect('https://evil.example/')).toBe(false);
    expect(webContents.redirect('app://ta-desk/index.html')).toBe(true);
  });

  it('guards every web contents the app creates, not only the first window', () => {
    appWindow();
    const second = appWindow();
    expect(second.webContents.navigate('https://evil.example/')).toBe(false);
  });

  it('never attaches a <webview>', () => {
    expect(appWindow().webContents.attachWebview('app://ta-desk/index.html')).toBe(false);
  });
});

describe('new windows and external links', () => {
  it('denies window.open for every URL, the app’s own included', () => {
    const { webContents } = appWindow();
    for (const url of ['https://developers.datamotion.com/docs', 'https://evil.example/', 'app://ta-desk/index.html', 'javascript:alert(1)']) {
      expect(webContents.openWindow(url)).toBe('deny');
    }
  });

  it('opens only allow-listed https links in the OS browser', () => {
    const { webContents } = appWindow();
    webContents.openWindow('https://developers.datamotion.com/docs');
    webContents.openWindow('http://developers.datamotion.com/docs');
    webContents.openWindow('https://evil.example/');
    webContents.openWindow('https://developers.datamotion.com.evil.example/');
    webContents.openWindow('https://user:pw@developers.datamotion.com/');
    webContents.openWindow('https://developers.datamotion.com:8443/');
    webContents.openWindow('file:///etc/passwd');
    expect(shell.opened).toEqual(['https://developers.datamotion.com/docs']);
  });

  it('parses rather than prefix-matches the allow-list', () => {
    expect(isAllowedExternalUrl('https://developer-docs.datamotion.com/a')).toBe(true);
    expect(isAllowedExternalUrl('https://developers.datamotion.com@evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });
});

describe('permissions', () => {
  const PERMISSIONS = ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'fullscreen', 'hid', 'serial', 'usb', 'openExternal', 'pointerLock', 'midi', 'idle-detection', 'fileSystem', 'unknown'];

  it('denies every permission request once the app is ready', async () => {
    app.becomeReady();
    await app.whenReady();
    for (const permission of PERMISSIONS) {
      expect(await session.defaultSession.requestPermission(permission), permission).toBe(false);
    }
  });

  it('answers every permission check "no", even from the app’s own origin', async () => {
    app.becomeReady();
    await app.whenReady();
    for (const permission of PERMISSIONS) {
      expect(session.defaultSession.checkPermission(permission, 'app://ta-desk'), permission).toBe(false);
    }
  });
});
