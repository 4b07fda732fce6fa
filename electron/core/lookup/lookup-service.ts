import { randomUUID } from 'node:crypto';
import { DirectAddressSchema } from '../../contract/application.ts';
import { dppStatusLabel } from '../../contract/dpp-statuses.ts';
import { localTimeWithOffset } from '../../contract/local-time.ts';
import { applicationIdProblem, BATCH_OUTCOME_LABELS, notFoundByIdMessage, notFoundMessage } from '../../contract/lookup-words.ts';
import type { BatchProgress, BatchResults, BatchStarted, FoundApplication, IdLookupAnswer, LookupAnswer } from '../../contract/lookup.ts';
import { fail, ok, type AppError, type Result } from '../../contract/result.ts';
import type { DppClient, ProvisioningStatus } from '../dpp/client.ts';
import type { Pacer } from '../dpp/pacer.ts';
import type { EnvironmentService } from '../environments.ts';
import { createLogger } from '../log.ts';
import { AddressListError, readAddressList } from './address-list.ts';
import { runBatch, type Batch } from './batch.ts';
import type { TrackedInput } from '../store/repository-types.ts';
import { foundOf, lookupError, pacedAsk, plainSleep } from './paced-status.ts';

const log = createLogger('lookup');

/** Batches kept for their results table and export; older ones are forgotten (they hold PHI). */
const KEPT_BATCHES = 3;
/** A single lookup does not sit silently behind a long Retry-After: it says how long to wait. */
const MAX_SINGLE_WAIT_MS = 2000;

/** The environment a lookup is made in (what the audit entry names and the request goes to). */
type ActiveEnvironment = Awaited<ReturnType<EnvironmentService['active']>>;

export interface LookupServiceDeps {
  envs: Pick<EnvironmentService, 'active' | 'clientFor'>;
  /** Shared with the outbox: one idea of the DPP's rate, whoever sends. */
  pacer: Pacer;
  actor: () => Promise<string>;
  /** An audit entry: who, when, environment and how many, never the addresses. */
  audit: (detail: string) => Promise<unknown>;
  /** The History row of this address in this environment, if there is one. */
  historyIdOf: (address: string, environmentId: string) => Promise<string | null>;
  /** The History row holding this Application ID in this environment, if there is one. */
  historyIdOfApplication: (applicationId: string, environmentId: string) => Promise<string | null>;
  /** Adds a found application to History as tracked; returns its row id. */
  addTracked: (input: TrackedInput) => Promise<string>;
  onProgress: (progress: BatchProgress) => void;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 'es'}`;

export class LookupInputError extends Error {
  constructor(
    message: string,
    readonly fields: Record<string, string[]>,
  ) {
    super(message);
  }
}

/** Status lookup: one address, a batch, and tracking what was found (issue 13). */
export function createLookupService(deps: LookupServiceDeps) {
  const batches = new Map<string, Batch>();
  /** Each batch's closing audit entry, until it is written: closing the core waits for them. */
  const endings = new Set<Promise<void>>();

  function checkAddress(raw: string): string {
    const parsed = DirectAddressSchema.safeParse(raw);
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? 'Enter a Direct address.';
      throw new LookupInputError(message, { address: [message] });
    }
    return parsed.data;
  }

  function checkApplicationId(raw: string): string {
    const problem = applicationIdProblem(raw);
    if (problem) throw new LookupInputError(problem, { applicationId: [problem] });
    return raw.trim();
  }

  /**
   * One request (by address or by number) to `env`, the environment the caller audited, through
   * the shared pacer; a long Retry-After is said, not waited out.
   */
  async function lookUpOnce(env: ActiveEnvironment, ask: (client: DppClient) => Promise<Result<ProvisioningStatus | null>>): Promise<Result<ProvisioningStatus | null>> {
    const wait = deps.pacer.delayMs();
    if (wait > MAX_SINGLE_WAIT_MS) {
      const seconds = Math.ceil(wait / 1000);
      return fail(lookupError({ code: 'rate-limited', message: '', retryAfterSeconds: seconds }, env));
    }
    const client = deps.envs.clientFor(env);
    const answer = await pacedAsk(deps.pacer, () => ask(client), plainSleep);
    return answer.ok ? answer : fail(lookupError(answer.error, env));
  }

  /** The History row already following what was found: by its number, else by its Direct address. */
  async function historyIdOfFound(found: FoundApplication, environmentId: string): Promise<string | null> {
    const byId = found.applicationId ? await deps.historyIdOfApplication(found.applicationId, environmentId) : null;
    return byId ?? (found.directAddress ? await deps.historyIdOf(found.directAddress, environmentId) : null);
  }

  async function addTracked(env: { id: string }, found: FoundApplication, askedId?: string): Promise<string> {
    const { comments, status, statusDate, certificateType, directAddress, directDomain } = found;
    const applicationId = found.applicationId ?? askedId ?? null;
    return deps.addTracked({ environmentId: env.id, applicationId, status, statusDate, comments, certificateType, directAddress, directDomain, actor: await deps.actor() });
  }

  /** Look the number up again (the answer is the DPP's now) and add it to History as tracked. */
  async function trackById(raw: string): Promise<Result<{ id: string; alreadyTracked: boolean }>> {
    const applicationId = checkApplicationId(raw);
    const env = await deps.envs.active();
    const existing = await deps.historyIdOfApplication(applicationId, env.id);
    if (existing) return ok({ id: existing, alreadyTracked: true });
    await deps.audit(`Status lookup of 1 Application ID at ${env.name}, to track it`);
    const answer = await lookUpOnce(env, (client) => client.statusById(applicationId));
    if (!answer.ok) return answer;
    if (!answer.value) return fail({ code: 'not-found', message: notFoundByIdMessage(applicationId, env.name) } satisfies AppError);
    const found = foundOf(answer.value);
    // Not tracked by this number (checked above); perhaps by the address the answer names.
    const already = found.directAddress ? await deps.historyIdOf(found.directAddress, env.id) : null;
    if (already) return ok({ id: already, alreadyTracked: true });
    return ok({ id: await addTracked(env, found, applicationId), alreadyTracked: false });
  }

  function batchOf(id: string): Batch {
    const batch = batches.get(id);
    if (!batch) throw new LookupInputError('These lookup results are no longer kept. Start the lookup again.', {});
    return batch;
  }

  function results(batch: Batch): BatchResults {
    return { ...batch.progress(), environmentName: batch.env.name, skipped: [...batch.skipped], rows: batch.rows.map((r) => ({ ...r })) };
  }

  return {
    checkAddress,

    async one(raw: string): Promise<Result<LookupAnswer>> {
      const address = checkAddress(raw);
      const env = await deps.envs.active();
      await deps.audit(`Status lookup of 1 address at ${env.name}`);
      const answer = await lookUpOnce(env, (client) => client.status(address));
      if (!answer.ok) return answer;
      const found = answer.value ? foundOf(answer.value, { address }) : null;
      return ok({ address, environmentName: env.name, practice: env.practice, found, historyId: found ? await deps.historyIdOf(address, env.id) : null });
    },

    /** Any application by its Application ID (the only lookup an organizational certificate has). */
    async oneById(raw: string): Promise<Result<IdLookupAnswer>> {
      const applicationId = checkApplicationId(raw);
      const env = await deps.envs.active();
      await deps.audit(`Status lookup of 1 Application ID at ${env.name}`);
      const answer = await lookUpOnce(env, (client) => client.statusById(applicationId));
      if (!answer.ok) return answer;
      const found = answer.value ? foundOf(answer.value) : null;
      return ok({ applicationId, environmentName: env.name, practice: env.practice, found, historyId: found ? await historyIdOfFound(found, env.id) : null });
    },

    async startBatch(text: string, format: 'list' | 'csv'): Promise<BatchStarted> {
      let list;
      try {
        list = readAddressList(text, format);
      } catch (err) {
        if (err instanceof AddressListError) throw new LookupInputError(err.message, { addresses: [err.message] });
        throw err;
      }
      const env = await deps.envs.active();
      const notSent = list.skipped.length > 0 ? ` (${list.skipped.length} not sent: invalid or repeated)` : '';
      await deps.audit(`Status lookup of ${plural(list.addresses.length, 'address')} started at ${env.name}${notSent}`);
      const id = randomUUID();
      const batch = runBatch(id, list.addresses, list.skipped, {
        client: deps.envs.clientFor(env),
        pacer: deps.pacer,
        env,
        historyIdOf: (address) => deps.historyIdOf(address, env.id),
        onProgress: deps.onProgress,
      });
      batches.set(id, batch);
      for (const old of [...batches.keys()].slice(0, Math.max(0, batches.size - KEPT_BATCHES))) {
        batches.get(old)?.cancel();
        batches.delete(old);
      }
      const ending = batch.finished.then(async () => {
        const count = (outcome: string) => batch.rows.filter((r) => r.outcome === outcome).length;
        const { state, done } = batch.progress();
        await deps.audit(
          `Status lookup at ${env.name} ${state}: ${done} of ${batch.rows.length} looked up ` +
            `(${count('found')} found, ${count('not-found')} without application, ${count('failed')} could not be checked)`,
        );
      }).catch((err: unknown) => log.error('the end of a status lookup could not be audited', err));
      endings.add(ending);
      void ending.finally(() => endings.delete(ending));
      return { ...batch.progress(), environmentName: env.name, skipped: list.skipped };
    },

    /** Quitting: running batches stop sending, and their ends are audited before the store closes. */
    async stop(): Promise<void> {
      for (const batch of batches.values()) batch.cancel();
      await Promise.all(endings);
    },

    results: (batchId: string) => results(batchOf(batchId)),
    cancel: (batchId: string) => batchOf(batchId).cancel(),

    /** The results table as CSV: statuses and outcomes in words, the environment named. */
    exportBatch(batchId: string): { header: string[]; rows: (string | null)[][]; count: number; environmentName: string } {
      const batch = batchOf(batchId);
      // Local times with their offset for the reader (as History's export); the DPP's own value last, for machines.
      const header = ['Direct address', 'Result', 'Status', 'Application ID', 'Status date', 'Officer comments', 'Environment', 'Problem', 'Status date (as the DPP sent it)'];
      const rows = [
        ...batch.rows.map((r) => [
          r.address,
          BATCH_OUTCOME_LABELS[r.outcome],
          r.found ? dppStatusLabel(r.found.status) : null,
          r.found?.applicationId ?? null,
          localTimeWithOffset(r.found?.statusDate),
          r.found?.comments ?? null,
          batch.env.name,
          r.error,
          r.found?.statusDate ?? null,
        ]),
        ...batch.skipped.map((s) => [s.entry, 'Not sent', null, null, null, null, batch.env.name, s.reason, null]),
      ];
      return { header, rows, count: rows.length, environmentName: batch.env.name };
    },

    /** Look the address (or number) up again (the answer is the DPP's now) and add it to History as tracked. */
    async track(input: { address?: string; applicationId?: string }): Promise<Result<{ id: string; alreadyTracked: boolean }>> {
      if (input.applicationId !== undefined) return trackById(input.applicationId);
      const address = checkAddress(input.address ?? '');
      const env = await deps.envs.active();
      const existing = await deps.historyIdOf(address, env.id);
      if (existing) return ok({ id: existing, alreadyTracked: true });
      await deps.audit(`Status lookup of 1 address at ${env.name}, to track it`);
      const answer = await lookUpOnce(env, (client) => client.status(address));
      if (!answer.ok) return answer;
      if (!answer.value) return fail({ code: 'not-found', message: notFoundMessage(address, env.name) } satisfies AppError);
      return ok({ id: await addTracked(env, foundOf(answer.value, { address })), alreadyTracked: false });
    },
  };
}

export type LookupService = ReturnType<typeof createLookupService>;
