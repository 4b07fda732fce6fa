import type { ApplicationSummary } from '../contract/applications.ts';
import { FINAL_DPP_STATUSES } from '../contract/dpp-statuses.ts';
import { TYPE_NOT_KNOWN } from '../contract/certificate-types.ts';
import type { EnvironmentService } from './environments.ts';
import type { HistoryIndex } from './history.ts';
import { createLogger } from './log.ts';
import type { Repository } from './store/repository.ts';

const log = createLogger('poller');

export interface PollerOptions {
  repo: Repository;
  envs: EnvironmentService;
  history: HistoryIndex;
  actor: () => Promise<string>;
  /** Paused while locked. */
  isPaused: () => boolean;
  /** While offline, each round is a single probe instead of a full pass. */
  isOffline: () => boolean;
  /** A lookup got an answer from the DPP. */
  onReachable: () => void;
  onChanged: (row: ApplicationSummary, previous: string | null) => void;
  /** Base interval between rounds; doubles per failed round up to 16× (backoff). */
  intervalMs: number;
}

/**
 * Checks the provisioning status of every non-final application: at most one request in flight
 * per environment, rounds every `intervalMs` with backoff after failures, plus "check now".
 */
export function createStatusPoller(options: PollerOptions) {
  const { repo, envs, history } = options;
  const inFlight = new Set<string>(); // environment ids
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let stopped = false;

  async function checkRow(row: ApplicationSummary): Promise<{ ok: boolean; changed: boolean }> {
    const env = await envs.get(row.environmentId);
    // An organizational certificate is found by its Application ID (it has no Direct address), and
    // so is a tracked application of unknown type (what it names may be a domain, not an address)
    // or one whose DPP answer named no address.
    const byId = row.certificateType === 'organization' || (!!row.applicationId && (row.certificateType === TYPE_NOT_KNOWN || !row.directAddress));
    if (!env || (byId ? !row.applicationId : !row.directAddress)) return { ok: false, changed: false };
    const client = envs.clientFor(env);
    const result = byId && row.applicationId ? await client.statusById(row.applicationId) : await client.status(row.directAddress);
    // Any HTTP answer (even an error status) means the DPP is reachable again.
    if (result.ok || !['network', 'timeout', 'keychain', 'unknown-outcome'].includes(result.error.code)) options.onReachable();
    if (!result.ok || !result.value) {
      // No status to record (an error, or not found, e.g. the practice DPP restarted): keep what
      // we know and only stamp the check. recordStatus stamps it itself otherwise.
      await repo.transition(row.id, { from: ['submitted'], to: 'submitted', set: { lastCheckedAt: new Date().toISOString() } });
      return { ok: result.ok, changed: false };
    }
    const changed = await repo.recordStatus(row.id, {
      status: result.value.status,
      statusDate: result.value.statusDate ?? null,
      comments: result.value.comments ?? null,
      actor: await options.actor(),
    });
    if (changed) {
      await history.refresh(row.id);
      const updated = await history.get(row.id);
      if (updated) options.onChanged(updated, row.dppStatus);
    }
    return { ok: true, changed };
  }

  /** One pass over the given rows, serial within an environment, environments side by side. */
  async function checkRows(rows: ApplicationSummary[]): Promise<{ checked: number; changed: number; failed: number }> {
    const byEnv = new Map<string, ApplicationSummary[]>();
    for (const row of rows) byEnv.set(row.environmentId, [...(byEnv.get(row.environmentId) ?? []), row]);
    const totals = { checked: 0, changed: 0, failed: 0 };
    await Promise.all(
      [...byEnv.entries()].map(async ([envId, envRows]) => {
        if (inFlight.has(envId)) return;
        inFlight.add(envId);
        try {
          for (const row of envRows) {
            if (stopped) break;
            const r = await checkRow(row);
            totals.checked += 1;
            if (r.changed) totals.changed += 1;
            if (!r.ok) totals.failed += 1;
          }
        } finally {
          inFlight.delete(envId);
        }
      }),
    );
    return totals;
  }

  async function round(): Promise<void> {
    if (stopped) return;
    try {
      if (!options.isPaused()) {
        const pending = await history.pending(FINAL_DPP_STATUSES);
        const result = await checkRows(options.isOffline() ? pending.slice(0, 1) : pending);
        failures = result.failed > 0 && result.failed === result.checked ? Math.min(failures + 1, 4) : 0;
      }
    } catch (err) {
      log.error('status round failed', err);
      failures = Math.min(failures + 1, 4);
    }
    if (!stopped) {
      timer = setTimeout(() => void round(), options.intervalMs * 2 ** failures);
      timer.unref?.();
    }
  }

  return {
    start(): void {
      timer = setTimeout(() => void round(), options.intervalMs);
      timer.unref?.();
    },
    stop(): void {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
    /** "Check status now": one application, or every non-final one. */
    async checkNow(id?: string): Promise<{ checked: number; changed: number }> {
      const rows = id ? [await history.get(id)].filter((r): r is ApplicationSummary => !!r) : await history.pending(FINAL_DPP_STATUSES);
      const { checked, changed } = await checkRows(rows);
      return { checked, changed };
    },
  };
}

export type StatusPoller = ReturnType<typeof createStatusPoller>;
