/**
 * The words for audit actions in the Audit view. The names mirror the contract's audit-actions
 * module that core is adding: once it lands, the map below goes and this re-exports it.
 */
const AUDIT_ACTION_LABELS: Record<string, string> = {
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
};

/** An action this version does not know is shown as stored. */
export function auditActionLabel(action: string): string {
  return Object.hasOwn(AUDIT_ACTION_LABELS, action) ? AUDIT_ACTION_LABELS[action]! : action;
}
