import { randomUUID } from 'node:crypto';
import type { AppInfo, Profile } from '../contract/app-info.ts';
import {
  EnvironmentInputSchema,
  PRACTICE_ENVIRONMENT_ID,
  type ConnectionTest,
  type EnvironmentInput,
  type EnvironmentList,
  type EnvironmentView,
} from '../contract/environments.ts';
import { checkBaseUrl } from './dpp/base-url.ts';
import { createDppClient, type DppClient, type DppCredentials, type FetchFn } from './dpp/client.ts';
import type { Environment } from './environment.ts';

const baseUrlOf = (url: URL) => url.toString().replace(/\/$/, '');

/** What binds a stored password: the origin and the username it was typed for. */
function bindingChanges(before: Environment, url: URL, userId: string): { what: 'address' | 'username' }[] {
  const changes: { what: 'address' | 'username' }[] = [];
  if (new URL(before.baseUrl).origin !== url.origin) changes.push({ what: 'address' });
  if (before.profile.userId !== userId) changes.push({ what: 'username' });
  return changes;
}

/** Audit wording for every change of address (path included) or username: old and new, no secret. */
function addressChanges(before: Environment, url: URL, userId: string): string[] {
  const out: string[] = [];
  if (before.baseUrl !== baseUrlOf(url)) out.push(`DPP address changed from ${before.baseUrl} to ${baseUrlOf(url)}`);
  if (before.profile.userId !== userId) out.push(`DPP username changed from ${before.profile.userId} to ${userId}`);
  return out;
}

/** Where environments and the active choice are kept (the SQLite repository in the app). */
export interface EnvironmentStore {
  listEnvironments(): Promise<{ id: string; name: string; baseUrl: string; profile: unknown }[]>;
  saveEnvironment(env: { id: string; name: string; baseUrl: string; profile: unknown }): Promise<unknown>;
  deleteEnvironment(id: string): Promise<unknown>;
  getSetting(key: string): Promise<string | undefined | null>;
  setSetting(key: string, value: string): Promise<unknown>;
}

/** The slice of the credential vault this service needs. */
export interface PasswordVault {
  setPassword(environmentId: string, password: string): Promise<void>;
  getPassword(environmentId: string): Promise<string | null>;
  hasPassword(environmentId: string): Promise<boolean>;
  deletePassword(environmentId: string): Promise<boolean>;
  verifyPassword(environmentId: string, candidate: string): Promise<boolean>;
}

/** Where a removed environment's password is kept, for unlocking its data only (never sent). */
export const retiredPasswordId = (environmentId: string) => `retired-${environmentId}`;
const RETIRED_KEY = 'retiredEnvironments';

/** A user-facing problem with what the TA entered; `fields` are keyed like the Settings form. */
export class EnvironmentInputError extends Error {
  constructor(
    message: string,
    readonly fields: Record<string, string[]>,
  ) {
    super(message);
  }
}

/** Raised when a DPP call needs a password that is not in the keychain. */
export class MissingPasswordError extends Error {
  constructor(environmentName: string) {
    super(`No DPP password is stored for “${environmentName}”. Add it in Settings, then submit again.`);
  }
}

const ACTIVE_KEY = 'activeEnvironmentId';

interface StoredProfile extends Profile {
  userId: string;
}

export interface EnvironmentServiceOptions {
  store: EnvironmentStore;
  vault: PasswordVault;
  practice: { environment: Environment; credentials: DppCredentials; fetch: FetchFn };
  /** net.fetch in Electron, Node's fetch in the preview host. */
  networkFetch: FetchFn;
  timeoutMs?: number;
  /** Records a change of an environment's address or username (old and new, never a secret). */
  audit?: (detail: string) => Promise<void>;
}

/**
 * DPP environments: the built-in Practice one and any number of DataMotion ones, each with its
 * TA profile; the password lives only in the keychain (written here, read only to build a request).
 */
export function createEnvironmentService(options: EnvironmentServiceOptions) {
  const { store, vault, practice } = options;

  /**
   * Environments and the active choice are read on every send and every audit entry; this
   * service is their only writer, so it keeps them in memory and forgets them when it writes.
   */
  let cachedAll: Promise<Environment[]> | undefined;
  let cachedActiveId: Promise<string> | undefined;
  const forget = () => {
    cachedAll = undefined;
    cachedActiveId = undefined;
  };

  function all(): Promise<Environment[]> {
    cachedAll ??= store.listEnvironments().then((rows) => {
      const custom = rows.map((row): Environment => {
        const profile = row.profile as StoredProfile;
        return { id: row.id, name: row.name, practice: false, baseUrl: row.baseUrl, profile };
      });
      return [practice.environment, ...custom.sort((a, b) => a.name.localeCompare(b.name))];
    });
    cachedAll.catch(forget); // a failed read is not remembered
    return cachedAll;
  }

  async function get(id: string): Promise<Environment | undefined> {
    return (await all()).find((e) => e.id === id);
  }

  async function active(): Promise<Environment> {
    cachedActiveId ??= store.getSetting(ACTIVE_KEY).then((id) => id ?? PRACTICE_ENVIRONMENT_ID);
    cachedActiveId.catch(forget);
    return (await get(await cachedActiveId)) ?? practice.environment;
  }

  async function view(env: Environment): Promise<EnvironmentView> {
    const { userId, ...profile } = env.profile;
    return {
      id: env.id,
      name: env.name,
      baseUrl: env.practice ? 'Built-in practice DPP (in this app)' : env.baseUrl,
      practice: env.practice,
      userId,
      profile,
      hasPassword: env.practice ? true : await vault.hasPassword(env.id),
    };
  }

  function credentialsFor(env: Environment): () => Promise<DppCredentials> {
    if (env.practice) return () => Promise.resolve(practice.credentials);
    return async () => {
      const password = await vault.getPassword(env.id);
      if (!password) throw new MissingPasswordError(env.name);
      return { userId: env.profile.userId, password };
    };
  }

  function clientFor(env: Environment): DppClient {
    return createDppClient({
      baseUrl: env.baseUrl,
      fetch: env.practice ? practice.fetch : options.networkFetch,
      credentials: credentialsFor(env),
      timeoutMs: options.timeoutMs,
    });
  }

  async function retired(): Promise<{ id: string; name: string }[]> {
    const raw = await store.getSetting(RETIRED_KEY);
    if (!raw) return [];
    const parsed = JSON.parse(raw) as unknown;
    return Array.isArray(parsed) ? parsed.filter((r): r is { id: string; name: string } => typeof r?.id === 'string' && typeof r?.name === 'string') : [];
  }

  function appInfo(env: Environment, version: string): AppInfo {
    const { trustedAgent, organizationName, directDomain, defaultCountry, defaultState } = env.profile;
    return {
      version,
      environmentId: env.id,
      environmentName: env.name,
      practice: env.practice,
      profile: { trustedAgent, organizationName, directDomain, defaultCountry, defaultState },
    };
  }

  return {
    all,
    get,
    active,
    credentialsFor,
    clientFor,
    appInfo,

    async list(): Promise<EnvironmentList> {
      const [envs, current] = await Promise.all([all(), active()]);
      return { activeId: current.id, environments: await Promise.all(envs.map(view)) };
    },

    async save(raw: EnvironmentInput): Promise<EnvironmentView> {
      const parsed = EnvironmentInputSchema.safeParse(raw);
      const fields: Record<string, string[]> = {};
      if (!parsed.success) {
        for (const issue of parsed.error.issues) (fields[String(issue.path[0])] ??= []).push(issue.message);
        throw new EnvironmentInputError('Some settings need attention.', fields);
      }
      const input = parsed.data;
      if (input.id === PRACTICE_ENVIRONMENT_ID) throw new EnvironmentInputError('The Practice environment is built in and cannot be changed.', {});
      const url = checkBaseUrl(input.baseUrl);
      if (!url.ok) throw new EnvironmentInputError(url.message, { baseUrl: [url.message] });
      const existing = await all();
      if (existing.some((e) => e.name.toLowerCase() === input.name.toLowerCase() && e.id !== input.id)) {
        throw new EnvironmentInputError('Another environment already has this name.', { name: ['Another environment already has this name.'] });
      }
      if (input.id && !existing.some((e) => e.id === input.id)) throw new EnvironmentInputError('That environment no longer exists.', {});
      const isNew = !input.id;
      if (isNew && !input.password) {
        throw new EnvironmentInputError('Enter the DPP password for this environment.', { password: ['Enter the DPP password for this environment.'] });
      }
      const id = input.id ?? randomUUID();
      const before = input.id ? existing.find((e) => e.id === input.id) : undefined;
      const changes = before ? bindingChanges(before, url.url, input.userId) : [];
      // The stored password belongs to the origin and username it was typed for: after either
      // changes it must be typed again, or "Test connection" would hand it to the new host.
      if (changes.length > 0 && !input.password) {
        const what = changes.map((c) => c.what).join(' and ');
        const message = `The DPP ${what} changed: enter the DPP password again (the stored one is only ever sent where it was typed for).`;
        throw new EnvironmentInputError(message, { password: [message] });
      }
      const profile: StoredProfile = {
        userId: input.userId,
        trustedAgent: input.trustedAgent,
        organizationName: input.organizationName,
        directDomain: input.directDomain || undefined,
        defaultCountry: input.defaultCountry,
        defaultState: input.defaultState || undefined,
      };
      // Password first: if the keychain refuses, nothing half-saved is left behind for a new one.
      // On a change of origin or username the old one goes first, so no failure leaves it bound
      // to the new address.
      if (changes.length > 0) await vault.deletePassword(id);
      if (input.password) await vault.setPassword(id, input.password);
      await store.saveEnvironment({ id, name: input.name, baseUrl: baseUrlOf(url.url), profile });
      forget();
      const retyped = changes.length > 0 ? '; the stored password was deleted and a new one entered' : '';
      for (const change of before ? addressChanges(before, url.url, input.userId) : []) await options.audit?.(`${change} for environment “${input.name}”${retyped}`);
      const saved = await get(id);
      if (!saved) throw new Error('environment vanished after save');
      return view(saved);
    },

    /** Removed DataMotion environments whose applications may still be stored (for the lock). */
    retired,

    async remove(id: string): Promise<void> {
      if (id === PRACTICE_ENVIRONMENT_ID) throw new EnvironmentInputError('The Practice environment is built in and cannot be removed.', {});
      const env = await get(id);
      if (!env) throw new EnvironmentInputError('That environment no longer exists.', {});
      // Its applications stay in History: its password moves to an unlock-only entry, so the
      // practice password never becomes the key to them (see unlock-check.ts).
      const password = await vault.getPassword(id);
      if (password) await vault.setPassword(retiredPasswordId(id), password);
      await store.setSetting(RETIRED_KEY, JSON.stringify([...(await retired()).filter((r) => r.id !== id), { id, name: env.name }]));
      await store.deleteEnvironment(id);
      forget();
      await vault.deletePassword(id);
      if ((await store.getSetting(ACTIVE_KEY)) === id) await store.setSetting(ACTIVE_KEY, PRACTICE_ENVIRONMENT_ID);
      forget();
    },

    async activate(id: string): Promise<Environment> {
      const env = await get(id);
      if (!env) throw new EnvironmentInputError('That environment no longer exists.', {});
      await store.setSetting(ACTIVE_KEY, env.id);
      forget();
      return env;
    },

    /** A harmless authenticated call (a status lookup) that tells the TA whether the setup works. */
    async test(id: string): Promise<ConnectionTest> {
      const env = await get(id);
      if (!env) return { ok: false, outcome: 'other', message: 'That environment no longer exists.' };
      if (!env.practice && !(await vault.hasPassword(env.id))) {
        return { ok: false, outcome: 'no-password', message: `No password is stored for “${env.name}”. Enter it and save first.` };
      }
      const probe = `connection-test@${env.profile.directDomain ?? 'example.invalid'}`;
      const result = await clientFor(env).status(probe);
      if (result.ok) return { ok: true, outcome: 'ok', message: `Connected to “${env.name}”: the DPP accepted your credentials.` };
      const { code, message } = result.error;
      if (code === 'unauthorized' || code === 'forbidden') {
        return { ok: false, outcome: 'unauthorized', message: `The DPP at “${env.name}” did not accept the username and password. Check both and save again.` };
      }
      if (code === 'network' && /certificate/i.test(message)) return { ok: false, outcome: 'tls', message };
      if (code === 'network' || code === 'timeout') {
        return { ok: false, outcome: 'unreachable', message: `The DPP at ${env.baseUrl} could not be reached. Check the URL and your network.` };
      }
      return { ok: false, outcome: 'other', message };
    },
  };
}

export type EnvironmentService = ReturnType<typeof createEnvironmentService>;
