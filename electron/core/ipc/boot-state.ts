import type { Dispatch } from './dispatch.ts';

/**
 * What a window needs before its first render, gathered in one place for both hosts: the preload's
 * synchronous request in Electron (electron/main/ipc.ts) and the JSON block the preview host writes
 * into the page (electron/preview/host.ts). The renderer reads it in renderer/src/lib/boot-state.ts.
 * Every answer goes through the dispatcher, so the lock rules hold as for any request.
 */
export async function bootStateJson(dispatch: Dispatch): Promise<string> {
  const [info, lock, outbox] = await Promise.all([dispatch('app.info', undefined), dispatch('lock.state', undefined), dispatch('outbox.state', undefined)]);
  return JSON.stringify({ info, lock, outbox });
}
