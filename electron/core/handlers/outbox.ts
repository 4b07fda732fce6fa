import type { Handlers } from '../ipc/dispatch.ts';
import { toSummary } from '../summaries.ts';
import { guard } from './guard.ts';
import type { CoreServices } from './services.ts';

/** outbox.*: applications on their way to the DPP, and "try again now". */
export function outboxHandlers({ repo, outbox }: Pick<CoreServices, 'repo' | 'outbox'>): Pick<Handlers, 'outbox.list' | 'outbox.state' | 'outbox.retryNow'> {
  return {
    'outbox.list': () => guard(async () => (await repo.listApplications({ states: ['queued', 'sending', 'unknown-outcome'] })).map(toSummary)),
    'outbox.state': () => guard(() => outbox.state()),
    'outbox.retryNow': () =>
      guard(async () => {
        await outbox.retryAll();
        return outbox.state();
      }),
  };
}
