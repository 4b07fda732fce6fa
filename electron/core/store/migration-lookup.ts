/**
 * Schema 2: the audit log learns two actions of Status lookup, 'lookup' (an address or a batch
 * looked up: environment and how many, never the addresses) and 'track' (a found application
 * added to History). SQLite cannot change a CHECK in place, so the append-only table is rebuilt
 * with its rows, index and triggers (DROP TABLE does not fire the no-delete trigger).
 */
export const V2_LOOKUP_AUDIT_ACTIONS = `
CREATE TABLE audit_log_v2 (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('create', 'edit', 'submit', 'status-change', 'export', 'delete', 'purge', 'unlock', 'lock', 'credentials-change', 'lookup', 'track')),
  application_row_id TEXT,
  detail TEXT
);
INSERT INTO audit_log_v2 (id, at, actor, action, application_row_id, detail)
  SELECT id, at, actor, action, application_row_id, detail FROM audit_log ORDER BY id;
DROP TABLE audit_log;
ALTER TABLE audit_log_v2 RENAME TO audit_log;
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
