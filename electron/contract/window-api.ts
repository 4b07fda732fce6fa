import type { ChannelInput, ChannelName, ChannelOutput, Channels, EventName, EventPayload, Events } from './channels.ts';
import { CHANNEL_METHODS, EVENT_METHODS } from './method-names.ts';
import type { Result } from './result.ts';

type InvokeFn<C extends ChannelName> = [ChannelInput<C>] extends [undefined]
  ? () => Promise<Result<ChannelOutput<C>>>
  : (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;

type SubscribeFn<E extends EventName> = (listener: (payload: EventPayload<E>) => void) => () => void;

/** The task-shaped API the renderer sees as `window.taDesk`. */
export type WindowApi = {
  [C in ChannelName as Channels[C]['method']]: InvokeFn<C>;
} & {
  [E in EventName as Events[E]['method']]: SubscribeFn<E>;
};

/** How a host carries calls: Electron IPC in the preload, HTTP in the preview bridge. */
export interface Transport {
  invoke(channel: ChannelName, input: unknown): Promise<unknown>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

/**
 * Build the window API from the channel map, so the preload and the preview bridge expose the
 * same functions and neither hands the renderer a generic `invoke(channel, ...)`.
 */
export function makeWindowApi(transport: Transport): WindowApi {
  const api: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(CHANNEL_METHODS) as [ChannelName, string][]) {
    api[method] = (input?: unknown) => transport.invoke(name, input);
  }
  for (const [name, method] of Object.entries(EVENT_METHODS) as [EventName, string][]) {
    api[method] = (listener: (payload: unknown) => void) => transport.subscribe(name, listener);
  }
  return api as WindowApi;
}

export { WINDOW_API_KEY } from './window-key.ts';
