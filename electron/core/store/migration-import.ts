import { rebuildAuditLog, V1_AUDIT_ACTIONS } from './audit-log-rebuild.ts';

/**
 * Schema 3: bulk import. A batch row per queued import (no PHI: environment, state, counts and
 * times; never the file's name, which may name a patient), and on each application the batch it
 * came from with its row number in the file. The audit log learns the action 'import' (file read,
 * attestation with its count, queued, paused, resumed, cancelled); like schema 2 it rebuilds the
 * append-only table, as SQLite cannot change a CHECK in place.
 */
const V3_BATCH_TABLES = `
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
`;

export const V3_IMPORT_BATCHES = V3_BATCH_TABLES + rebuildAuditLog(3, [...V1_AUDIT_ACTIONS, 'lookup', 'track', 'import']);
