import type { EnvironmentService, PasswordVault } from './environments.ts';
import { retiredPasswordId } from './environments.ts';

/**
 * Which password unlocks TA Desk (issue 12: a password anyone knows never reveals a real
 * environment's data). While any DataMotion environment exists, or existed and was removed
 * (its applications stay in History), only a DataMotion password kept in the keychain unlocks:
 * one of the current environments', or a removed one's, kept for this alone. The practice
 * password, printed in the README, unlocks only an app that has never held real data.
 * If the keychain lost every real password, the app stays locked: the data is not worth less
 * because the key went missing.
 */
export function createUnlockCheck(options: {
  envs: Pick<EnvironmentService, 'all' | 'retired'>;
  vault: Pick<PasswordVault, 'verifyPassword'>;
  practicePassword: string;
  practiceName: string;
}) {
  async function candidates(): Promise<{ name: string; vaultId: string }[]> {
    const real = (await options.envs.all()).filter((e) => !e.practice).map((e) => ({ name: e.name, vaultId: e.id }));
    const retired = (await options.envs.retired()).map((r) => ({ name: `${r.name} (removed)`, vaultId: retiredPasswordId(r.id) }));
    return [...real, ...retired];
  }

  return {
    /** The names the lock screen shows. */
    async names(): Promise<string[]> {
      const found = await candidates();
      return found.length > 0 ? found.map((c) => c.name) : [options.practiceName];
    },

    async verify(password: string): Promise<boolean> {
      const found = await candidates();
      if (found.length === 0) return password === options.practicePassword;
      // Every candidate is checked (no early exit), so the time taken does not say which matched.
      const matches = await Promise.all(found.map((c) => options.vault.verifyPassword(c.vaultId, password)));
      return matches.includes(true);
    },
  };
}

export type UnlockCheck = ReturnType<typeof createUnlockCheck>;
