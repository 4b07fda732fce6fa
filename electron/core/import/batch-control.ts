import { applicationStateLabel } from '../../contract/application-states.ts';
import { dppStatusLabel } from '../../contract/dpp-statuses.ts';
import type { ImportBatchRow, ImportBatchStatus } from '../../contract/import-batch.ts';
import { BATCH_SUBJECT_COLUMNS, importBatchLabel, type ImportBatchRowFilter } from '../../contract/import-words.ts';
import { localTimeWithOffset } from '../../contract/local-time.ts';
import type { EnvironmentService } from '../environments.ts';
import type { BatchRepository, StoredBatch } from '../store/batch-repository.ts';
import { BATCH_FILTER_STATES } from '../store/batch-repository.ts';
import { ImportInputError } from './errors.ts';

/**
 * Following a queued batch: its status (counts, rate, time left), pause, resume, cancel, its
 * rows and their export. The outbox does the sending; this only reads the batch's rows and
 * switches the batch's state, which the outbox consults before starting each row.
 */
export interface BatchControlDeps {
  batches: BatchRepository;
  envs: Pick<EnvironmentService, 'get'>;
  actor: () => Promise<string>;
  /** Wake the outbox (resume). */
  kick: () => void;
  /** The outbox's counts changed outside it (cancel): tell the window. */
  outboxChanged: () => void;
  onProgress: (status: ImportBatchStatus) => void;
  now?: () => Date;
}

/** The rate is measured over this window; the time left is the rows still to send at that rate. */
const RATE_WINDOW_MS = 60_000;
/** Progress events per batch at most this often (one per sent row would flood the window). */
const PROGRESS_EVERY_MS = 250;

const short = (id: string) => id.slice(0, 8);

export function createBatchControl(deps: BatchControlDeps) {
  const now = deps.now ?? (() => new Date());
  const pending = new Map<string, ReturnType<typeof setTimeout>>();

  function batchOf(id: string): StoredBatch {
    const batch = deps.batches.get(id);
    if (!batch) throw new ImportInputError('There is no such import batch.');
    return batch;
  }

  async function status(batch: StoredBatch): Promise<ImportBatchStatus> {
    const counts = deps.batches.countByState(batch.id);
    const n = (...states: (keyof typeof counts)[]) => states.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
    const sent = n('submitted');
    const queued = n('queued', 'sending', 'unknown-outcome');
    const total = n('draft', 'queued', 'sending', 'submitted', 'needs-attention', 'unknown-outcome');
    const since = new Date(now().getTime() - RATE_WINDOW_MS);
    const recent = deps.batches.sentSince(batch.id, since.toISOString());
    // Over the part of the window the batch has existed, so a young batch's rate is not diluted.
    const windowMs = Math.min(RATE_WINDOW_MS, Math.max(1000, now().getTime() - Date.parse(batch.createdAt)));
    const ratePerSecond = recent > 0 ? Math.round((recent / (windowMs / 1000)) * 100) / 100 : null;
    const state = batch.state === 'sending' && queued === 0 ? 'finished' : batch.state;
    const env = await deps.envs.get(batch.environmentId);
    return {
      batchId: batch.id,
      label: importBatchLabel(localTimeWithOffset(batch.createdAt), total, batch.certificateType),
      certificateType: batch.certificateType,
      environmentId: batch.environmentId,
      environmentName: env?.name ?? 'a removed environment',
      createdAt: batch.createdAt,
      state,
      total,
      sent,
      queued,
      attention: n('needs-attention'),
      drafts: n('draft'),
      ratePerSecond,
      secondsLeft: state === 'sending' && ratePerSecond ? Math.ceil(queued / ratePerSecond) : null,
      note: batch.note,
    };
  }

  function rowsOf(id: string, filter: ImportBatchRowFilter, offset: number, limit: number): { total: number; rows: ImportBatchRow[] } {
    batchOf(id);
    const page = deps.batches.rows(id, filter === 'all' ? undefined : BATCH_FILTER_STATES[filter], offset, limit);
    return {
      total: page.total,
      rows: page.rows.map((r) => ({
        id: r.id,
        row: r.row,
        patientName: r.patientName,
        directAddress: r.directAddress,
        state: r.state,
        applicationId: r.applicationId,
        dppStatus: r.dppStatus,
        problem: r.state === 'draft' ? 'Back in Drafts: the batch was cancelled before it was sent.' : r.state === 'needs-attention' ? r.attentionMessage : null,
      })),
    };
  }

  async function announce(id: string): Promise<void> {
    const batch = deps.batches.get(id);
    if (batch) deps.onProgress(await status(batch));
  }

  async function switchTo(id: string, from: StoredBatch['state'][], to: StoredBatch['state'], verb: string): Promise<ImportBatchStatus> {
    const batch = batchOf(id);
    const before = await status(batch);
    if (!from.includes(batch.state) || before.state === 'finished') {
      throw new ImportInputError(`This batch cannot be ${verb}: it is ${before.state === 'finished' ? 'finished' : batch.state}.`);
    }
    deps.batches.setState(id, from, to, { actor: await deps.actor(), detail: `batch ${short(id)} ${verb}: ${before.sent} of ${before.total} sent` });
    const after = await status(batchOf(id));
    deps.onProgress(after);
    return after;
  }

  return {
    status: async (id: string) => status(batchOf(id)),
    list: async () => Promise.all(deps.batches.list().map(status)),

    pause: (id: string) => switchTo(id, ['sending'], 'paused', 'paused'),

    async resume(id: string): Promise<ImportBatchStatus> {
      const after = await switchTo(id, ['paused'], 'sending', 'resumed');
      deps.kick();
      return after;
    },

    async cancel(id: string): Promise<ImportBatchStatus> {
      const batch = batchOf(id);
      if (batch.state === 'cancelled') throw new ImportInputError('This batch is already cancelled.');
      const actor = await deps.actor();
      deps.batches.cancel(id, { actor, detail: (returned) => `batch ${short(id)} cancelled: ${returned} not yet sent went back to Drafts` });
      deps.outboxChanged();
      const after = await status(batchOf(id));
      deps.onProgress(after);
      return after;
    },

    /** A row changed (the outbox sent it, say): its batch's progress, at most every PROGRESS_EVERY_MS. */
    rowChanged(applicationId: string): void {
      const of = deps.batches.stateOfRow(applicationId);
      if (!of || pending.has(of.batchId)) return;
      const timer = setTimeout(() => {
        pending.delete(of.batchId);
        void announce(of.batchId).catch(() => undefined); // the store may have closed meanwhile
      }, PROGRESS_EVERY_MS);
      timer.unref?.();
      pending.set(of.batchId, timer);
    },

    rows: rowsOf,

    /** The results as a table for CSV: PHI columns only when asked. */
    async exportTable(id: string, includePhi: boolean): Promise<{ header: string[]; rows: (string | null)[][]; environmentName: string }> {
      const s = await status(batchOf(id));
      const { rows } = rowsOf(id, 'all', 0, Number.MAX_SAFE_INTEGER);
      const header = ['Row in file', ...(includePhi ? BATCH_SUBJECT_COLUMNS[s.certificateType] : []), 'State', 'Application ID', 'DPP status', 'Problem', 'Environment'];
      const table = rows.map((r) => [
        String(r.row),
        ...(includePhi ? [r.patientName, r.directAddress] : []),
        applicationStateLabel(r.state),
        r.applicationId,
        r.dppStatus ? dppStatusLabel(r.dppStatus) : null,
        r.problem,
        s.environmentName,
      ]);
      return { header, rows: table, environmentName: s.environmentName };
    },

    stop(): void {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    },
  };
}

export type BatchControl = ReturnType<typeof createBatchControl>;
