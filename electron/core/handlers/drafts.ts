import type { DraftValues } from '../../contract/applications.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import { StoreNotFoundError } from '../store/repository.ts';
import { toSummary } from '../summaries.ts';
import { AppFailure, guard } from './guard.ts';
import type { CoreServices } from './services.ts';

type DraftServices = Pick<CoreServices, 'repo' | 'envs' | 'actor'>;

/** Saves a new draft (no id) or an editable one, in the active environment. */
export function draftSaver({ repo, envs, actor }: DraftServices) {
  return async (id: string | undefined, values: DraftValues) => {
    const env = await envs.active();
    return repo.saveDraft({ id, environmentId: env.id, values, actor: await actor() });
  };
}

/** Refusal of a type the store cannot keep yet (it keeps patient rows until issue 16's store step). */
export function notYetStored(): AppFailure {
  return new AppFailure({ code: 'bad-request', message: 'TA Desk cannot keep this type of certificate application yet.' });
}

/** A duplicate tells itself apart from its original in Drafts: its patient's name says "(copy)". */
export function copyOf(values: DraftValues): DraftValues {
  const name = (typeof values.fullName === 'string' && values.fullName.trim()) || `${values.firstName ?? ''} ${values.lastName ?? ''}`.trim();
  if (/\(copy\)$/i.test(name)) return { ...values };
  return { ...values, fullName: name ? `${name} (copy)` : '(copy)' };
}

/** drafts.*: drafts and applications that need attention, the ones a TA may still edit. */
export function draftHandlers(
  services: DraftServices & Pick<CoreServices, 'lock' | 'lockedDrafts'>,
): Pick<Handlers, 'drafts.save' | 'drafts.list' | 'drafts.get' | 'drafts.delete' | 'drafts.duplicate'> {
  const { repo, actor, lock, lockedDrafts } = services;
  const save = draftSaver(services);
  return {
    // Served while locked (the form's autosave as the lock comes down): then only the open draft.
    'drafts.save': ({ id, certificateType, values }) =>
      guard(async () => {
        if (certificateType !== 'patient') throw notYetStored();
        if (lock.isLocked()) return lockedDrafts.save(id, values, () => save(undefined, values));
        const saved = await save(id, values);
        lockedDrafts.opened(saved.id);
        return saved;
      }),
    'drafts.list': () => guard(async () => (await repo.listApplications({ states: ['draft', 'needs-attention'] })).map(toSummary)),
    'drafts.get': ({ id }) =>
      guard(async () => {
        const row = await repo.getApplication(id);
        if (!row) throw new StoreNotFoundError(id);
        lockedDrafts.opened(row.id);
        return {
          id: row.id,
          state: row.state,
          certificateType: 'patient' as const,
          values: row.values as DraftValues,
          keptSecrets: [],
          attention: row.attentionCode && row.attentionMessage ? { code: row.attentionCode, message: row.attentionMessage } : null,
          updatedAt: row.updatedAt,
        };
      }),
    'drafts.delete': ({ id }) =>
      guard(async () => {
        await repo.deleteApplication(id, await actor());
        return { done: true as const };
      }),
    'drafts.duplicate': ({ id }) =>
      guard(async () => {
        const row = await repo.getApplication(id);
        if (!row) throw new StoreNotFoundError(id);
        return save(undefined, copyOf(row.values as DraftValues));
      }),
  };
}
