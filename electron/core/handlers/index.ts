import type { Handlers } from '../ipc/dispatch.ts';
import { appHandlers } from './app.ts';
import { auditHandlers } from './audit.ts';
import { draftHandlers } from './drafts.ts';
import { environmentHandlers } from './environments.ts';
import { historyHandlers } from './history.ts';
import { lockHandlers } from './lock.ts';
import { outboxHandlers } from './outbox.ts';
import { submitHandlers } from './submit.ts';
import type { CoreServices } from './services.ts';

/**
 * Every IPC handler, by domain. The shape:
 * - a channel is declared once in electron/contract/channels.ts (name, zod input and output,
 *   whether it is served while locked) and in contract/method-names.ts (its window-API method);
 * - its body lives in handlers/<domain>.ts, in a named, exported function of the services it
 *   uses (`draftHandlers({ repo, envs, actor })` …) returning the channels of that domain;
 * - this file only merges the domains; the `Handlers` type makes a missing or misspelt channel
 *   a type error, and the dispatcher (ipc/dispatch.ts) parses inputs and outputs around them.
 * Adding a channel: schema in the contract, a handler in its domain file (a new domain file is
 * added below), a test that calls it through the dispatcher (test/helpers/core.ts).
 */
export function createHandlers(services: CoreServices): Handlers {
  return {
    ...appHandlers(services),
    ...submitHandlers(services),
    ...draftHandlers(services),
    ...outboxHandlers(services),
    ...historyHandlers(services),
    ...auditHandlers(services),
    ...environmentHandlers(services),
    ...lockHandlers(services),
  };
}
