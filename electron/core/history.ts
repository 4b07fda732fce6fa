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

  const entryOf = (row: ApplicationSummary): Entry => ({
    row,
    haystack: `${row.patientName}\n${row.directAddress}\n${row.applicationId ?? ''}`.toLowerCase(),
  });

  async function load(): Promise<Map<string, Entry>> {
    if (!entries) {
      const rows = await repo.listApplications({ states: ['submitted'] });
      entries = new Map(rows.map((r) => [r.id, entryOf(toSummary(r))]));
    }
    return entries;
  }

  return {
    load,

    /** Bring one row up to date after a change (or drop it when it left the history). */
    async refresh(id: string): Promise<void> {
      if (!entries) return;
      const record = await repo.getApplication(id);
      if (record?.state === 'submitted') entries.set(id, entryOf(recordToSummary(record)));
      else entries.delete(id);
    },

    forget(): void {
      entries = undefined;
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
      const all = [...(await load()).values()];
      const needle = q.search?.trim().toLowerCase();
      const statuses = q.statuses && q.statuses.length > 0 ? new Set(q.statuses) : undefined;
      const from = q.from ? dayStart(q.from) : undefined;
      const to = q.to ? dayEnd(q.to) : undefined;
      const matches = all.filter(({ row, haystack }) => {
        if (needle && !haystack.includes(needle)) return false;
        if (statuses && !statuses.has(row.dppStatus ?? '')) return false;
        const at = row.submittedAt ?? '';
        if (from && at < from) return false;
        if (to && at > to) return false;
        return true;
      });
      const key = q.sortBy as Sortable;
      const dir = q.sortDir === 'asc' ? 1 : -1;
      const value = (e: Entry) => (key === 'patientName' ? e.haystack : (e.row[key] ?? ''));
      matches.sort((a, b) => {
        const va = value(a);
        const vb = value(b);
        return va < vb ? -dir : va > vb ? dir : 0;
      });
      const statusNames = [...new Set(all.map((e) => e.row.dppStatus ?? '').filter(Boolean))].sort();
      return { total: matches.length, rows: matches.slice(q.offset, q.offset + q.limit).map((e) => e.row), statuses: statusNames };
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
