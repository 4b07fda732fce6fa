import { z } from 'zod';
import { AppInfoSchema } from './app-info.ts';
import { ApplicationSchema } from './application.ts';
import { SubmitReceiptSchema } from './submission.ts';

/**
 * The IPC contract, declared once. Main registers a handler per channel, the preload and the
 * preview bridge expose `method` to the renderer, and both sides parse with these schemas.
 * Channel names never reach renderer code: it sees only the methods.
 */
export const channels = {
  'app.info': {
    method: 'getAppInfo',
    input: z.undefined(),
    output: AppInfoSchema,
  },
  'application.submit': {
    method: 'submitApplication',
    // The context-free schema: the service adds the profile's Direct domain rule.
    input: ApplicationSchema,
    output: SubmitReceiptSchema,
  },
} as const;

/** Events pushed from main to the renderer; `method` subscribes and returns an unsubscribe. */
export const events = {
  'app.notice': {
    method: 'onNotice',
    payload: z.object({ level: z.enum(['info', 'warning']), message: z.string() }),
  },
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type Events = typeof events;
export type EventName = keyof Events;

export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}
