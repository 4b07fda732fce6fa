import { fail, ok, type AppError, type Result } from '../../contract/result.ts';
import { EnvironmentInputError } from '../environments.ts';
import { LockedError } from '../locked-drafts.ts';
import { StoreConflictError, StoreNotFoundError } from '../store/repository.ts';

/** A failure the TA should see as is (already worded for them). */
export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

function knownError(err: unknown): AppError | undefined {
  if (err instanceof AppFailure || err instanceof LockedError) return err.error;
  if (err instanceof EnvironmentInputError) return { code: 'invalid', message: err.message, fields: err.fields };
  if (err instanceof StoreConflictError) return { code: 'conflict', message: err.message };
  if (err instanceof StoreNotFoundError) return { code: 'not-found', message: 'This application no longer exists.' };
  if (err instanceof Error && err.name === 'KeychainUnavailableError') return { code: 'keychain', message: err.message };
  return undefined;
}

/** Known failures become typed errors; anything else propagates to the dispatcher (redacted there). */
export async function guard<T>(fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await fn());
  } catch (err) {
    const known = knownError(err);
    if (known) return fail(known);
    throw err;
  }
}
