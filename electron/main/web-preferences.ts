import type { WebPreferences } from 'electron';

/** The one set of webPreferences the app uses; test/unit/security-baseline.test.ts checks it stays this way. */
export function secureWebPreferences(preload: string, devTools: boolean): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // Middle-click opens links in new windows; those are denied anyway, this removes the path.
    disableBlinkFeatures: 'Auxclick',
    devTools,
  };
}
