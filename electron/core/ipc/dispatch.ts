import type { z } from 'zod';
import { isApplicationField } from '../../contract/application.ts';
import { channels, isChannelName, servedWhileLocked, type ChannelName, type ChannelOutput, type Channels } from '../../contract/channels.ts';
import { fail, ok, type Result } from '../../contract/result.ts';
import { createLogger } from '../log.ts';

/** One handler per channel, given the input already parsed by the channel's schema. */
export type Handlers = {
  [C in ChannelName]: (input: z.output<Channels[C]['input']>) => Result<ChannelOutput<C>> | Promise<Result<ChannelOutput<C>>>;
};

const log = createLogger('ipc');

/**
 * The one entry point for requests from the renderer, used by Electron's ipcMain wiring and by
 * the preview host alike: unknown channels and malformed payloads get a typed error, handler
 * outputs are re-parsed (which also strips anything not in the contract), and a throwing handler
 * becomes a redacted 'internal' error instead of crashing main.
 */
export function createDispatcher(handlers: Handlers, options: { isLocked?: () => boolean } = {}) {
  return async function dispatch(channel: unknown, rawInput: unknown): Promise<Result<unknown>> {
    if (!isChannelName(channel)) {
      return fail({ code: 'bad-request', message: 'TA Desk does not know this request.' });
    }
    // While the idle lock is on, nothing that can carry PHI is served, whatever the renderer asks.
    if (options.isLocked?.() && !servedWhileLocked(channel)) {
      return fail({ code: 'locked', message: 'TA Desk is locked. Enter your DPP password to continue.' });
    }
    const spec = channels[channel];
    const input = spec.input.safeParse(rawInput);
    if (!input.success) {
      const fields = inputFieldErrors(input.error.issues);
      const hasFields = Object.keys(fields).length > 0;
      return fail({
        code: hasFields ? 'invalid' : 'bad-request',
        message: hasFields ? 'Some fields need attention.' : 'TA Desk received a malformed request and ignored it.',
        ...(hasFields ? { fields } : {}),
      });
    }
    try {
      const handler = handlers[channel] as (input: unknown) => Result<unknown> | Promise<Result<unknown>>;
      const result = await handler(input.data);
      if (!result.ok) return result;
      const output = spec.output.safeParse(result.value);
      if (!output.success) {
        log.error(`handler for ${channel} returned a value outside the contract`);
        return internalError();
      }
      return ok(output.data);
    } catch (err) {
      log.error(`handler for ${channel} threw`, err);
      return internalError();
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;

/**
 * Field errors for a refused payload: application fields by name (wherever the application sits
 * in the payload), other inputs (environment settings, idle minutes) by their last path segment.
 * Issues at the root (not an object at all) name no field.
 */
function inputFieldErrors(issues: readonly { path: PropertyKey[]; message: string }[]): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.find((p): p is string => typeof p === 'string' && isApplicationField(p)) ?? [...issue.path].reverse().find((p): p is string => typeof p === 'string');
    if (key) (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

function internalError(): Result<never> {
  return fail({ code: 'internal', message: 'Something went wrong inside TA Desk. Your work is kept; try again, and tell support if it happens again.' });
}
