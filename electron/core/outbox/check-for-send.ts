import { certificateFieldErrors, certificateSchema, secretFields, type AnyCertificate } from '../../contract/certificates.ts';
import type { AppError } from '../../contract/result.ts';
import type { Environment } from '../environment.ts';
import type { ApplicationRecord } from '../store/repository.ts';
import type { OutboxOptions } from './types.ts';

/**
 * A queued row's application, checked again right before a send by its type's schema (the
 * profile may have changed since it was queued), with its secrets from the keychain added back.
 */
export async function checkForSend(
  row: ApplicationRecord,
  env: Environment,
  secrets: OutboxOptions['secrets'],
): Promise<{ ok: true; app: AnyCertificate } | { ok: false; error: AppError }> {
  const type = row.certificateType;
  // Only a type with a secret field asks the keychain (a round trip per send otherwise wasted).
  const kept = secrets && secretFields(type).length > 0 ? await secrets.read(row.id) : {};
  const parsed = certificateSchema(type, { directDomain: env.profile.directDomain }).safeParse({ ...row.values, ...kept });
  if (parsed.success) return { ok: true, app: { certificateType: type, application: parsed.data } as AnyCertificate };
  return {
    ok: false,
    error: { code: 'invalid', message: 'Some fields need attention before this application can be sent.', fields: certificateFieldErrors(type, parsed.error) },
  };
}
