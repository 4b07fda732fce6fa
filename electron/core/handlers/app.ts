import { ok } from '../../contract/result.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import type { CoreServices } from './services.ts';

/** app.*: what the window shows in its header, and the activity that keeps the idle lock away. */
export function appHandlers({ envs, lock, version }: Pick<CoreServices, 'envs' | 'lock' | 'version'>): Pick<Handlers, 'app.info' | 'app.activity'> {
  return {
    'app.info': async () => ok(envs.appInfo(await envs.active(), version)),
    'app.activity': () => {
      lock.activity();
      return ok({ done: true as const });
    },
  };
}
