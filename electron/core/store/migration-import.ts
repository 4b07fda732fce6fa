/**
 * Schema 3: bulk import. A batch row per queued import (no PHI: environment, state, counts and
 * times; never the file's name, which may name a patient), and on each application the batch it
 * came from with its row number in the file. The audit log learns the action 'import' (file read,
 * attestation with its count, queued, paused, resumed, cancelled); like schema 2 it rebuilds the
 * append-only table, as SQLite cannot change a CHECK in place.
 */
export const V3_IMPORT_BATCHES = `
CREATE TABLE import_batches (
  id TEXT PRIMARY KEY,
  environment_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queueing', 'sending', 'paused', 'cancelled')),
  attested_count INTEGER NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
ALTER TABLE applications ADD COLUMN batch_id TEXT REFERENCES import_batches (id);
ALTER TABLE applications ADD COLUMN batch_row INTEGER;
CREATE INDEX applications_batch ON applications (batch_id, state);

CREATE TABLE audit_log_v3 (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('create', 'edit', 'submit', 'status-change', 'export', 'delete', 'purge', 'unlock', 'lock', 'credentials-change', 'lookup', 'track', 'import')),
  application_row_id TEXT,
  detail TEXT
);
INSERT INTO audit_log_v3 (id, at, actor, action, application_row_id, detail)
  SELECT id, at, actor, action, application_row_id, detail FROM audit_log ORDER BY id;
DROP TABLE audit_log;
ALTER TABLE audit_log_v3 RENAME TO audit_log;
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
