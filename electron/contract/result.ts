import { z } from 'zod';

/**
 * Every channel answers with a Result, never a thrown error: ipcMain.handle would carry only
 * error.message across, and the renderer needs the code and the field errors to act on them.
 */
export const ERROR_CODES = [
  'bad-request', // the IPC payload itself did not match the contract
  'invalid', // the application breaks a rule (form or DPP 400); `fields` says where
  'unauthorized', // DPP 401: credentials wrong or expired
  'forbidden', // DPP 403: not a Trusted Agent for this organization
  'conflict', // DPP 409: the Direct address is already in use
  'rate-limited', // DPP 429: wait `retryAfterSeconds`
  'server-error', // DPP 5xx: transient
  'network', // the DPP could not be reached
  'timeout', // no answer in time; the request may or may not have been applied
  'unknown-outcome', // we cannot tell whether the DPP applied the request
  'bad-response', // the DPP answered something we cannot read
  'locked', // the idle lock is on: unlock first
  'not-found', // no such draft/application
  'keychain', // the OS keychain is unavailable; `message` says how to fix it
  'file', // a file the TA chose could not be written; `message` says why
  'internal', // a bug on our side; the message is redacted
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const AppErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  fields: z.record(z.string(), z.array(z.string())).optional(),
  retryAfterSeconds: z.number().nonnegative().optional(),
  /** The draft that holds the refused application, so the form keeps editing that row. */
  draftId: z.string().optional(),
});
export type AppError = z.infer<typeof AppErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(error: AppError): Result<never> {
  return { ok: false, error };
}

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: AppErrorSchema }),
  ]);
}
