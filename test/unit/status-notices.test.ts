import { describe, expect, it } from 'vitest';
import type { ApplicationSummary } from '../../electron/contract/applications.ts';
import { copyOf } from '../../electron/core/handlers/drafts.ts';
import { statusChangeAnnouncer } from '../../electron/core/status-notices.ts';

const row = (over: Partial<ApplicationSummary>): ApplicationSummary => ({
  id: '7d1f5a80-2f0e-4b8e-9d7e-6f1d2b3c4a5e',
  state: 'submitted',
  certificateType: 'patient',
  expiresOn: null,
  autoRenew: null,
  environmentId: 'practice',
  patientName: 'Rhea Stone',
  directAddress: 'rhea.stone@direct.practice.example',
  tracked: false,
  applicationId: 'PC-000042',
  dppStatus: 'Rejected',
  statusDate: null,
  comments: 'Identity could not be verified to IAL2.',
  updatedAt: '2026-11-28T05:00:00.000Z',
  queuedAt: null,
  submittedAt: null,
  attention: null,
  attempts: 1,
  nextAttemptAt: null,
  ...over,
});

describe('status notices', () => {
  it('name the patient and the Officer’s comment in the app, and nothing of the patient in the OS notification', () => {
    const events: { event: string; payload: unknown }[] = [];
    const os: string[] = [];
    const announce = statusChangeAnnouncer((event, payload) => events.push({ event, payload }), (title, body) => os.push(`${title} ${body}`));
    announce(row({}), 'PendingReview');

    const notice = events.find((e) => e.event === 'app.notice')?.payload as { detail: string; message: string; rowId: string };
    expect(notice.detail).toContain('Rhea Stone');
    expect(notice.detail).toContain('Identity could not be verified to IAL2.');
    expect(notice.rowId).toBe(row({}).id);
    expect(notice.message).not.toContain('Rhea');
    expect(os).toHaveLength(1);
    for (const phi of ['Rhea', 'Stone', 'rhea.stone', 'Identity could not']) expect(os[0]).not.toContain(phi);
  });
});

describe('a duplicated draft', () => {
  it('says "(copy)" by its name, once', () => {
    expect(copyOf({ firstName: 'Uma', lastName: 'Ray', fullName: 'Uma Ray' }).fullName).toBe('Uma Ray (copy)');
    expect(copyOf({ firstName: 'Uma', lastName: 'Ray', fullName: '' }).fullName).toBe('Uma Ray (copy)');
    expect(copyOf({ fullName: 'Uma Ray (copy)' }).fullName).toBe('Uma Ray (copy)');
    expect(copyOf({}).fullName).toBe('(copy)');
  });
});
