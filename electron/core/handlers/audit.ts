import type { AuditEntry } from '../../contract/applications.ts';
import { auditActionLabel } from '../../contract/audit-actions.ts';
import { localTimeWithOffset } from '../../contract/local-time.ts';
import { auditEntryInWords, environmentIdsIn } from '../audit-words.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import type { AuditEntry as StoredAuditEntry } from '../store/repository.ts';
import { auditedCsv } from './export-csv.ts';
import { guard } from './guard.ts';
import type { CoreServices } from './services.ts';

const HEADER = ['When', 'Who', 'Action', 'Application ID', 'Detail', 'When (ISO 8601 UTC)', 'Action code'];

/** audit.*: the audit log, newest first, in words, and its CSV export. */
export function auditHandlers({ repo, envs, audit }: Pick<CoreServices, 'repo' | 'envs' | 'audit'>): Pick<Handlers, 'audit.list' | 'audit.export'> {
  /** Stored entries as the TA reads them; environments named by their current names. */
  async function inWords(entries: StoredAuditEntry[]): Promise<AuditEntry[]> {
    const names = new Map<string, string>();
    for (const id of environmentIdsIn(entries)) {
      const env = await envs.get(id);
      if (env) names.set(id, env.name);
    }
    return entries.map((e) => auditEntryInWords(e, (id) => names.get(id)));
  }

  return {
    'audit.list': ({ limit, beforeId }) => guard(async () => inWords(await repo.listAudit({ limit, beforeId }))),
    'audit.export': () =>
      guard(async () => {
        const entries = await inWords(await repo.listAudit({ limit: 1_000_000 }));
        // Words and local times for the reader; the raw instant and the action code for machines.
        const rows = entries.map((e) => [localTimeWithOffset(e.at), e.actor, auditActionLabel(e.action), e.applicationId, e.detail, e.at, e.action]);
        return auditedCsv(audit, 'audit', HEADER, rows, `audit export: ${entries.length} entries`);
      }),
  };
}
