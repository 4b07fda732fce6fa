import { untrack } from 'svelte';
import type { ApplicationSummary, HistoryPage, HistoryQuery } from '$contract/applications.ts';
import { PRACTICE_ENVIRONMENT_ID } from '$contract/environments.ts';
import { EXPIRING_SOON_DAYS } from '$contract/certificate-expiry.ts';
import type { HistoryCertificateType } from '$contract/certificate-types.ts';
import type { HistorySortKey } from '$contract/history-sort.ts';
import { localDayEdge } from '$contract/local-day.ts';
import type { WindowApi } from '$contract/window-api.ts';
import { LiveData } from '../lib/live-data.ts';
import { orderStatuses } from '../lib/statuses.ts';

export type HistoryFilters = Omit<HistoryQuery, 'offset' | 'limit'>;
export type RowLoader = (offset: number, limit: number) => Promise<ApplicationSummary[] | undefined>;

/** An environment as History names it: rows, filter, detail. */
export interface EnvironmentChoice {
  id: string;
  name: string;
  practice: boolean;
}

export const HISTORY_PAGE = 100;
export { EXPIRING_SOON_DAYS };
const SEARCH_DELAY_MS = 150;
/** Status changes can arrive in bursts (a poll round, a batch of sends): refresh at most this often. */
const REFRESH_EVERY_MS = 250;

/**
 * History's list: the filters (search debounced), the query, paging through VirtualList's
 * `loader`, and a throttled refresh when an application changes. Construct it while a component
 * initialises: its effects live as long as that component.
 */
export class HistoryController {
  /** What the TA typed; the query follows it once typing pauses. */
  searchText = $state('');
  selectedStatuses: string[] = $state([]);
  from = $state('');
  to = $state('');
  sortBy: HistorySortKey = $state('submittedAt');
  sortDir: 'asc' | 'desc' = $state('desc');
  /** Only this environment's applications; '' is every environment. History opens on the active one. */
  environmentId = $state('');
  /** The environments applications can belong to, to name them (loaded once with the view). */
  environments: EnvironmentChoice[] = $state([]);
  /** Only this import batch's applications; '' is any. */
  batchId = $state('');
  /** The import batches, newest first, to choose from (loaded once with the view). */
  batches: { id: string; label: string }[] = $state([]);
  /** Only this type of certificate; '' is every type. */
  certificateType: HistoryCertificateType | '' = $state('');
  /** Only certificates that lapse within EXPIRING_SOON_DAYS and do not renew automatically. */
  expiringSoon = $state(false);

  total = $state(0);
  loaded = $state(false);
  error: string | undefined = $state();
  /** Pages of the current answer for VirtualList; a new one under the same `listKey` refreshes in place. */
  loader: RowLoader | undefined = $state.raw();
  /** Changes with the filters, so the list goes back to the top only when the query changed. */
  listKey = $state('');

  #search = $state('');
  #statuses: string[] = $state([]);
  readonly #api: WindowApi;
  readonly #live: LiveData<{ page: HistoryPage; query: HistoryFilters; key: string }>;

  readonly filters: HistoryFilters = $derived({
    search: this.#search || undefined,
    statuses: this.selectedStatuses.length > 0 ? [...this.selectedStatuses] : undefined,
    environmentId: this.environmentId || undefined,
    batchId: this.batchId || undefined,
    certificateTypes: this.certificateType ? [this.certificateType] : undefined,
    expiringWithinDays: this.expiringSoon ? EXPIRING_SOON_DAYS : undefined,
    // Date inputs give local days; the TA means their own midnight, not UTC's.
    from: this.from ? localDayEdge(this.from, 'start') : undefined,
    to: this.to ? localDayEdge(this.to, 'end') : undefined,
    sortBy: this.sortBy,
    sortDir: this.sortDir,
  });
  readonly filtering = $derived(
    !!(this.filters.search || this.filters.statuses || this.filters.from || this.filters.to || this.filters.batchId || this.filters.certificateTypes || this.filters.expiringWithinDays),
  );
  /** Every status seen in the answer, plus any still ticked, in lifecycle order. */
  readonly statusOptions = $derived(orderStatuses([...this.#statuses, ...this.selectedStatuses]));

  /** `batchId`: opened from an import batch, History shows that batch, whichever environment is active. */
  constructor(api: WindowApi, activeEnvironmentId = '', batchId = '') {
    this.#api = api;
    this.environmentId = batchId ? '' : activeEnvironmentId;
    this.batchId = batchId;
    void this.#loadEnvironments();
    void this.#loadBatches();
    this.#live = new LiveData({
      api,
      events: { 'application.changed': true },
      everyMs: REFRESH_EVERY_MS,
      load: () => this.#firstPage(),
      onValue: (answer) => this.#show(answer),
      onError: (error) => (this.error = error.message),
    });

    $effect(() => {
      const value = this.searchText.trim();
      const timer = setTimeout(() => (this.#search = value), SEARCH_DELAY_MS);
      return () => clearTimeout(timer);
    });
    $effect(() => this.#live.listen());
    // The first query, and each new one, at once. (Loading reads the filters; untracked, so the
    // load's own reads never re-run this.)
    $effect(() => {
      void JSON.stringify(this.filters);
      untrack(() => void this.#live.reload());
    });
  }

  /** Names and ids read best A→Z; dates and statuses newest/latest first. */
  chooseSort(key: HistorySortKey): void {
    this.sortBy = key;
    this.sortDir = key === 'patientName' || key === 'applicationId' ? 'asc' : 'desc';
  }

  flipDirection(): void {
    this.sortDir = this.sortDir === 'asc' ? 'desc' : 'asc';
  }

  /** Which environment an application went to, in words; one removed since is still told apart. */
  environmentOf(id: string): EnvironmentChoice {
    return this.environments.find((e) => e.id === id) ?? { id, name: 'Removed environment', practice: id === PRACTICE_ENVIRONMENT_ID };
  }

  async #loadEnvironments(): Promise<void> {
    const result = await this.#api.listEnvironments();
    if (result.ok) this.environments = result.value.environments.map(({ id, name, practice }) => ({ id, name, practice }));
  }

  async #loadBatches(): Promise<void> {
    const result = await this.#api.listImportBatches();
    if (result.ok) this.batches = result.value.map(({ batchId, label }) => ({ id: batchId, label }));
  }

  /** Reload now, in place (after a check or a purge the TA started). */
  refresh(): void {
    void this.#live.reload();
  }

  async #firstPage() {
    const query = $state.snapshot(this.filters) as HistoryFilters;
    const key = JSON.stringify(query);
    const result = await this.#api.queryHistory({ ...query, offset: 0, limit: HISTORY_PAGE });
    return result.ok ? { ok: true as const, value: { page: result.value, query, key } } : result;
  }

  #show({ page, query, key }: { page: HistoryPage; query: HistoryFilters; key: string }): void {
    this.error = undefined;
    this.total = page.total;
    this.#statuses = page.statuses;
    this.loaded = true;
    const current = this.#live.stillCurrent();
    // The first page is already here: hand it to the list instead of asking again.
    let seed: ApplicationSummary[] | undefined = page.rows;
    this.loader = async (offset, limit) => {
      if (offset === 0 && seed) {
        const rows = seed;
        seed = undefined;
        return rows;
      }
      const more = await this.#api.queryHistory({ ...query, offset, limit });
      if (!more.ok) {
        if (current()) this.error = more.error.message;
        return undefined;
      }
      return more.value.rows;
    };
    this.listKey = key;
  }
}
