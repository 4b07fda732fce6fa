/**
 * What the audit log records, defined once for the store, the core, the Audit view and the
 * audit CSV. Stored as these codes (existing databases keep them); shown as the words below.
 */
export const AUDIT_ACTIONS = ['create', 'edit', 'submit', 'status-change', 'export', 'delete', 'purge', 'unlock', 'lock', 'credentials-change', 'lookup', 'track', 'import'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  create: 'Draft created',
  edit: 'Draft edited',
  submit: 'Submitted',
  'status-change': 'Status changed',
  export: 'Exported',
  delete: 'Draft deleted',
  purge: 'History purged',
  unlock: 'Unlocked',
  lock: 'Locked',
  'credentials-change': 'Credentials changed',
  lookup: 'Status looked up',
  track: 'Tracked in History',
  import: 'Bulk import',
};

/** The words for an action; an action this version does not know is shown as stored. */
export function auditActionLabel(action: string): string {
  return Object.hasOwn(AUDIT_ACTION_LABELS, action) ? AUDIT_ACTION_LABELS[action as AuditAction] : action;
}
