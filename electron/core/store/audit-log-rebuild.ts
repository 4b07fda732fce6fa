/*
 * SQL of the append-only audit log: schema 1 creates it, and a migration that teaches it a new
 * action rebuilds it with a new list of allowed actions. SQLite cannot
 * change a CHECK in place, so a migration that teaches the log a new action copies its rows into
 * a new table and restores the index and the no-update/no-delete triggers (DROP TABLE does not
 * fire the no-delete trigger). One place, so schema 1 and every rebuild write the table alike.
 */

/** The audit log's table with its CHECK on the allowed actions (schema 1 creates it; rebuilds copy into a new one). */
export function auditLogTable(table: string, actions: readonly string[]): string {
  const allowed = actions.map((a) => `'${a}'`).join(', ');
  return `
CREATE TABLE ${table} (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN (${allowed})),
  application_row_id TEXT,
  detail TEXT
);
`;
}

/** The audit log's index and the triggers that make it append-only. */
export const AUDIT_LOG_GUARDS = `
CREATE INDEX audit_log_application ON audit_log (application_row_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
`;

/** The rebuild itself: a new table with the new list, the rows copied in order, then the guards again. */
export function rebuildAuditLog(version: number, actions: readonly string[]): string {
  const table = `audit_log_v${version}`;
  return `${auditLogTable(table, actions)}
INSERT INTO ${table} (id, at, actor, action, application_row_id, detail)
  SELECT id, at, actor, action, application_row_id, detail FROM audit_log ORDER BY id;
DROP TABLE audit_log;
ALTER TABLE ${table} RENAME TO audit_log;
${AUDIT_LOG_GUARDS}`;
}

/** The actions of schema 1 (migrations.ts): later schemas add to this list. */
export const V1_AUDIT_ACTIONS = ['create', 'edit', 'submit', 'status-change', 'export', 'delete', 'purge', 'unlock', 'lock', 'credentials-change'] as const;
