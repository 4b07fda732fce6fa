import { app, session, shell, type WebContents } from 'electron';

/** https URLs the app may hand to the OS browser (help pages); everything else is dropped. */
const EXTERNAL_ALLOWLIST = ['https://developers.datamotion.com/', 'https://developer-docs.datamotion.com/'];

export function isAllowedExternalUrl(raw: string): boolean {
  return EXTERNAL_ALLOWLIST.some((prefix) => raw.startsWith(prefix));
}

/**
 * Electron's security checklist, applied to every webContents the app ever creates: no
 * navigation away from the app, no new windows (allow-listed links open in the OS browser),
 * no webviews, and every permission request denied.
 */
export function hardenApp(isAppPage: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppPage(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppPage(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
  }, () => undefined);
}
