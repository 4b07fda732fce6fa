import type { ImportBatchRow, ImportBatchStatus } from '$contract/import-batch.ts';
import type { ImportBatchRowFilter } from '$contract/import-words.ts';
import type { WindowApi } from '$contract/window-api.ts';
import { deliverExport } from '../lib/export-delivery.ts';
import { LiveData } from '../lib/live-data.ts';
import { batchOver } from './import-batch-words.ts';

export type BatchRowLoader = (offset: number, limit: number) => Promise<ImportBatchRow[] | undefined>;

/** Progress comes a few times a second at most; the results list follows it no more often than this. */
const ROWS_EVERY_MS = 1_000;

/**
 * One queued batch: its progress (the 'import.progress' event, and a reload on start), pause and
 * resume, cancel, its rows by where they stand (paged for the virtualized list) and the results CSV.
 * Construct it while a component initialises: its listening lives as long as that component.
 */
export class ImportBatchController {
  status: ImportBatchStatus = $state() as ImportBatchStatus;
  filter: ImportBatchRowFilter = $state('all');
  rowsTotal = $state(0);
  loader: BatchRowLoader = $state.raw(async () => []);
  error: string | undefined = $state();
  busy = $state(false);
  includePhi = $state(false);

  readonly over = $derived(batchOver(this.status));
  readonly listKey = $derived(`${this.status.batchId}:${this.filter}`);
  readonly #api: WindowApi;
  readonly #status: LiveData<ImportBatchStatus>;
  readonly #rows: LiveData<{ total: number; rows: ImportBatchRow[] }>;

  constructor(api: WindowApi, start: ImportBatchStatus) {
    this.#api = api;
    this.status = start;
    const batchId = start.batchId;
    this.#status = new LiveData({
      api,
      // The event carries the status itself; reloading it (throttled) also covers a missed event.
      events: { 'import.progress': (p) => p.batchId === batchId },
      everyMs: 250,
      load: () => api.getImportBatch({ batchId }),
      onValue: (s) => this.#show(s),
      onError: (e) => (this.error = e.message),
    });
    this.#rows = new LiveData({
      api,
      events: { 'import.progress': (p) => p.batchId === batchId, 'application.changed': true },
      everyMs: ROWS_EVERY_MS,
      load: () => api.listImportBatchRows({ batchId, offset: 0, limit: 1, filter: this.filter }),
      onValue: (page) => this.#refreshRows(page.total),
      onError: (e) => (this.error = e.message),
    });
    $effect(() => this.#status.start());
    $effect(() => this.#rows.start());
    $effect(() =>
      api.onImportProgress((s) => {
        if (s.batchId === batchId) this.#show(s);
      }),
    );
  }

  setFilter(filter: ImportBatchRowFilter): void {
    this.filter = filter;
    void this.#rows.reload();
  }

  /** Pause when sending, resume when paused: one button, so focus stays where the TA pressed. */
  async pauseOrResume(): Promise<void> {
    const batchId = this.status.batchId;
    await this.#act(() => (this.status.state === 'paused' ? this.#api.resumeImportBatch({ batchId }) : this.#api.pauseImportBatch({ batchId })));
  }

  /** Unsent rows go back to Drafts; a row on its way finishes and shows where it ended. */
  async cancel(): Promise<boolean> {
    const batchId = this.status.batchId;
    return this.#act(() => this.#api.cancelImportBatch({ batchId }));
  }

  async exportCsv(): Promise<void> {
    const result = await this.#api.exportImportBatch({ batchId: this.status.batchId, includePhi: this.includePhi });
    if (result.ok) deliverExport(result.value);
    else this.error = result.error.message;
  }

  async #act(call: () => Promise<{ ok: true; value: ImportBatchStatus } | { ok: false; error: { message: string } }>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    try {
      const result = await call();
      if (!result.ok) {
        this.error = result.error.message;
        return false;
      }
      this.error = undefined;
      this.#show(result.value);
      void this.#rows.reload();
      return true;
    } finally {
      this.busy = false;
    }
  }

  #show(status: ImportBatchStatus): void {
    this.status = status;
  }

  #refreshRows(total: number): void {
    this.rowsTotal = total;
    const { batchId } = this.status;
    const filter = this.filter;
    this.loader = async (offset, limit) => {
      const page = await this.#api.listImportBatchRows({ batchId, offset, limit, filter });
      if (!page.ok) {
        this.error = page.error.message;
        return undefined;
      }
      return page.value.rows;
    };
  }
}
