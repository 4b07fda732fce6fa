import { channelNames } from '../contract/channels.ts';
import { fail } from '../contract/result.ts';
import type { Handlers } from './ipc/dispatch.ts';

/**
 * When the core cannot start (no usable OS keychain, a database it cannot open), every channel
 * answers with the same clear explanation; the window shows it instead of crashing or falling
 * back to storing secrets in plain text.
 */
export function unavailableHandlers(message: string): Handlers {
  const handler = () => fail({ code: 'keychain', message });
  return Object.fromEntries(channelNames.map((name) => [name, handler])) as unknown as Handlers;
}

export function startupProblem(err: unknown): string {
  if (err instanceof Error && err.name === 'KeychainUnavailableError') {
    const fix = (err as Error & { fix?: string }).fix;
    return `${err.message}${fix ? ` ${fix}` : ''}`;
  }
  if (err instanceof Error && /decrypt|data key/i.test(err.message)) return err.message;
  return 'TA Desk could not open its local data. Restart the app; if this persists, contact support.';
}
