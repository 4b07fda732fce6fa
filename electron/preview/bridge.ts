/**
 * The preview host's preload: defines `window.taDesk` with the same task-shaped functions the
 * Electron preload exposes, carried over HTTP to the host on 127.0.0.1 with the per-run token.
 * Only the preview host serves this file; the Electron build never contains it.
 */
import type { ChannelName, EventName } from '../contract/channels.ts';
import { makeWindowApi, WINDOW_API_KEY } from '../contract/window-api.ts';

const token = new URLSearchParams(location.search).get('token') ?? '';

async function invoke(channel: ChannelName, input: unknown): Promise<unknown> {
  try {
    const res = await fetch(`./api/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Preview-Token': token },
      // A save sent while the page unloads must still arrive (the draft autosave on reload/close).
      keepalive: true,
      body: JSON.stringify(input === undefined ? {} : { input }),
    });
    return (await res.json()) as unknown;
  } catch {
    return { ok: false, error: { code: 'internal', message: 'The preview host is not answering. Is `npm run preview` still running?' } };
  }
}

function subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
  const source = new EventSource(`./api/events?token=${encodeURIComponent(token)}`);
  const onMessage = (e: MessageEvent<string>) => listener(JSON.parse(e.data) as unknown);
  source.addEventListener(event, onMessage);
  return () => source.close();
}

Object.defineProperty(window, WINDOW_API_KEY, {
  value: Object.freeze(makeWindowApi({ invoke, subscribe })),
  writable: false,
  configurable: false,
});
