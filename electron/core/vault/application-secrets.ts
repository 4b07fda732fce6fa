import { CERTIFICATE_TYPES } from '../../contract/certificate-types.ts';
import { secretFields } from '../../contract/certificates.ts';
import type { SecretStore } from './secret-store.ts';

/** Every secret field any certificate type has (the address certificate's Direct account password). */
const SECRET_FIELDS = [...new Set(CERTIFICATE_TYPES.flatMap((type) => secretFields(type)))];

/**
 * Secrets typed into an application (docs/architecture.md, "Certificate types"): kept in the OS
 * keychain, one entry per application row and field, from the moment the TA types them until the
 * DPP has them (or the draft is deleted); never in the database, a log, an export or the audit.
 * Errors name the row at most, never the value.
 */
export function createApplicationSecrets(store: SecretStore, options: { servicePrefix?: string } = {}) {
  const prefix = options.servicePrefix ?? 'TA Desk';
  const service = (rowId: string) => {
    if (!/^[0-9a-f-]{36}$/i.test(rowId)) throw new Error('An application secret needs the application’s row id.');
    return `${prefix}/application/${rowId}`;
  };

  return {
    /** Keep `value` for this row's `field`; an empty value forgets it. */
    async put(rowId: string, field: string, value: string): Promise<void> {
      if (!SECRET_FIELDS.includes(field)) throw new Error(`“${field}” is not a secret field.`);
      if (value === '') await store.delete(service(rowId), field);
      else await store.set(service(rowId), field, value);
    },

    /** The row's secrets by field (only those kept). */
    async read(rowId: string): Promise<Record<string, string>> {
      const out: Record<string, string> = {};
      for (const field of SECRET_FIELDS) {
        const value = await store.get(service(rowId), field);
        if (value !== null) out[field] = value;
      }
      return out;
    },

    /** Names of the secret fields kept for the row (never their values). */
    async names(rowId: string): Promise<string[]> {
      return Object.keys(await this.read(rowId));
    },

    /** Forget every secret of the row: the DPP has them, or the draft is gone. */
    async forget(rowId: string): Promise<void> {
      for (const field of SECRET_FIELDS) await store.delete(service(rowId), field);
    },
  };
}

export type ApplicationSecrets = ReturnType<typeof createApplicationSecrets>;
