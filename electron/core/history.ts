import type { ApplicationSummary, HistoryPage, HistoryQuery } from '../contract/applications.ts';
import { HistoryQuerySchema } from '../contract/applications.ts';
import type { Repository } from './store/repository.ts';
import { recordToSummary, toSummary } from './summaries.ts';

type Sortable = 'submittedAt' | 'patientName' | 'dppStatus' | 'statusDate' | 'applicationId';

interface Entry {
  row: ApplicationSummary;
  /** Lower-cased name, address and id, for substring search without decrypting again. */
  haystack: string;
}

/**
 * The history of submitted applications, held decrypted in main's memory (the database keeps PHI
 * encrypted, so SQL cannot search it). Loaded once, then kept current row by row; searching,
 * filtering and sorting 100,000 entries is an in-memory pass.
 */
export function createHistoryIndex(repo: Repository) {
  let entries: Map<string, Entry> | undefined;
  let loading: Promise<Map<string, Entry>> | undefined;
  /** Entries sorted per (key, direction), kept until a row changes: filtering keeps the order. */
  const sorted = new Map<string, Entry[]>();
  /** The distinct statuses, for the filter; cached like the sorted lists. */
  let statusNames: string[] | undefined;
  const invalidate = () => {
    sorted.clear();
    statusNames = undefined;
  };

  const entryOf = (row: ApplicationSummary): Entry => ({
    row,
    haystack: `${row.patientName}\n${row.directAddress}\n${row.applicationId ?? ''}`.toLowerCase(),
  });

  async function load(): Promise<Map<string, Entry>> {
    if (entries) return entries;
    loading ??= repo.listApplications({ states: ['submitted'] }).then((rows) => {
      entries = new Map(rows.map((r) => [r.id, entryOf(toSummary(r))]));
      invalidate();
      loading = undefined;
      return entries;
    });
    return loading;
  }

  function sortedBy(all: Map<string, Entry>, key: Sortable, direction: 'asc' | 'desc'): Entry[] {
    const cacheKey = `${key}:${direction}`;
    let list = sorted.get(cacheKey);
    if (!list) {
      const dir = direction === 'asc' ? 1 : -1;
      const value = (e: Entry) => (key === 'patientName' ? e.haystack : (e.row[key] ?? ''));
      list = [...all.values()].sort((a, b) => {
        const va = value(a);
        const vb = value(b);
        return va < vb ? -dir : va > vb ? dir : a.row.id < b.row.id ? -1 : 1;
      });
      sorted.set(cacheKey, list);
    }
    return list;
  }

  return {
    load,

    /** Bring one row up to date after a change (or drop it when it left the history). */
    async refresh(id: string): Promise<void> {
      // A load in progress may have read this row before it changed: wait for it, then re-read.
      if (!entries && loading) await loading;
      if (!entries) return;
      const record = await repo.getApplication(id);
      if (record?.state === 'submitted') entries.set(id, entryOf(recordToSummary(record)));
      else entries.delete(id);
      invalidate();
    },

    forget(): void {
      entries = undefined;
      invalidate();
    },

    async get(id: string): Promise<ApplicationSummary | undefined> {
      return (await load()).get(id)?.row;
    },

    /** Every non-final row, for the status poller. */
    async pending(finalStatuses: readonly string[]): Promise<ApplicationSummary[]> {
      return [...(await load()).values()].map((e) => e.row).filter((r) => !finalStatuses.includes(r.dppStatus ?? ''));
    },

    async query(raw: HistoryQuery): Promise<HistoryPage> {
      const q = HistoryQuerySchema.parse(raw);
      const all = await load();
      const needle = q.search?.trim().toLowerCase();
      const statuses = q.statuses && q.statuses.length > 0 ? new Set(q.statuses) : undefined;
      const from = q.from ? dayStart(q.from) : undefined;
      const to = q.to ? dayEnd(q.to) : undefined;
      const ordered = sortedBy(all, q.sortBy as Sortable, q.sortDir);
      const filtered = !needle && !statuses && !from && !to;
      // One pass in sorted order: count every match, keep only the requested page.
      const rows: ApplicationSummary[] = [];
      let total = 0;
      for (const { row, haystack } of ordered) {
        if (!filtered) {
          if (needle && !haystack.includes(needle)) continue;
          if (statuses && !statuses.has(row.dppStatus ?? '')) continue;
          const at = row.submittedAt ?? '';
          if (from && at < from) continue;
          if (to && at > to) continue;
        }
        if (total >= q.offset && rows.length < q.limit) rows.push(row);
        total += 1;
      }
      statusNames ??= [...new Set([...all.values()].map((e) => e.row.dppStatus ?? '').filter(Boolean))].sort();
      return { total, rows, statuses: statusNames };
    },
  };
}

export type HistoryIndex = ReturnType<typeof createHistoryIndex>;

/** Date-only filters (YYYY-MM-DD from a date input) cover whole days. */
function dayStart(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value;
}
function dayEnd(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.999Z` : value;
}
