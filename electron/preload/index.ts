/**
 * The preload: sandboxed, bundled to one CommonJS file with the contract inside. It exposes only
 * the task-shaped functions built from the channel map, never ipcRenderer or a generic invoke.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { makeWindowApi, WINDOW_API_KEY } from '../contract/window-api.ts';

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
