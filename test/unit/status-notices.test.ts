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

describe('status notices per certificate type', () => {
  const provisioned = (over: Partial<ApplicationSummary>) => {
    const events: { event: string; payload: unknown }[] = [];
    const os: string[] = [];
    statusChangeAnnouncer((event, payload) => events.push({ event, payload }), (title, body) => os.push(`${title} ${body}`))(
      row({ dppStatus: 'Provisioned', comments: null, ...over }),
      'CertificateIssued',
    );
    return { notice: events.find((e) => e.event === 'app.notice')?.payload as { title: string; detail: string }, os: os[0] };
  };

  it('say a Direct domain went live for an organizational certificate, never a Direct address or a patient', () => {
    const { notice, os } = provisioned({ certificateType: 'organization', patientName: 'Clinic South', directAddress: 'south.direct.practice.example', applicationId: 'OC-000001' });
    expect(notice.title).toBe('Direct domain provisioned');
    expect(notice.detail).toBe('Clinic South (OC-000001): the Direct domain south.direct.practice.example is live.');
    expect(os).toBe('Direct domain provisioned Application OC-000001 is Provisioned.');
  });

  it('name a tracked application of no known type by its number, not as "The patient"', () => {
    const { notice } = provisioned({ certificateType: 'unknown', tracked: true, patientName: '', directAddress: 'out.side@direct.practice.example', applicationId: 'N-000003' });
    expect(notice.title).toBe('Certificate provisioned');
    expect(notice.detail).toBe('Application N-000003: out.side@direct.practice.example is live.');
  });

  it('keep the patient wording for a patient certificate', () => {
    const { notice } = provisioned({});
    expect(notice.title).toBe('Direct address provisioned');
    expect(notice.detail).toBe('Rhea Stone (PC-000042): the Direct address rhea.stone@direct.practice.example is live.');
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
