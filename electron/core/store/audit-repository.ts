import type { AuditAction } from '../../contract/audit-actions.ts';
import type { Db, Queryable } from './database.ts';
import type { AuditEntry, AuditInput } from './repository-types.ts';

/** Appends one entry inside the caller's transaction, so it commits or rolls back with the change. */
export function writeAudit(q: Queryable, entry: AuditInput, at: string): number {
  const { lastID } = q.run('INSERT INTO audit_log (at, actor, action, application_row_id, detail) VALUES (?, ?, ?, ?, ?)', [
    at,
    entry.actor,
    entry.action,
    entry.applicationRowId ?? null,
    entry.detail ?? null,
  ]);
  return lastID;
}

/** Reading the audit trail (entries are written inside the store's own transactions). */
export function createAuditReader(db: Db) {
  return {
    /** Newest first; page with `beforeId` (the smallest id of the previous page). */
    async listAudit(query: { limit: number; beforeId?: number }): Promise<AuditEntry[]> {
      // The Application ID is what a TA knows an application by (the row id means nothing to them).
      const rows = db.all<{ id: number; at: string; actor: string; action: AuditAction; application_row_id: string | null; application_id: string | null; detail: string | null }>(
        `SELECT l.id, l.at, l.actor, l.action, l.application_row_id, a.application_id, l.detail
         FROM audit_log l LEFT JOIN applications a ON a.id = l.application_row_id
         ${query.beforeId !== undefined ? 'WHERE l.id < ?' : ''} ORDER BY l.id DESC LIMIT ?`,
        query.beforeId !== undefined ? [query.beforeId, query.limit] : [query.limit],
      );
      return rows.map((r) => ({
        id: r.id,
        at: r.at,
        actor: r.actor,
        action: r.action,
        applicationRowId: r.application_row_id,
        applicationId: r.application_id,
        detail: r.detail,
      }));
    },
  };
}
