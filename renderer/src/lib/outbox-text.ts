import type { ApplicationSummary } from '$contract/applications.ts';
import { formatDate } from './format.ts';

/**
 * What an Outbox row says about where it stands. For an unknown outcome the row was last
 * touched by its last try (a send or a status check), so updatedAt is "last tried".
 */
export function outboxRowText(row: Pick<ApplicationSummary, 'state' | 'updatedAt' | 'nextAttemptAt'>, format = formatDate): string {
  if (row.state === 'sending') return 'Sending now';
  if (row.state === 'unknown-outcome') {
    const next = row.nextAttemptAt ? format(row.nextAttemptAt) : 'now';
    return `Checking whether the DPP received it — last tried ${format(row.updatedAt)}, next ${next}. It is never sent twice.`;
  }
  return row.nextAttemptAt ? `Waiting: next attempt ${format(row.nextAttemptAt)}` : 'Waiting to be sent';
}
