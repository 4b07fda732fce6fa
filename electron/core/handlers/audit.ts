import type { Handlers } from '../ipc/dispatch.ts';
import { auditedCsv } from './export-csv.ts';
import { guard } from './guard.ts';
import type { CoreServices } from './services.ts';

/** audit.*: the audit log, newest first, and its CSV export. */
export function auditHandlers({ repo, audit }: Pick<CoreServices, 'repo' | 'audit'>): Pick<Handlers, 'audit.list' | 'audit.export'> {
  return {
    'audit.list': ({ limit, beforeId }) => guard(() => repo.listAudit({ limit, beforeId })),
    'audit.export': () =>
      guard(async () => {
        const entries = await repo.listAudit({ limit: 1_000_000 });
        const rows = entries.map((e) => [e.at, e.actor, e.action, e.applicationRowId, e.detail]);
        return auditedCsv(audit, 'audit', ['When', 'Who', 'Action', 'Application', 'Detail'], rows, `audit export: ${entries.length} entries`);
      }),
  };
}
