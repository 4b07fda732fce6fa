/**
 * The preview host's preload: defines `window.taDesk` with the same task-shaped functions the
 * Electron preload exposes, carried over HTTP to the host on 127.0.0.1 with the per-run token.
 * Only the preview host serves this file; the Electron build never contains it.
 */
import type { ChannelName, EventName } from '../contract/channels.ts';
import { makeWindowApi, WINDOW_API_KEY } from '../contract/window-api.ts';
import { PREVIEW_TOKEN_META } from '../contract/window-key.ts';

/**
 * The token comes in the address the host printed, and leaves the address bar (and the
 * browser's history) at once. The host also hands it over inside the page it serves (a meta
 * element, read and removed here) for the API header; reloads and the event stream are let in by
 * the host's HttpOnly cookie. (It used to be kept in sessionStorage: the first use of storage in a
 * new tab blocked on the browser process for ~60 ms, before the app could start.)
 */
if (new URLSearchParams(location.search).has('token')) {
  const url = new URL(location.href);
  url.searchParams.delete('token');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
}
const meta = document.querySelector<HTMLMetaElement>(`meta[name="${PREVIEW_TOKEN_META}"]`);
const token = meta?.content ?? '';
meta?.remove();

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
