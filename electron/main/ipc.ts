import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { channelNames, events, type EventName, type EventPayload } from '../contract/channels.ts';
import { fail } from '../contract/result.ts';
import { BOOT_STATE_CHANNEL } from '../contract/window-key.ts';
import { bootStateJson } from '../core/ipc/boot-state.ts';
import type { Dispatch } from '../core/ipc/dispatch.ts';
import { createLogger } from '../core/log.ts';

const log = createLogger('ipc');

/**
 * Register one handler per contract channel. A request is served only from the main frame of
 * the app's own window showing the app's own page (VS Code's validated IPC); everything else
 * gets a typed refusal, and the payload goes through the dispatcher's zod parsing.
 */
export function registerIpc(dispatch: Dispatch, isTrusted: (event: IpcMainInvokeEvent) => boolean): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!isTrusted(event)) {
        log.warn(`refused ${channel} from an untrusted frame`);
        return fail({ code: 'bad-request', message: 'Request refused: it did not come from TA Desk’s own window.' });
      }
      return dispatch(channel, input);
    });
  }
}

/**
 * The preload's one synchronous request: the boot state as JSON (what the page would otherwise ask
 * for in its first round trips), under the same sender check as every channel; anything else
 * gets null and the page asks the usual way.
 */
export function registerBootState(dispatch: Dispatch, isTrusted: (event: IpcMainInvokeEvent) => boolean): void {
  ipcMain.on(BOOT_STATE_CHANNEL, (event: IpcMainEvent) => {
    if (!isTrusted(event as unknown as IpcMainInvokeEvent)) {
      log.warn('refused the boot state to an untrusted frame');
      event.returnValue = null;
      return;
    }
    // The renderer waits (sendSync) until returnValue is set, here once the three answers are in.
    bootStateJson(dispatch).then(
      (json) => (event.returnValue = json),
      () => (event.returnValue = null),
    );
  });
}

export function trustedSender(getWindow: () => BrowserWindow | undefined, isAppPage: (url: string) => boolean) {
  return (event: IpcMainInvokeEvent): boolean => {
    const win = getWindow();
    const frame = event.senderFrame;
    if (!win || !frame || event.sender !== win.webContents) return false;
    if (frame !== win.webContents.mainFrame) return false;
    return isAppPage(frame.url);
  };
}

/** Push a contract event to the renderer, validated like any other IPC payload. */
export function sendEvent<E extends EventName>(win: BrowserWindow, event: E, payload: EventPayload<E>): void {
  const parsed = events[event].payload.safeParse(payload);
  if (!parsed.success) {
    log.error(`event ${event} does not match the contract; not sent`);
    return;
  }
  win.webContents.send(event, parsed.data);
}
