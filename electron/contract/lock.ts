import { z } from 'zod';

export const DEFAULT_IDLE_LOCK_MINUTES = 10;

export const LockStateSchema = z.object({
  locked: z.boolean(),
  idleMinutes: z.number().int().min(1).max(240),
});
export type LockState = z.infer<typeof LockStateSchema>;

export const UnlockInputSchema = z.object({ password: z.string().min(1, { error: 'Enter your DPP password.' }).max(1024) });
export const IdleSettingSchema = z.object({
  idleMinutes: z.number().int().min(1, { error: 'Use at least 1 minute.' }).max(240, { error: 'Use at most 240 minutes (4 hours).' }),
});
