import { DirectAddressSchema } from '$contract/application.ts';
import type { BatchProgress, BatchRow, BatchStarted, IdLookupAnswer, LookupAnswer } from '$contract/lookup.ts';
import { applicationIdProblem, BATCH_OUTCOME_LABELS, lookupKind } from '$contract/lookup-words.ts';
import type { AppError, Result } from '$contract/result.ts';
import type { WindowApi } from '$contract/window-api.ts';
import { deliverExport } from '../lib/export-delivery.ts';
import { dppStatusLabel as statusLabel } from '$contract/dpp-statuses.ts';

/** Checked here as the TA types, and again in main before anything is sent. */
export function addressProblem(value: string): string | undefined {
  const parsed = DirectAddressSchema.safeParse(value);
  return parsed.success ? undefined : (parsed.error.issues[0]?.message ?? 'Enter a Direct address.');
}

/** An answer, by address or by Application ID (`kind` says which was asked). */
export type SingleAnswer = (LookupAnswer & { kind: 'address' }) | (IdLookupAnswer & { kind: 'applicationId' });

/** The answer with the kind of lookup that was asked, so the panel words it for that kind. */
function tagged<T, K extends SingleAnswer['kind']>(result: Result<T>, kind: K): Result<T & { kind: K }> {
  return result.ok ? { ok: true, value: { ...result.value, kind } } : result;
}

/** One application, by Direct address or Application ID (one field: an address has an @): the lookup, its answer, and tracking. */
export class SingleLookupController {
  query = $state('');
  fieldError: string | undefined = $state();
  busy = $state(false);
  answer: SingleAnswer | undefined = $state();
  error: AppError | undefined = $state();
  /** The History row once tracked (or found already there). */
  trackedId: string | undefined = $state();
  trackError: string | undefined = $state();
  #asked = 0;

  constructor(private readonly api: WindowApi) {}

  async lookUp(): Promise<boolean> {
    const kind = lookupKind(this.query);
    this.fieldError = kind === 'address' ? addressProblem(this.query) : applicationIdProblem(this.query);
    if (this.fieldError) return false;
    const asked = ++this.#asked;
    this.busy = true;
    const result: Result<SingleAnswer> =
      kind === 'address'
        ? tagged(await this.api.lookUpAddress({ address: this.query }), kind)
        : tagged(await this.api.lookUpApplicationId({ applicationId: this.query }), kind);
    if (asked !== this.#asked) return false; // a newer lookup was asked for meanwhile
    this.busy = false;
    this.trackedId = undefined;
    this.trackError = undefined;
    if (result.ok) {
      this.answer = result.value;
      this.error = undefined;
      this.trackedId = result.value.historyId ?? undefined;
    } else {
      this.answer = undefined;
      this.error = result.error;
      this.fieldError = result.error.fields?.address?.[0] ?? result.error.fields?.applicationId?.[0];
    }
    return true;
  }

  async track(): Promise<void> {
    const a = this.answer;
    if (!a) return;
    this.busy = true;
    const result = await this.api.trackApplication(a.kind === 'address' ? { address: a.address } : { applicationId: a.applicationId });
    this.busy = false;
    if (result.ok) this.trackedId = result.value.id;
    else this.trackError = result.error.message;
  }
}

export type BatchSortKey = 'address' | 'result' | 'applicationId' | 'statusDate';

/** What a row of the results table says in its Status column: the DPP's status or the outcome, in words. */
export function rowWords(row: BatchRow): string {
  return row.found ? statusLabel(row.found.status) : BATCH_OUTCOME_LABELS[row.outcome];
}

/** Many addresses: start, progress (events), cancel, the results table (sort, filter) and its export. */
export class BatchLookupController {
  text = $state('');
  format: 'list' | 'csv' = $state('list');
  fileName: string | undefined = $state();
  started: BatchStarted | undefined = $state();
  progress: BatchProgress | undefined = $state();
  rows: BatchRow[] = $state([]);
  error: string | undefined = $state();
  busy = $state(false);
  sortBy: BatchSortKey = $state('address');
  sortDir: 'asc' | 'desc' = $state('asc');
  /** Status words to show ('' = all). */
  filter = $state('');

  readonly running = $derived(this.progress?.state === 'running');
  readonly filterOptions = $derived(Object.keys(Object.fromEntries(this.rows.map((r) => [rowWords(r), true]))).sort());
  readonly visible = $derived.by(() => {
    const dir = this.sortDir === 'asc' ? 1 : -1;
    const key = (r: BatchRow) =>
      this.sortBy === 'address' ? r.address : this.sortBy === 'result' ? rowWords(r) : this.sortBy === 'applicationId' ? (r.found?.applicationId ?? '') : (r.found?.statusDate ?? '');
    return this.rows
      .filter((r) => !this.filter || rowWords(r) === this.filter)
      .slice()
      .sort((a, b) => (key(a) < key(b) ? -dir : key(a) > key(b) ? dir : 0));
  });

  constructor(private readonly api: WindowApi) {}

  async openFile(file: File): Promise<void> {
    this.fileName = file.name;
    this.format = 'csv';
    this.text = await file.text();
  }

  clearFile(): void {
    this.fileName = undefined;
    this.format = 'list';
    this.text = '';
  }

  async start(): Promise<boolean> {
    this.busy = true;
    this.error = undefined;
    const result = await this.api.startBatchLookup({ text: this.text, format: this.format });
    this.busy = false;
    if (!result.ok) {
      this.error = result.error.fields?.addresses?.[0] ?? result.error.message;
      return false;
    }
    this.started = result.value;
    this.progress = result.value;
    this.rows = [];
    this.filter = '';
    // A short batch may finish before this answer arrives (its last event then named a batch we
    // did not know yet): read where it stands once; events carry it on from here.
    await this.loadResults();
    return true;
  }

  /** Progress events of every batch come here; only this batch's count. */
  async onProgress(p: BatchProgress): Promise<void> {
    if (p.batchId !== this.started?.batchId) return;
    this.progress = p;
    if (p.state !== 'running') await this.loadResults();
  }

  async cancel(): Promise<void> {
    if (!this.started) return;
    const result = await this.api.cancelBatchLookup({ batchId: this.started.batchId });
    if (result.ok) await this.onProgress(result.value);
  }

  async loadResults(): Promise<void> {
    if (!this.started) return;
    const result = await this.api.getBatchLookupResults({ batchId: this.started.batchId });
    if (!result.ok) {
      this.error = result.error.message;
      return;
    }
    // The table fills once the batch has ended; while it runs, the progress bar says how far.
    if (result.value.state !== 'running') this.rows = result.value.rows;
    if (result.value.state !== 'running' || this.progress?.state === 'running') this.progress = result.value;
  }

  sort(key: BatchSortKey): void {
    this.sortDir = this.sortBy === key && this.sortDir === 'asc' ? 'desc' : 'asc';
    this.sortBy = key;
  }

  async exportCsv(): Promise<void> {
    if (!this.started) return;
    const result = await this.api.exportBatchLookup({ batchId: this.started.batchId });
    if (result.ok) deliverExport(result.value);
    else this.error = result.error.message;
  }
}
