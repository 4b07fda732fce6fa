import type { AuditEntry } from '$contract/applications.ts';
import type { WindowApi } from '$contract/window-api.ts';
import { deliverExport } from '../lib/export-delivery.ts';
import { LiveData } from '../lib/live-data.ts';

const PAGE = 100;
/** The most a refresh re-reads at once (the contract's limit). */
const MAX_REFRESH = 1000;
/** Changes come in bursts: refresh at most this often. */
const REFRESH_EVERY_MS = 250;

/**
 * The audit log, newest first: a refresh re-reads as many entries as are shown (so "Load more"
 * is not undone), "Load more" appends older ones, and the export is itself audited.
 */
export class AuditController {
  entries: AuditEntry[] = $state.raw([]);
  loaded = $state(false);
  hasMore = $state(false);
  busy = $state(false);
  error: string | undefined = $state();
  message: string | undefined = $state();

  readonly #api: WindowApi;
  readonly #live: LiveData<{ entries: AuditEntry[]; limit: number }>;
  /** How many entries the next reload asks for. */
  #want = PAGE;

  constructor(api: WindowApi) {
    this.#api = api;
    this.#live = new LiveData({
      api,
      events: { 'application.changed': true },
      everyMs: REFRESH_EVERY_MS,
      load: async () => {
        const limit = Math.min(MAX_REFRESH, Math.max(PAGE, this.#want));
        const result = await api.listAudit({ limit });
        return result.ok ? { ok: true as const, value: { entries: result.value, limit } } : result;
      },
      onValue: ({ entries, limit }) => {
        this.error = undefined;
        this.entries = entries;
        this.hasMore = entries.length === limit;
        this.loaded = true;
      },
      onError: (error) => (this.error = error.message),
    });
    $effect(() => this.#live.start());
  }

  async loadMore(): Promise<void> {
    const oldest = this.entries.at(-1);
    if (!oldest || this.busy) return;
    this.busy = true;
    // A reload that starts meanwhile answers for the whole list: this page would be stale.
    const current = this.#live.stillCurrent();
    try {
      const result = await this.#api.listAudit({ limit: PAGE, beforeId: oldest.id });
      if (!current()) return;
      if (!result.ok) {
        this.error = result.error.message;
        return;
      }
      this.error = undefined;
      this.entries = [...this.entries, ...result.value];
      this.#want = this.entries.length;
      this.hasMore = result.value.length === PAGE;
    } finally {
      this.busy = false;
    }
  }

  async exportCsv(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.message = undefined;
    try {
      const result = await this.#api.exportAudit();
      if (!result.ok) {
        this.error = result.error.message;
        return;
      }
      this.error = undefined;
      const saved = deliverExport(result.value);
      if (!saved) return; // the TA cancelled the Save dialog: nothing exported, nothing audited
      this.message = `Exported ${saved.rows.toLocaleString()} audit ${saved.rows === 1 ? 'entry' : 'entries'}.`;
      // The export is itself audited: show that entry too.
      this.#want = this.entries.length + 1;
      await this.#live.reload();
    } finally {
      this.busy = false;
    }
  }
}
