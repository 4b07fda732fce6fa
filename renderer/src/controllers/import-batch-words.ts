import { applicationStateLabel } from '$contract/application-states.ts';
import { dppStatusLabel } from '$contract/dpp-statuses.ts';
import type { ImportBatchRow, ImportBatchStatus } from '$contract/import-batch.ts';
import type { ImportBatchRowFilter } from '$contract/import-words.ts';

/** A batch and its rows in the TA's words. Plain TypeScript, tested without a DOM. */

/** "about 3 minutes left"; undefined when there is no estimate (paused, not sending yet, done). */
export function timeLeftWords(seconds: number | null): string | undefined {
  if (seconds === null || !Number.isFinite(seconds)) return undefined;
  if (seconds < 60) return 'less than a minute left';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} minute${minutes === 1 ? '' : 's'} left`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `about ${hours} hour${hours === 1 ? '' : 's'}${rest ? ` ${rest} minute${rest === 1 ? '' : 's'}` : ''} left`;
}

/** Where one imported row stands: the DPP's status once submitted, else the state; with what to do when it needs the TA. */
export function batchRowWords(row: ImportBatchRow): string {
  if (row.state === 'submitted') return row.dppStatus ? `Submitted — ${dppStatusLabel(row.dppStatus)}` : 'Submitted';
  if (row.state === 'draft') return 'Back in Drafts (not sent)';
  const state = applicationStateLabel(row.state);
  return row.problem ? `${state}: ${row.problem}` : state;
}

/** Rows the batch view shows, by where they stand. */
export const BATCH_ROW_FILTER_LABELS = {
  all: 'All rows',
  sent: 'Sent',
  queued: 'Still to send',
  attention: 'Needs attention',
  drafts: 'Back in Drafts',
} as const satisfies Record<ImportBatchRowFilter, string>;

/** The batch has nothing more to do: no pause, no cancel. */
export const batchOver = (s: ImportBatchStatus): boolean => s.state === 'finished' || s.state === 'cancelled';

/** The one-line state of a batch, for its progress and for the list of batches. */
export function batchSummary(s: ImportBatchStatus): string {
  const parts = [`${s.sent.toLocaleString()} of ${s.total.toLocaleString()} sent`, `${s.queued.toLocaleString()} still to send`, `${s.attention.toLocaleString()} need attention`];
  if (s.drafts > 0) parts.push(`${s.drafts.toLocaleString()} back in Drafts`);
  return parts.join(', ');
}
