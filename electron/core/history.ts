import type { ApplicationSummary, HistoryPage, HistoryQuery } from '../contract/applications.ts';
import { HistoryQuerySchema } from '../contract/applications.ts';
import { localDayEdge } from '../contract/local-day.ts';
import { createHistoryColumns, type ColumnEntry, type HistoryColumns } from './history-columns.ts';
import type { Repository, StoredSummary } from './store/repository.ts';
import { toSummary } from './summaries.ts';

type Sortable = 'submittedAt' | 'patientName' | 'dppStatus' | 'statusDate' | 'applicationId';

/**
 * What the index keeps per application: only what searching, filtering and sorting need
 * (history-columns.ts). The rows of a page are read (and decrypted) from the store when asked
 * for, so memory stays small at 100,000 applications and the rest of the PHI is not held in memory.
 */
const entryOf = (row: StoredSummary | ApplicationSummary): ColumnEntry => ({
  id: row.id,
  haystack: `${row.patientName}\n${row.directAddress}\n${row.applicationId ?? ''}`.toLowerCase(),
  environmentId: row.environmentId,
  dppStatus: row.dppStatus ?? '',
  statusDate: row.statusDate ?? '',
  submittedAt: row.submittedAt ?? '',
  certificateType: row.certificateType,
  expiresOn: row.expiresOn ?? '',
  autoRenew: row.autoRenew === true,
});

/** Dates compare as numbers; none (NaN) sorts before any, as the empty string did. */
const dateKey = (value: number) => (Number.isNaN(value) ? Number.NEGATIVE_INFINITY : value);

/**
 * The history of submitted applications, indexed in main's memory (the database keeps PHI
 * encrypted, so SQL cannot search it). Loaded once, page by page, then kept current row by row.
 */
/** From the start of today (UTC) to the end of the day `days` from now: "expiring soon". */
function expiringWindow(days: number, now: Date): { from: number; to: number } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return { from: today, to: today + days * 86_400_000 };
}

/** Issued, not renewing by itself, and lapsing inside the window. */
function expiresWithin(all: HistoryColumns, n: number, window: { from: number; to: number }): boolean {
  const at = all.expiresMs(n);
  return !all.renewsByItself(n) && at >= window.from && at <= window.to;
}

export function createHistoryIndex(repo: Repository, batchApplicationIds: (batchId: string) => string[] = () => [], clock: () => Date = () => new Date()) {
  /**
   * Entries by position in load order; a removed row leaves a dead position. Filters scan
   * positions in order into a mask; sorted orders are arrays of positions, cached until a row
   * changes, so walking them touches only the small mask.
   */
  let base: HistoryColumns | undefined;
  let loading: Promise<HistoryColumns> | undefined;
  const sorted = new Map<string, Uint32Array>();
  /** The distinct statuses, for the filter; cached like the sorted lists. */
  let statusNames: string[] | undefined;

  const invalidate = () => {
    sorted.clear();
    statusNames = undefined;
  };

  async function load(): Promise<HistoryColumns> {
    if (base) return base;
    loading ??= (async () => {
      // Page by page: reading every encrypted row at once would hold them all (and their
      // decrypted copies) in memory together.
      const loaded = createHistoryColumns();
      for (let after = 0; ; ) {
        const page = await repo.pageApplications({ states: ['submitted'], afterRowid: after, limit: 500 });
        for (const row of page.rows) loaded.append(entryOf(row));
        if (page.rows.length === 0) break;
        after = page.lastRowid;
      }
      loaded.sealAll();
      base = loaded;
      invalidate();
      loading = undefined;
      return loaded;
    })();
    return loading;
  }

  /** The live positions, in order. */
  function positions(all: HistoryColumns): number[] {
    const out: number[] = [];
    for (let n = 0; n < all.size; n++) if (all.alive(n)) out.push(n);
    return out;
  }

  function sortedBy(all: HistoryColumns, key: Sortable, direction: 'asc' | 'desc'): Uint32Array {
    const cacheKey = `${key}:${direction}`;
    let order = sorted.get(cacheKey);
    if (!order) {
      const dir = direction === 'asc' ? 1 : -1;
      const list = positions(all);
      let compare: (a: number, b: number) => number;
      if (key === 'submittedAt' || key === 'statusDate') {
        // Dates as numbers in a typed array: no per-entry objects made to sort 100,000 of them.
        const keys = new Float64Array(all.size);
        for (const n of list) keys[n] = dateKey(key === 'statusDate' ? all.statusDateMs(n) : all.submittedAtMs(n));
        compare = (a, b) => ((keys[a] as number) - (keys[b] as number)) * dir || a - b;
      } else {
        // One key per entry, read once (statuses are shared strings; lines are slices, not copies).
        const keys: string[] = new Array<string>(all.size);
        for (const n of list) keys[n] = key === 'patientName' ? all.sortLine(n, 0) : key === 'applicationId' ? all.sortLine(n, 2) : all.dppStatus(n);
        compare = (a, b) => {
          const va = keys[a] as string;
          const vb = keys[b] as string;
          return va < vb ? -dir : va > vb ? dir : a - b;
        };
      }
      // Ties keep load order (the order rows were stored in): fixed, so pages never overlap.
      list.sort(compare);
      order = Uint32Array.from(list);
      sorted.set(cacheKey, order);
    }
    return order;
  }

  async function summaries(ids: string[]): Promise<ApplicationSummary[]> {
    return (await repo.getSummaries(ids)).map(toSummary);
  }

  return {
    load,

    /** Bring one row up to date after a change (or drop it when it left the history). */
    async refresh(id: string): Promise<void> {
      // A load in progress may have read this row before it changed: wait for it, then re-read.
      if (!base && loading) await loading;
      if (!base) return;
      const [row] = await repo.getSummaries([id]);
      const n = base.positionOf(id);
      if (row?.state === 'submitted') {
        if (n === undefined) base.append(entryOf(row));
        else base.update(n, entryOf(row));
      } else if (n !== undefined) {
        base.remove(n);
      }
      invalidate();
    },

    forget(): void {
      base = undefined;
      invalidate();
    },

    async get(id: string): Promise<ApplicationSummary | undefined> {
      const [row] = await repo.getSummaries([id]);
      return row?.state === 'submitted' ? toSummary(row) : undefined;
    },

    /** The History row holding this Direct address in this environment (compared without case). */
    async findByAddress(address: string, environmentId: string): Promise<string | undefined> {
      const all = await load();
      const mask = new Uint8Array(all.size);
      all.search(`\n${address.trim().toLowerCase()}\n`, mask);
      for (const n of positions(all)) if (mask[n] && all.environmentId(n) === environmentId) return all.id(n);
      return undefined;
    },

    /** The History row with this Application ID in this environment (compared without case or spaces around it). */
    async findByApplicationId(applicationId: string, environmentId: string): Promise<string | undefined> {
      const wanted = applicationId.trim().toLowerCase();
      if (wanted === '') return undefined;
      const all = await load();
      const mask = new Uint8Array(all.size);
      // The number is the last line of an entry's text: the search finds it as a suffix, the check makes it whole.
      all.search(`\n${wanted}`, mask);
      for (const n of positions(all)) {
        if (mask[n] && all.environmentId(n) === environmentId && all.haystack(n).split('\n')[2] === wanted) return all.id(n);
      }
      return undefined;
    },

    /** Every Direct address (lower-cased) in this environment's History, with its row id: one pass for a whole import. */
    async addressesIn(environmentId: string): Promise<Map<string, string>> {
      const all = await load();
      const code = all.code(environmentId);
      const out = new Map<string, string>();
      for (const n of positions(all)) if (all.environmentCode(n) === code) out.set(all.haystack(n).split('\n')[1] ?? '', all.id(n));
      return out;
    },

    /** Issued certificates that lapse within `days` and do not renew by themselves (expiry notices). */
    async expiringWithin(days: number): Promise<ApplicationSummary[]> {
      const all = await load();
      const window = expiringWindow(days, clock());
      const ids: string[] = [];
      for (const n of positions(all)) if (expiresWithin(all, n, window)) ids.push(all.id(n));
      return summaries(ids);
    },

    /** Every non-final submitted application, for the status poller. */
    async pending(finalStatuses: readonly string[]): Promise<ApplicationSummary[]> {
      const all = await load();
      const ids: string[] = [];
      for (const n of positions(all)) if (!finalStatuses.includes(all.dppStatus(n))) ids.push(all.id(n));
      return summaries(ids);
    },

    async query(raw: HistoryQuery): Promise<HistoryPage> {
      const q = HistoryQuerySchema.parse(raw);
      const all = await load();
      const needle = q.search?.trim().toLowerCase();
      const statuses = q.statuses && q.statuses.length > 0 ? new Set(q.statuses.map((s) => all.code(s))) : undefined;
      const environment = q.environmentId ? all.code(q.environmentId) : undefined;
      // An import batch's ids come from the store (no decryption): a set to test entries against.
      const inBatch = q.batchId ? new Set(batchApplicationIds(q.batchId)) : undefined;
      const from = q.from ? Date.parse(localDayEdge(q.from, 'start')) : undefined;
      const to = q.to ? Date.parse(localDayEdge(q.to, 'end')) : undefined;
      const order = sortedBy(all, q.sortBy as Sortable, q.sortDir);
      const types = q.certificateTypes && q.certificateTypes.length > 0 ? new Set(q.certificateTypes.map((t) => all.code(t))) : undefined;
      const soon = q.expiringWithinDays !== undefined ? expiringWindow(q.expiringWithinDays, clock()) : undefined;
      const filtered = needle || statuses || from !== undefined || to !== undefined || environment !== undefined || inBatch || types || soon;
      let total = order.length;
      let mask: Uint8Array | undefined;
      if (filtered) {
        // Pass 1: the search marks candidates (native indexOf over joined text), then the other
        // filters in memory order.
        const found = needle ? new Uint8Array(all.size) : undefined;
        if (found && needle) all.search(needle, found);
        mask = new Uint8Array(all.size);
        total = 0;
        for (let n = 0; n < all.size; n++) {
          if (!all.alive(n) || (found && !found[n])) continue;
          if (statuses && !statuses.has(all.statusCode(n))) continue;
          if (environment !== undefined && all.environmentCode(n) !== environment) continue;
          if (inBatch && !inBatch.has(all.id(n))) continue;
          if (types && !types.has(all.certificateTypeCode(n))) continue;
          if (soon && !expiresWithin(all, n, soon)) continue;
          // No submission date: left out by a "from", kept by a "to" (as before).
          if (from !== undefined && !(all.submittedAtMs(n) >= from)) continue;
          if (to !== undefined && all.submittedAtMs(n) > to) continue;
          mask[n] = 1;
          total += 1;
        }
      }
      // Pass 2, in sorted order: the requested page of matches.
      const ids: string[] = [];
      for (let i = 0, seen = 0; i < order.length && ids.length < q.limit; i++) {
        const n = order[i] as number;
        if (mask && !mask[n]) continue;
        if (seen++ >= q.offset) ids.push(all.id(n));
      }
      if (!statusNames) {
        const names = new Set<string>();
        for (const n of positions(all)) names.add(all.dppStatus(n));
        statusNames = [...names].filter(Boolean).sort();
      }
      return { total, rows: await summaries(ids), statuses: statusNames };
    },
  };
}

export type HistoryIndex = ReturnType<typeof createHistoryIndex>;
