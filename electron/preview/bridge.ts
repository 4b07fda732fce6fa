/**
 * The preview host's preload: defines `window.taDesk` with the same task-shaped functions the
 * Electron preload exposes, carried over HTTP to the host on 127.0.0.1 with the per-run token.
 * Only the preview host serves this file; the Electron build never contains it.
 */
import type { ChannelName, EventName } from '../contract/channels.ts';
import { makeWindowApi, WINDOW_API_KEY } from '../contract/window-api.ts';

/**
 * The token comes in the address the host printed, and leaves the address bar (and the
 * browser's history) at once: kept in this tab's sessionStorage for the API header; reloads
 * and the event stream are let in by the host's HttpOnly cookie.
 */
const TOKEN_KEY = 'ta-desk-preview-token';
const fromUrl = new URLSearchParams(location.search).get('token');
if (fromUrl) {
  sessionStorage.setItem(TOKEN_KEY, fromUrl);
  const url = new URL(location.href);
  url.searchParams.delete('token');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
}
const token = sessionStorage.getItem(TOKEN_KEY) ?? '';

async function invoke(channel: ChannelName, input: unknown): Promise<unknown> {
  try {
    const res = await fetch(`./api/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Preview-Token': token },
      // A draft save sent while the page unloads must still arrive (autosave on reload/close).
      // Only there: keepalive requests go through the browser process and are slower.
      keepalive: channel === 'drafts.save',
      body: JSON.stringify(input === undefined ? {} : { input }),
    });
    return (await res.json()) as unknown;
  } catch {
    return { ok: false, error: { code: 'internal', message: 'The preview host is not answering. Is `npm run preview` still running?' } };
  }
}

/**
 * One EventSource for every subscription: each would hold one of the browser's six connections
 * per host, starving the API calls.
 */
let source: EventSource | undefined;
let listeners = 0;

function subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
  source ??= new EventSource('./api/events');
  const current = source;
  const onMessage = (e: MessageEvent<string>) => listener(JSON.parse(e.data) as unknown);
  current.addEventListener(event, onMessage);
  listeners += 1;
  return () => {
    current.removeEventListener(event, onMessage);
    listeners -= 1;
    if (listeners === 0 && source === current) {
      current.close();
      source = undefined;
    }
  };
}

Object.defineProperty(window, WINDOW_API_KEY, {
  value: Object.freeze(makeWindowApi({ invoke, subscribe })),
  writable: false,
  configurable: false,
});
