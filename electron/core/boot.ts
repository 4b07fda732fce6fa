import { practiceConnection, type PracticeOptions } from '../practice/connection.ts';
import { createAppCore, type AppCore, type AppCoreOptions } from './app-core.ts';
import { createDispatcher, type Dispatch } from './ipc/dispatch.ts';
import { createLogger } from './log.ts';
import { startupProblem, unavailableHandlers } from './unavailable.ts';

/**
 * The one way the core starts, for Electron main (electron/main/index.ts) and the preview host
 * (electron/preview/host.ts) alike. The shape, from the outside in:
 * - boot.ts (this file): practice wiring, build, start, and the dispatcher every request goes
 *   through; if anything fails, a dispatcher that answers every channel with the reason, so the
 *   window explains instead of crashing;
 * - app-core.ts: the composition root, which constructs the services and connects them;
 * - handlers/<domain>.ts: the body of every channel, as a function of the services it uses;
 * - the services themselves (store, vault, environments, outbox, poller, lock, history).
 * The hosts add only what is theirs: how events travel (IPC or server-sent events), the network
 * fetch (net.fetch or Node's), desktop notifications, the OS lock signals.
 */
export interface BootOptions extends Omit<AppCoreOptions, 'practice'> {
  practice?: PracticeOptions;
}

export interface BootedCore {
  /** Answers every renderer request: validated, lock-checked, result-wrapped. */
  dispatch: Dispatch;
  /** Undefined when the core could not start (dispatch then explains why). */
  core: AppCore | undefined;
  /** Lock now (the OS locked the screen or went to sleep); nothing to lock if the core is down. */
  lockNow(): Promise<void>;
  /** Stops the services and closes the store: writes in flight land first. */
  close(): Promise<void>;
}

const log = createLogger('boot');

export async function bootCore(options: BootOptions): Promise<BootedCore> {
  let core: AppCore | undefined;
  try {
    const practice = practiceConnection(options.practice ?? {}, options.networkFetch);
    core = await createAppCore({ ...options, practice });
    await core.start();
    const started = core;
    return {
      dispatch: createDispatcher(started.handlers, { isLocked: () => started.isLocked() }),
      core: started,
      lockNow: async () => void (await started.lockNow()),
      close: () => started.close(),
    };
  } catch (err) {
    log.error('core could not start', err);
    // A core that was built but failed to start still holds the database open.
    await core?.close().catch((closeErr: unknown) => log.error('closing the half-started core failed', closeErr));
    return {
      dispatch: createDispatcher(unavailableHandlers(startupProblem(err))),
      core: undefined,
      lockNow: async () => undefined,
      close: async () => undefined,
    };
  }
}
