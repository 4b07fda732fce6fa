import { ok } from '../../contract/result.ts';
import { EnvironmentInputError } from '../environments.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import { guard } from './guard.ts';
import type { CoreServices } from './services.ts';

const WRONG_PASSWORD = 'That is not the DPP password of the active environment.';

/** lock.*: the idle lock (HIPAA automatic logoff): state, lock now, unlock, idle time. */
export function lockHandlers({ lock }: Pick<CoreServices, 'lock'>): Pick<Handlers, 'lock.state' | 'lock.lock' | 'lock.unlock' | 'lock.setIdle'> {
  return {
    'lock.state': () => ok(lock.state()),
    'lock.lock': () => guard(() => lock.lockNow()),
    'lock.unlock': ({ password }) =>
      guard(async () => {
        const state = await lock.unlock(password);
        if (!state) throw new EnvironmentInputError(WRONG_PASSWORD, { password: [WRONG_PASSWORD] });
        return state;
      }),
    'lock.setIdle': ({ idleMinutes }) => guard(() => lock.setIdleMinutes(idleMinutes)),
  };
}
