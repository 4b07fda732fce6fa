import type { EnvironmentService } from './environments.ts';
import type { Repository } from './store/repository.ts';

/** Who did it, for the audit log: the TA profile of the active environment (no PHI). */
export function auditActor(envs: Pick<EnvironmentService, 'active'>): () => Promise<string> {
  return async () => {
    const env = await envs.active();
    return `${env.profile.trustedAgent} <${env.profile.userId}> @ ${env.name}`;
  };
}

/** The idle-lock minutes the TA chose, kept in the store's settings. */
export function idleMinutesSetting(repo: Pick<Repository, 'getSetting' | 'setSetting'>) {
  return {
    load: async (): Promise<number | undefined> => {
      const stored = await repo.getSetting('idleMinutes');
      return stored ? Number(stored) : undefined;
    },
    save: (minutes: number) => repo.setSetting('idleMinutes', String(minutes)),
  };
}
