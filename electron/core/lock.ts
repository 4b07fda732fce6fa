import { DEFAULT_IDLE_LOCK_MINUTES, type LockState } from '../contract/lock.ts';
import type { AppError } from '../contract/result.ts';
import { createLogger } from './log.ts';

const log = createLogger('lock');

/** Where the lock keeps what must outlive a restart (the store's settings table in the app). */
export interface LockSettings {
  getSetting(key: string): Promise<string | undefined | null>;
  setSetting(key: string, value: string): Promise<unknown>;
}

/** Settings keys: the lock, the last activity, and the unlock throttle survive a restart. */
const KEYS = {
  locked: 'lock.locked',
  lastActivityAt: 'lock.lastActivityAt',
  failedUnlocks: 'lock.failedUnlocks',
  retryAt: 'lock.retryAt',
} as const;

/** Wrong passwords allowed before each further try waits; then 5 s, doubling, capped at 5 min. */
export const FREE_UNLOCK_ATTEMPTS = 3;
const FIRST_THROTTLE_MS = 5_000;
const MAX_THROTTLE_MS = 5 * 60_000;
/** How often activity is written down (a restart may lock up to this much early, never late). */
const SAVE_ACTIVITY_EVERY_MS = 30_000;

export function throttleMs(failures: number): number {
  if (failures < FREE_UNLOCK_ATTEMPTS) return 0;
  return Math.min(MAX_THROTTLE_MS, FIRST_THROTTLE_MS * 2 ** (failures - FREE_UNLOCK_ATTEMPTS));
}

export type UnlockOutcome =
  | { ok: true; state: LockState }
  | { ok: false; reason: 'wrong' | 'throttled'; retryAfterSeconds: number; failures: number };

/** What the lock screen says about a refused try: throttled tries carry the wait. */
export function unlockRefusal(outcome: Extract<UnlockOutcome, { ok: false }>): AppError {
  const wait = outcome.retryAfterSeconds;
  const seconds = `${wait} second${wait === 1 ? '' : 's'}`;
  const message =
    outcome.reason === 'throttled'
      ? `Wait ${seconds}, then try again: after ${FREE_UNLOCK_ATTEMPTS} wrong passwords TA Desk waits longer before each new try. Every try is recorded in the audit log.`
      : wait > 0
        ? `That password is not right. After ${outcome.failures} wrong passwords, wait ${seconds} before the next try.`
        : 'That password is not right.';
  return outcome.reason === 'throttled' || wait > 0
    ? { code: 'rate-limited', message, retryAfterSeconds: wait, fields: { password: [message] } }
    : { code: 'invalid', message, fields: { password: [message] } };
}

export interface LockServiceOptions {
  /** Checks a password against the keychain (never sent anywhere). */
  verifyPassword: (password: string) => Promise<boolean>;
  /** The names of the environments whose password unlocks, for the lock screen. */
  unlockWith?: () => Promise<string[]>;
  loadIdleMinutes: () => Promise<number | undefined>;
  saveIdleMinutes: (minutes: number) => Promise<void>;
  settings: LockSettings;
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
 * re-enters a DPP password. Main decides (the renderer only reports activity), so a compromised
 * or frozen renderer cannot keep the app unlocked. The lock outlives a restart: the app starts
 * locked when it was locked at quit OR when the idle time has passed since the last activity
 * written down; wrong passwords slow further tries down, and that also outlives a restart.
 */
export function createLockService(options: LockServiceOptions) {
  const now = options.now ?? Date.now;
  const { settings } = options;
  let locked = false;
  let idleMinutes = DEFAULT_IDLE_LOCK_MINUTES;
  let lastActivity = now();
  let lastSavedActivity = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let failedUnlocks = 0;
  let retryAt = 0;
  let unlockWith: string[] = [];
  let unlockQueue: Promise<unknown> = Promise.resolve();

  const idleMs = () => options.idleMsOverride ?? idleMinutes * 60_000;
  const retryAfterSeconds = () => Math.max(0, Math.ceil((retryAt - now()) / 1000));
  const state = (): LockState => ({
    locked,
    idleMinutes,
    unlockWith,
    failedUnlocks,
    ...(retryAfterSeconds() > 0 ? { retryAfterSeconds: retryAfterSeconds() } : {}),
  });

  async function refreshUnlockWith(): Promise<void> {
    unlockWith = (await options.unlockWith?.()) ?? [];
  }

  const saveLater = (key: string, value: string) =>
    settings.setSetting(key, value).catch((err: unknown) => log.error(`lock: ${key} not written`, err));

  function saveActivity(): void {
    lastSavedActivity = lastActivity;
    void saveLater(KEYS.lastActivityAt, String(lastActivity));
  }

  async function lock(reason: string): Promise<LockState> {
    if (!locked) {
      locked = true;
      // Written before anyone hears of it: quitting right after the lock keeps it locked.
      await settings.setSetting(KEYS.locked, '1');
      await refreshUnlockWith().catch((err: unknown) => log.error('lock: unlock choices not read', err));
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
      const [wasLocked, savedActivity, savedFailures, savedRetryAt] = await Promise.all(
        [KEYS.locked, KEYS.lastActivityAt, KEYS.failedUnlocks, KEYS.retryAt].map((key) => settings.getSetting(key)),
      );
      failedUnlocks = Number(savedFailures) || 0;
      retryAt = Number(savedRetryAt) || 0;
      lastActivity = now();
      const idleSince = Number(savedActivity);
      const reason =
        wasLocked === '1'
          ? 'still locked after a restart'
          : Number.isFinite(idleSince) && idleSince > 0 && now() - idleSince >= idleMs()
            ? 'idle time passed since the last activity before TA Desk quit'
            : undefined;
      if (reason) await lock(reason);
      else saveActivity();
      const every = options.checkEveryMs ?? Math.min(5_000, Math.max(100, Math.floor(idleMs() / 4)));
      timer = setInterval(() => {
        // The lock is on before the audit write; a failed write (the store closing at quit) must
        // not become an unhandled rejection, which ends the process.
        if (!locked && now() - lastActivity >= idleMs()) lock('idle').catch((err: unknown) => log.error('idle lock: not written', err));
      }, every);
      timer.unref?.();
    },

    stop(): void {
      if (timer) clearInterval(timer);
    },

    activity(): void {
      if (locked) return;
      lastActivity = now();
      if (lastActivity - lastSavedActivity >= Math.min(SAVE_ACTIVITY_EVERY_MS, idleMs() / 4)) saveActivity();
    },

    lockNow: () => lock('manual'),

    /**
     * Wrong and throttled tries are answered without saying more than the lock screen shows.
     * Tries are taken one at a time: guesses sent all at once would otherwise all pass the
     * throttle check before the first wrong one is counted.
     */
    unlock(password: string): Promise<UnlockOutcome> {
      const attempt = unlockQueue.then(() => tryUnlock(password));
      unlockQueue = attempt.catch(() => undefined);
      return attempt;
    },

    async setIdleMinutes(minutes: number): Promise<LockState> {
      idleMinutes = minutes;
      await options.saveIdleMinutes(minutes);
      options.onChange(state());
      return state();
    },
  };

  async function tryUnlock(password: string): Promise<UnlockOutcome> {
    if (!locked) return { ok: true, state: state() };
    if (retryAfterSeconds() > 0) {
      await options.onAudit('unlock', `refused: tried again ${retryAfterSeconds()} s before the wait after ${failedUnlocks} wrong passwords ended`);
      return { ok: false, reason: 'throttled', retryAfterSeconds: retryAfterSeconds(), failures: failedUnlocks };
    }
    if (!(await options.verifyPassword(password))) {
      failedUnlocks += 1;
      const wait = throttleMs(failedUnlocks);
      retryAt = wait > 0 ? now() + wait : 0;
      await Promise.all([settings.setSetting(KEYS.failedUnlocks, String(failedUnlocks)), settings.setSetting(KEYS.retryAt, String(retryAt))]);
      const detail = wait > 0 ? `failed attempt ${failedUnlocks}: next try allowed in ${wait / 1000} s` : `failed attempt ${failedUnlocks}`;
      await options.onAudit('unlock', detail);
      return { ok: false, reason: 'wrong', retryAfterSeconds: Math.ceil(wait / 1000), failures: failedUnlocks };
    }
    failedUnlocks = 0;
    retryAt = 0;
    locked = false;
    lastActivity = now();
    await Promise.all([
      settings.setSetting(KEYS.locked, '0'),
      settings.setSetting(KEYS.failedUnlocks, '0'),
      settings.setSetting(KEYS.retryAt, '0'),
    ]);
    saveActivity();
    options.onChange(state());
    await options.onAudit('unlock', 'unlocked');
    return { ok: true, state: state() };
  }
}

export type LockService = ReturnType<typeof createLockService>;
