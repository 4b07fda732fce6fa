import type { Handlers } from '../ipc/dispatch.ts';
import { appHandlers } from './app.ts';
import { auditHandlers } from './audit.ts';
import { draftHandlers } from './drafts.ts';
import { environmentHandlers } from './environments.ts';
import { historyHandlers } from './history.ts';
import { importBatchHandlers } from './import-batches.ts';
import { importHandlers } from './import.ts';
import { lockHandlers } from './lock.ts';
import { lookupHandlers } from './lookup.ts';
import { outboxHandlers } from './outbox.ts';
import { submitHandlers } from './submit.ts';
import type { CoreServices } from './services.ts';

/**
 * Every IPC handler, by domain. The shape:
 * - a channel is declared once in electron/contract/channels.ts (name, zod input and output,
 *   whether it is served while locked) and in contract/method-names.ts (its window-API method);
 * - its body lives in handlers/<domain>.ts, in a named, exported function of the services it
 *   uses (`draftHandlers({ repo, envs, actor })` …) returning the channels of that domain;
 * - this file only lists the domains and merges them. The types make a missing or misspelt
 *   channel a compile error; test/integration/handler-domains.test.ts fails when two domains serve the
 *   same channel (a merge would silently keep only the last). The dispatcher (ipc/dispatch.ts)
 *   parses inputs and outputs around every handler.
 * Adding a channel: schema in the contract, a handler in its domain file (a new domain goes in
 * the list below), a test that calls it through the dispatcher (test/helpers/core.ts).
 */
export function handlerDomains(services: CoreServices) {
  return [
    appHandlers(services),
    submitHandlers(services),
    draftHandlers(services),
    outboxHandlers(services),
    historyHandlers(services),
    auditHandlers(services),
    environmentHandlers(services),
    lockHandlers(services),
    lookupHandlers(services),
    importHandlers(services),
    importBatchHandlers(services),
  ] as const;
}

/** All the domains' channels together, as one type: checked below against the contract. */
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type Served = Intersection<ReturnType<typeof handlerDomains>[number]>;

export function createHandlers(services: CoreServices): Handlers {
  const served: Served = Object.assign({}, ...handlerDomains(services));
  return served; // a compile error here names the channel no domain serves
}
