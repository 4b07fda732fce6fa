import type { DraftValues } from '../../contract/applications.ts';
import { secretFields } from '../../contract/certificates.ts';
import type { CertificateType } from '../../contract/certificate-types.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import { StoreNotFoundError } from '../store/repository.ts';
import { toSummary } from '../summaries.ts';
import { guard } from './guard.ts';
import type { CoreServices } from './services.ts';

type DraftServices = Pick<CoreServices, 'repo' | 'envs' | 'actor'>;

/** Saves a new draft (no id) or an editable one, in the active environment. Never with a secret in its values. */
export function draftSaver({ repo, envs, actor }: DraftServices) {
  return async (id: string | undefined, values: DraftValues, certificateType?: CertificateType) => {
    const env = await envs.active();
    return repo.saveDraft({ id, certificateType, environmentId: env.id, values: withoutSecrets(values, certificateType), actor: await actor() });
  };
}

/** The values minus every secret field (of this type, and of any type, to be sure). */
export function withoutSecrets<T extends Record<string, unknown>>(values: T, type: CertificateType = 'patient'): T {
  const out: Record<string, unknown> = { ...values };
  for (const field of [...secretFields(type), 'password']) delete out[field];
  return out as T;
}

/** Keeps the secrets typed into a draft in the keychain ('' forgets one); fields the type has no secret of are ignored. */
export async function keepSecrets(secrets: CoreServices['secrets'], rowId: string, type: CertificateType, given: Record<string, unknown> | undefined) {
  for (const field of secretFields(type)) {
    const value = given?.[field];
    if (typeof value === 'string') await secrets.put(rowId, field, value);
  }
}

/**
 * A duplicate tells itself apart from its original in Drafts: the name it is listed by says
 * "(copy)" (the person's full name; an organizational certificate's alternate name). Its secrets
 * are not copied: a password belongs to one person's account.
 */
export function copyOf(values: DraftValues, type: CertificateType = 'patient'): DraftValues {
  if (type === 'organization') {
    const name = (values.alternateName ?? '').trim();
    return /\(copy\)$/i.test(name) ? { ...values } : { ...values, alternateName: name ? `${name} (copy)` : '(copy)' };
  }
  const name = (typeof values.fullName === 'string' && values.fullName.trim()) || `${values.firstName ?? ''} ${values.lastName ?? ''}`.trim();
  if (/\(copy\)$/i.test(name)) return { ...values };
  return { ...values, fullName: name ? `${name} (copy)` : '(copy)' };
}

/** drafts.*: drafts and applications that need attention, the ones a TA may still edit. */
export function draftHandlers(
  services: DraftServices & Pick<CoreServices, 'lock' | 'lockedDrafts' | 'secrets'>,
): Pick<Handlers, 'drafts.save' | 'drafts.list' | 'drafts.get' | 'drafts.delete' | 'drafts.duplicate'> {
  const { repo, actor, lock, lockedDrafts, secrets } = services;
  const save = draftSaver(services);
  return {
    // Served while locked (the form's autosave as the lock comes down): then only the open draft.
    'drafts.save': ({ id, certificateType, values, secrets: typed }) =>
      guard(async () => {
        const clean = withoutSecrets(values, certificateType);
        const saved = lock.isLocked()
          ? await lockedDrafts.save(id, clean, () => save(undefined, clean, certificateType))
          : await save(id, clean, certificateType);
        if (!lock.isLocked()) lockedDrafts.opened(saved.id);
        await keepSecrets(secrets, saved.id, certificateType, typed);
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
          certificateType: row.certificateType,
          values: row.values as DraftValues,
          keptSecrets: await secrets.names(row.id),
          attention: row.attentionCode && row.attentionMessage ? { code: row.attentionCode, message: row.attentionMessage } : null,
          updatedAt: row.updatedAt,
        };
      }),
    'drafts.delete': ({ id }) =>
      guard(async () => {
        await repo.deleteApplication(id, await actor());
        await secrets.forget(id);
        return { done: true as const };
      }),
    'drafts.duplicate': ({ id }) =>
      guard(async () => {
        const row = await repo.getApplication(id);
        if (!row) throw new StoreNotFoundError(id);
        return save(undefined, copyOf(row.values as DraftValues, row.certificateType), row.certificateType);
      }),
  };
}
