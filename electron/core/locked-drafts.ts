import type { DraftValues } from '../contract/applications.ts';
import type { AppError } from '../contract/result.ts';
import type { Repository } from './store/repository.ts';
import { EDITABLE_STATES } from '../contract/application-states.ts';

/** The one answer to anything refused while locked: the dispatcher's words, nothing about rows. */
export const LOCKED_ERROR: AppError = { code: 'locked', message: 'TA Desk is locked. Enter your DPP password to continue.' };

export class LockedError extends Error {
  readonly error = LOCKED_ERROR;
  constructor() {
    super(LOCKED_ERROR.message);
  }
}

/**
 * drafts.save is served while locked so the form's autosave can keep what was being typed as
 * the lock comes down. Only for the draft that was open then (the last one the form saved or
 * opened), into the environment it already belongs to; a new draft (never saved yet) goes to
 * the active environment and becomes the open one. Anything else is refused with LOCKED_ERROR,
 * whether the row exists, was submitted or never was.
 */
export function createLockedDraftGate(deps: { repo: Pick<Repository, 'getApplication' | 'saveDraft'>; actor: () => Promise<string> }) {
  let openDraftId: string | undefined;

  return {
    /** The form saved or opened this draft (called while unlocked). */
    opened(id: string): void {
      openDraftId = id;
    },

    async save(id: string | undefined, values: DraftValues, newDraft: () => Promise<{ id: string; updatedAt: string }>) {
      if (id === undefined) {
        const saved = await newDraft();
        openDraftId = saved.id;
        return saved;
      }
      if (id !== openDraftId) throw new LockedError();
      const row = await deps.repo.getApplication(id);
      if (!row || !EDITABLE_STATES.includes(row.state)) throw new LockedError();
      try {
        return await deps.repo.saveDraft({ id, environmentId: row.environmentId, values, actor: await deps.actor() });
      } catch {
        throw new LockedError(); // e.g. submitted in between: still nothing about the row
      }
    },
  };
}

export type LockedDraftGate = ReturnType<typeof createLockedDraftGate>;
