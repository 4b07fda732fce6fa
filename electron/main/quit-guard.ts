import { app, dialog, type BrowserWindow } from 'electron';
import { createLogger } from '../core/log.ts';

const log = createLogger('quit');

export const QUIT_ANYWAY = 'Quit anyway (they go out next start)';
export const CANCEL = 'Cancel';

/** What the quit dialog says when `pending` applications have not reached the DPP yet. */
export function quitQuestion(pending: number): { message: string; detail: string; buttons: [string, string] } {
  const them = pending === 1 ? '1 application has' : `${pending.toLocaleString('en-US')} applications have`;
  return {
    message: `${them} not been sent yet`,
    detail: 'They are saved in the Outbox. If you quit now, TA Desk sends them the next time it starts.',
    buttons: [QUIT_ANYWAY, CANCEL],
  };
}

export interface QuitGuard {
  /** True once the TA chose to quit (or nothing was pending) and the app is on its way out. */
  confirmed(): boolean;
}

export interface QuitGuardOptions {
  /** Applications queued or being sent right now. */
  pending: () => Promise<number>;
  /** Closes the store; quitting waits for it so that writes in flight land. */
  close: () => Promise<void>;
  /** The window the question belongs to, when there is one. */
  window?: () => BrowserWindow | undefined;
}

/**
 * Quitting (menu, Cmd+Q, closing the last window, the OS logging out) goes through two steps:
 * with applications still in the Outbox the TA is asked first, and the app exits only once the
 * store is closed. A failure to count or to close never traps the TA in an app that won't quit.
 */
export function guardQuit(options: QuitGuardOptions): QuitGuard {
  let stage: 'running' | 'asking' | 'closing' | 'closed' = 'running';

  async function mayQuit(): Promise<boolean> {
    let pending = 0;
    try {
      pending = await options.pending();
    } catch (err) {
      log.error('could not count the applications waiting to be sent', err);
    }
    if (pending === 0) return true;
    const question = quitQuestion(pending);
    const win = options.window?.();
    const box = { type: 'question' as const, ...question, defaultId: 1, cancelId: 1, noLink: true };
    const { response } = await (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box));
    return response === 0;
  }

  app.on('before-quit', (event) => {
    if (stage === 'closed') return;
    event.preventDefault();
    if (stage !== 'running') return; // already asking or closing: this quit joins that one
    stage = 'asking';
    void mayQuit().then(async (quit) => {
      if (!quit) {
        stage = 'running';
        return;
      }
      stage = 'closing';
      try {
        await options.close();
      } catch (err) {
        log.error('closing the store failed', err);
      }
      stage = 'closed';
      app.quit();
    });
  });

  return { confirmed: () => stage === 'closing' || stage === 'closed' };
}

/**
 * On Windows and Linux closing the last window quits the app: ask before the window goes, so a
 * Cancel leaves the TA in the window they were using. (On macOS the app keeps running and keeps
 * sending with its window closed; there only Quit asks.)
 */
export function askBeforeClosing(win: BrowserWindow, guard: QuitGuard, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'darwin') return;
  win.on('close', (event) => {
    if (guard.confirmed()) return;
    event.preventDefault();
    app.quit();
  });
}
