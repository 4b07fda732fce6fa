import { ok } from '../../contract/result.ts';
import { unlockRefusal } from '../lock.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import { AppFailure, guard } from './guard.ts';
import type { CoreServices } from './services.ts';

/** lock.*: the idle lock (HIPAA automatic logoff): state, lock now, unlock, idle time. */
export function lockHandlers({ lock }: Pick<CoreServices, 'lock'>): Pick<Handlers, 'lock.state' | 'lock.lock' | 'lock.unlock' | 'lock.setIdle'> {
  return {
    'lock.state': () => ok(lock.state()),
    'lock.lock': () => guard(() => lock.lockNow()),
    'lock.unlock': ({ password }) =>
      guard(async () => {
        const outcome = await lock.unlock(password);
        // Wrong or throttled: the words say how long to wait (the lock screen shows them).
        if (!outcome.ok) throw new AppFailure(unlockRefusal(outcome));
        return outcome.state;
      }),
    'lock.setIdle': ({ idleMinutes }) => guard(() => lock.setIdleMinutes(idleMinutes)),
  };
}
