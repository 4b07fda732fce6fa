// zod/mini: the Settings view validates these in the renderer (see application.ts for why mini).
import * as z from 'zod/mini';

export const DEFAULT_IDLE_LOCK_MINUTES = 10;

const idleMinutes = (min?: string, max?: string) => z.int().check(z.gte(1, { error: min }), z.lte(240, { error: max }));

export const LockStateSchema = z.object({
  locked: z.boolean(),
  idleMinutes: idleMinutes(),
  /** The environments whose DPP password unlocks, named on the lock screen. */
  unlockWith: z.array(z.string()),
  /** Wrong passwords since the last unlock; after a few, each new try waits. */
  failedUnlocks: z.int().check(z.gte(0)),
  /** Seconds before the next try is looked at, while the unlock throttle is on. */
  retryAfterSeconds: z.optional(z.int().check(z.gte(0))),
});
export type LockState = z.infer<typeof LockStateSchema>;

export const UnlockInputSchema = z.object({
  password: z.string().check(z.minLength(1, { error: 'Enter your DPP password.' }), z.maxLength(1024)),
});
export const IdleSettingSchema = z.object({
  idleMinutes: idleMinutes('Use at least 1 minute.', 'Use at most 240 minutes (4 hours).'),
});
