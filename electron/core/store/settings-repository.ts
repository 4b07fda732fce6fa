import type { Db } from './database.ts';
import type { EnvironmentProfile, EnvironmentRecord } from './repository-types.ts';

/** Environments (no secrets: those live in the keychain) and plain settings; no PHI here. */

/** Refuses a profile that carries a password: that belongs in the keychain only. */
function assertNoSecret(value: unknown): void {
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (/pass(word)?|secret/i.test(key)) throw new Error('An environment profile must not hold a password or secret; those live in the keychain.');
      assertNoSecret(inner);
    }
  }
}

export function createSettingsRepository(db: Db, now: () => string) {
  return {
    async listEnvironments(): Promise<EnvironmentRecord[]> {
      const rows = db.all<{ id: string; name: string; base_url: string; profile_json: string; created_at: string; updated_at: string }>(
        'SELECT id, name, base_url, profile_json, created_at, updated_at FROM environments ORDER BY name',
      );
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        baseUrl: r.base_url,
        profile: JSON.parse(r.profile_json) as EnvironmentProfile,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      }));
    },

    async saveEnvironment(env: { id: string; name: string; baseUrl: string; profile: EnvironmentProfile }): Promise<void> {
      assertNoSecret(env.profile);
      const at = now();
      db.run(
        `INSERT INTO environments (id, name, base_url, profile_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, base_url = excluded.base_url,
           profile_json = excluded.profile_json, updated_at = excluded.updated_at`,
        [env.id, env.name, env.baseUrl, JSON.stringify(env.profile), at, at],
      );
    },

    /** Removes the environment; its applications stay (they are the TA's records). */
    async deleteEnvironment(id: string): Promise<boolean> {
      return (db.run('DELETE FROM environments WHERE id = ?', [id])).changes > 0;
    },

    async getSetting(key: string): Promise<string | undefined> {
      return (db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key]))?.value;
    },

    async setSetting(key: string, value: string): Promise<void> {
      db.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
    },
  };
}
