import type { Handlers } from '../ipc/dispatch.ts';
import { guard } from './guard.ts';
import type { CoreServices } from './services.ts';

type EnvironmentHandlers = Pick<Handlers, 'environments.list' | 'environments.save' | 'environments.remove' | 'environments.activate' | 'environments.test'>;

/** environments.*: DPP environments, their keychain passwords (audited) and the active choice. */
export function environmentHandlers({ envs, audit, version }: Pick<CoreServices, 'envs' | 'audit' | 'version'>): EnvironmentHandlers {
  return {
    'environments.list': () => guard(() => envs.list()),
    'environments.save': (input) =>
      guard(async () => {
        const view = await envs.save(input);
        if (input.password) await audit.record('credentials-change', `Password stored for “${view.name}”`);
        return view;
      }),
    'environments.remove': ({ id }) =>
      guard(async () => {
        const name = (await envs.get(id))?.name;
        await envs.remove(id);
        await audit.record('credentials-change', `${name ? `“${name}”` : 'An environment'} removed; its password is kept only to unlock its stored applications`);
        return { done: true as const };
      }),
    'environments.activate': ({ id }) => guard(async () => envs.appInfo(await envs.activate(id), version)),
    'environments.test': ({ id }) => guard(() => envs.test(id)),
  };
}
