import { DEFAULT_IDLE_LOCK_MINUTES, type LockState } from '../contract/lock.ts';
import { createLogger } from './log.ts';

const log = createLogger('lock');

export interface LockServiceOptions {
  /** Checks a password against the keychain copy for the active environment (never sent anywhere). */
  verifyPassword: (password: string) => Promise<boolean>;
  loadIdleMinutes: () => Promise<number | undefined>;
  saveIdleMinutes: (minutes: number) => Promise<void>;
  /** Runs before the lock takes effect (the renderer saves drafts when it hears lock.changed). */
  onChange: (state: LockState) => void;
  onAudit: (action: 'lock' | 'unlock', detail: string) => Promise<void>;
  now?: () => number;
  /** Tests and the preview host may shorten the idle time below a minute. */
  idleMsOverride?: number;
  checkEveryMs?: number;
}

/**
 * HIPAA automatic logoff: after the idle time, PHI is hidden behind a lock screen until the TA
 * re-enters the DPP password of the active environment. Main decides (the renderer only reports
 * activity), so a compromised or frozen renderer cannot keep the app unlocked.
 */
export function createLockService(options: LockServiceOptions) {
  const now = options.now ?? Date.now;
  let locked = false;
  let idleMinutes = DEFAULT_IDLE_LOCK_MINUTES;
  let lastActivity = now();
  let timer: ReturnType<typeof setInterval> | undefined;
  let failedUnlocks = 0;

  const state = (): LockState => ({ locked, idleMinutes });
  const idleMs = () => options.idleMsOverride ?? idleMinutes * 60_000;

  async function lock(reason: string): Promise<LockState> {
    if (!locked) {
      locked = true;
      options.onChange(state());
      await options.onAudit('lock', reason);
    }
    return state();
  }

  return {
    state,
    isLocked: () => locked,

    async start(): Promise<void> {
      idleMinutes = (await options.loadIdleMinutes()) ?? DEFAULT_IDLE_LOCK_MINUTES;
      lastActivity = now();
      const every = options.checkEveryMs ?? Math.min(5_000, Math.max(100, Math.floor(idleMs() / 4)));
      timer = setInterval(() => {
        // The lock is on before the audit write; a failed write (the store closing at quit) must
        // not become an unhandled rejection, which ends the process.
        if (!locked && now() - lastActivity >= idleMs()) lock('idle').catch((err: unknown) => log.error('idle lock: audit entry not written', err));
      }, every);
      timer.unref?.();
    },

    stop(): void {
      if (timer) clearInterval(timer);
    },

    activity(): void {
      if (!locked) lastActivity = now();
    },

    lockNow: () => lock('manual'),

    /** Returns the new state, or undefined when the password is wrong. */
    async unlock(password: string): Promise<LockState | undefined> {
      if (!locked) return state();
      if (!(await options.verifyPassword(password))) {
        failedUnlocks += 1;
        await options.onAudit('unlock', `failed attempt ${failedUnlocks}`);
        return undefined;
      }
      failedUnlocks = 0;
      locked = false;
      lastActivity = now();
      options.onChange(state());
      await options.onAudit('unlock', 'unlocked');
      return state();
    },

    async setIdleMinutes(minutes: number): Promise<LockState> {
      idleMinutes = minutes;
      await options.saveIdleMinutes(minutes);
      options.onChange(state());
      return state();
    },
  };
}

export type LockService = ReturnType<typeof createLockService>;
