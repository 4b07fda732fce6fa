import type { ApplicationSummary, HistoryPage, HistoryQuery } from '../contract/applications.ts';
import { HistoryQuerySchema } from '../contract/applications.ts';
import { localDayEdge } from '../contract/local-day.ts';
import type { Repository, StoredSummary } from './store/repository.ts';
import { toSummary } from './summaries.ts';

type Sortable = 'submittedAt' | 'patientName' | 'dppStatus' | 'statusDate' | 'applicationId';

/**
 * What the index keeps per application: only what searching, filtering and sorting need. The
 * rows of a page are read (and decrypted) from the store when asked for, so memory stays small at
 * 100,000 applications and the rest of the PHI is not held in memory.
 */
interface Entry {
  id: string;
  /** Lower-cased "name\naddress\napplicationId": substring search without decrypting again. */
  haystack: string;
  environmentId: string;
  dppStatus: string;
  statusDate: string;
  submittedAt: string;
}

/**
 * The history of submitted applications, indexed in main's memory (the database keeps PHI
 * encrypted, so SQL cannot search it). Loaded once, page by page, then kept current row by row.
 */
export function createHistoryIndex(repo: Repository, batchApplicationIds: (batchId: string) => string[] = () => []) {
  /**
   * Entries in load order, addressed by position; `slot` maps an id to its position. Removed rows
   * leave a hole. Filters scan this array in order (memory-friendly) into a mask; sorted orders are
   * arrays of positions, so walking them touches only the small mask, not scattered entries.
   */
  let base: (Entry | undefined)[] | undefined;
  let slot = new Map<string, number>();
  let loading: Promise<(Entry | undefined)[]> | undefined;
  /** Positions sorted per (key, direction), kept until a row changes. */
  const sorted = new Map<string, Uint32Array>();
  /** The distinct statuses, for the filter; cached like the sorted lists. */
  let statusNames: string[] | undefined;
  // Few distinct values repeat 100,000 times (environment ids, statuses): keep one copy of each.
  const interned = new Map<string, string>();
  const intern = (value: string) => interned.get(value) ?? (interned.set(value, value), value);

  const invalidate = () => {
    sorted.clear();
    statusNames = undefined;
  };

  const entryOf = (row: StoredSummary | ApplicationSummary): Entry => ({
    id: row.id,
    haystack: `${row.patientName}\n${row.directAddress}\n${row.applicationId ?? ''}`.toLowerCase(),
    environmentId: intern(row.environmentId),
    dppStatus: intern(row.dppStatus ?? ''),
    statusDate: row.statusDate ?? '',
    submittedAt: row.submittedAt ?? '',
  });

  async function load(): Promise<(Entry | undefined)[]> {
    if (base) return base;
    loading ??= (async () => {
      // Page by page: reading every encrypted row at once would hold them all (and their
      // decrypted copies) in memory together.
      const loaded: Entry[] = [];
      const positions = new Map<string, number>();
      for (let after = 0; ; ) {
        const page = await repo.pageApplications({ states: ['submitted'], afterRowid: after, limit: 500 });
        for (const row of page.rows) {
          positions.set(row.id, loaded.length);
          loaded.push(entryOf(row));
        }
        if (page.rows.length === 0) break;
        after = page.lastRowid;
      }
      base = loaded;
      slot = positions;
      invalidate();
      loading = undefined;
      return loaded;
    })();
    return loading;
  }

  function sortedBy(all: (Entry | undefined)[], key: Sortable, direction: 'asc' | 'desc'): Uint32Array {
    const cacheKey = `${key}:${direction}`;
    let order = sorted.get(cacheKey);
    if (!order) {
      const dir = direction === 'asc' ? 1 : -1;
      // Name and ApplicationId live in the haystack (first and last line): no extra copies kept.
      const value = (e: Entry) =>
        key === 'patientName' ? e.haystack : key === 'applicationId' ? e.haystack.slice(e.haystack.lastIndexOf('\n') + 1) : e[key];
      const positions: number[] = [];
      all.forEach((e, n) => {
        if (e) positions.push(n);
      });
      positions.sort((a, b) => {
        const ea = all[a] as Entry;
        const eb = all[b] as Entry;
        const va = value(ea);
        const vb = value(eb);
        return va < vb ? -dir : va > vb ? dir : ea.id < eb.id ? -1 : 1;
      });
      order = Uint32Array.from(positions);
      sorted.set(cacheKey, order);
    }
    return order;
  }

  async function summaries(ids: string[]): Promise<ApplicationSummary[]> {
    return (await repo.getSummaries(ids)).map(toSummary);
  }

  const live = (all: (Entry | undefined)[]) => all.filter((e): e is Entry => e !== undefined);

  return {
    load,

    /** Bring one row up to date after a change (or drop it when it left the history). */
    async refresh(id: string): Promise<void> {
      // A load in progress may have read this row before it changed: wait for it, then re-read.
      if (!base && loading) await loading;
      if (!base) return;
      const [row] = await repo.getSummaries([id]);
      const n = slot.get(id);
      if (row?.state === 'submitted') {
        if (n === undefined) {
          slot.set(id, base.length);
          base.push(entryOf(row));
        } else {
          base[n] = entryOf(row);
        }
      } else if (n !== undefined) {
        base[n] = undefined;
        slot.delete(id);
      }
      invalidate();
    },

    forget(): void {
      base = undefined;
      slot = new Map();
      invalidate();
    },

    async get(id: string): Promise<ApplicationSummary | undefined> {
      const [row] = await repo.getSummaries([id]);
      return row?.state === 'submitted' ? toSummary(row) : undefined;
    },

    /** The History row holding this Direct address in this environment (compared without case). */
    async findByAddress(address: string, environmentId: string): Promise<string | undefined> {
      const line = `\n${address.trim().toLowerCase()}\n`;
      return live(await load()).find((e) => e.environmentId === environmentId && e.haystack.includes(line))?.id;
    },

    /** Every Direct address (lower-cased) in this environment's History, with its row id: one pass for a whole import. */
    async addressesIn(environmentId: string): Promise<Map<string, string>> {
      const out = new Map<string, string>();
      for (const e of live(await load())) {
        if (e.environmentId !== environmentId) continue;
        const start = e.haystack.indexOf('\n') + 1;
        out.set(e.haystack.slice(start, e.haystack.indexOf('\n', start)), e.id);
      }
      return out;
    },

    /** Every non-final submitted application, for the status poller. */
    async pending(finalStatuses: readonly string[]): Promise<ApplicationSummary[]> {
      const ids = live(await load())
        .filter((e) => !finalStatuses.includes(e.dppStatus))
        .map((e) => e.id);
      return summaries(ids);
    },

    async query(raw: HistoryQuery): Promise<HistoryPage> {
      const q = HistoryQuerySchema.parse(raw);
      const all = await load();
      const needle = q.search?.trim().toLowerCase();
      const statuses = q.statuses && q.statuses.length > 0 ? new Set(q.statuses) : undefined;
      const environmentId = q.environmentId;
      // An import batch's ids come from the store (no decryption): a set to test entries against.
      const inBatch = q.batchId ? new Set(batchApplicationIds(q.batchId)) : undefined;
      const from = q.from ? localDayEdge(q.from, 'start') : undefined;
      const to = q.to ? localDayEdge(q.to, 'end') : undefined;
      const order = sortedBy(all, q.sortBy as Sortable, q.sortDir);
      const filtered = needle || statuses || from || to || environmentId || inBatch;
      let total = order.length;
      let mask: Uint8Array | undefined;
      if (filtered) {
        // Pass 1, in memory order: which entries match.
        mask = new Uint8Array(all.length);
        total = 0;
        for (let n = 0; n < all.length; n++) {
          const e = all[n];
          if (!e) continue;
          if (needle && !e.haystack.includes(needle)) continue;
          if (statuses && !statuses.has(e.dppStatus)) continue;
          if (environmentId && e.environmentId !== environmentId) continue;
          if (inBatch && !inBatch.has(e.id)) continue;
          if (from && e.submittedAt < from) continue;
          if (to && e.submittedAt > to) continue;
          mask[n] = 1;
          total += 1;
        }
      }
      // Pass 2, in sorted order: the requested page of matches.
      const ids: string[] = [];
      for (let i = 0, seen = 0; i < order.length && ids.length < q.limit; i++) {
        const n = order[i] as number;
        if (mask && !mask[n]) continue;
        if (seen++ >= q.offset) ids.push((all[n] as Entry).id);
      }
      statusNames ??= [...new Set(live(all).map((e) => e.dppStatus).filter(Boolean))].sort();
      return { total, rows: await summaries(ids), statuses: statusNames };
    },
  };
}

export type HistoryIndex = ReturnType<typeof createHistoryIndex>;
