import type { SecretStore } from './secret-store.ts';

/**
 * A keychain that lives only in this process's memory: for the preview host's `--ephemeral` mode
 * on machines without an OS keychain. Nothing is written anywhere; everything encrypted with a key
 * from here is unreadable after exit, which is why that mode also uses a throwaway data directory.
 * Never used by the Electron app.
 */
export function memorySecretStore(): SecretStore {
  const entries = new Map<string, string>();
  const key = (service: string, account: string) => `${service}\u0000${account}`;
  return {
    get: (service, account) => Promise.resolve(entries.get(key(service, account)) ?? null),
    set: (service, account, secret) => {
      entries.set(key(service, account), secret);
      return Promise.resolve();
    },
    delete: (service, account) => Promise.resolve(entries.delete(key(service, account))),
  };
}
