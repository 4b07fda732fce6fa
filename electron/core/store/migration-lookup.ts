import { rebuildAuditLog, V1_AUDIT_ACTIONS } from './audit-log-rebuild.ts';

/**
 * Schema 2: the audit log learns two actions of Status lookup, 'lookup' (an address or a batch
 * looked up: environment and how many, never the addresses) and 'track' (a found application
 * added to History). SQLite cannot change a CHECK in place, so the append-only table is rebuilt
 * with its rows, index and triggers (DROP TABLE does not fire the no-delete trigger).
 */
export const V2_LOOKUP_AUDIT_ACTIONS = rebuildAuditLog(2, [...V1_AUDIT_ACTIONS, 'lookup', 'track']);
