import { app, session, shell, type WebContents } from 'electron';

/** https URLs the app may hand to the OS browser (help pages); everything else is dropped. */
const EXTERNAL_HOSTS = new Set(['developers.datamotion.com', 'developer-docs.datamotion.com']);

/** Parsed, not prefix-matched: https only, exact host, no credentials or odd ports. */
export function isAllowedExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && EXTERNAL_HOSTS.has(url.hostname) && url.port === '' && !url.username && !url.password;
  } catch {
    return false;
  }
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
