/**
 * The preload: sandboxed, bundled to one CommonJS file with the contract inside. It exposes only
 * the task-shaped functions built from the channel map, never ipcRenderer or a generic invoke.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { makeWindowApi, WINDOW_API_KEY } from '../contract/window-api.ts';
import { BOOT_STATE_CHANNEL, BOOT_STATE_KEY } from '../contract/window-key.ts';

contextBridge.exposeInMainWorld(
  WINDOW_API_KEY,
  makeWindowApi({
    invoke: (channel, input) => ipcRenderer.invoke(channel, input),
    subscribe: (event, listener) => {
      const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(event, handler);
      return () => {
        ipcRenderer.removeListener(event, handler);
      };
    },
  }),
);

/**
 * The boot state before the page's first script: one synchronous request now (main answers in a
 * few milliseconds) instead of round trips before the first screen. Null when refused or failed;
 * the page then asks the usual way.
 */
function bootState(): string | null {
  try {
    const answer: unknown = ipcRenderer.sendSync(BOOT_STATE_CHANNEL);
    return typeof answer === 'string' ? answer : null;
  } catch {
    return null;
  }
}
contextBridge.exposeInMainWorld(BOOT_STATE_KEY, bootState());
