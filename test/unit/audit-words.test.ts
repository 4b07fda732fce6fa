import { describe, expect, it } from 'vitest';
import { auditActionLabel } from '../../electron/contract/audit-actions.ts';
import { auditDetailWords } from '../../electron/core/audit-words.ts';

const names = (id: string) => (id === 'env-1' ? 'Production' : undefined);

describe('audit entries in words', () => {
  it('actions read as words; an unknown action is shown as stored', () => {
    expect(auditActionLabel('status-change')).toBe('Status changed');
    expect(auditActionLabel('credentials-change')).toBe('Credentials changed');
    expect(auditActionLabel('time-travel')).toBe('time-travel');
  });

  it('status changes name statuses in words, unknown statuses verbatim', () => {
    expect(auditDetailWords('status-change', 'none → PendingReview', names)).toBe('First status: Pending review');
    expect(auditDetailWords('status-change', 'PendingReview → Approved', names)).toBe('Pending review → Approved');
    expect(auditDetailWords('status-change', 'CertificateIssued → OnHold', names)).toBe('Certificate issued → OnHold');
  });

  it('sends, attention, lock and unlock details in words', () => {
    expect(auditDetailWords('submit', 'queued', names)).toBe('Queued for sending');
    expect(auditDetailWords('submit', 'needs attention: conflict', names)).toBe('Needs attention: the Direct address is already in use');
    expect(auditDetailWords('lock', 'idle', names)).toBe('Locked after the idle time');
    expect(auditDetailWords('unlock', 'failed attempt 2', names)).toBe('Wrong password (attempt 2)');
  });

  it('environments by name, not by internal id', () => {
    expect(auditDetailWords('credentials-change', 'password stored for environment env-1', names)).toBe('Password stored for “Production”');
    expect(auditDetailWords('credentials-change', 'environment env-1 removed with its password', names)).toBe('“Production” removed with its password');
    expect(auditDetailWords('credentials-change', 'environment env-9 removed with its password', names)).toBe('An environment removed with its password');
    expect(auditDetailWords('credentials-change', 'password stored for environment env-9', names)).toBe('Password stored for an environment since removed');
  });

  it('exports say what was exported and how much, in words (one row is not "1 rows")', () => {
    expect(auditDetailWords('export', 'history export: 3 rows, without PHI columns', names)).toBe('History exported: 3 applications, without patient details');
    expect(auditDetailWords('export', 'history export: 1 rows, with PHI columns', names)).toBe('History exported: 1 application, with patient details (PHI)');
    expect(auditDetailWords('export', 'history export: 3 rows', names)).toBe('History exported: 3 applications');
    expect(auditDetailWords('export', 'audit export: 1 entries', names)).toBe('Audit log exported: 1 entry');
    expect(auditDetailWords('export', 'status lookup export: 4 rows, environment Practice', names)).toBe('Status lookup results exported: 4 rows, at Practice');
  });

  it('details already in words, or from a newer version, stay as stored', () => {
    expect(auditDetailWords('export', 'History exported, as written by a newer version', names)).toBe('History exported, as written by a newer version');
    expect(auditDetailWords('lock', 'Locked by the operating system', names)).toBe('Locked by the operating system');
    expect(auditDetailWords('create', null, names)).toBeNull();
  });
});
