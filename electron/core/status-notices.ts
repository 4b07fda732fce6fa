import { DPP_STATUS, dppStatusLabel, isFinalDppStatus } from '../contract/dpp-statuses.ts';
import type { ApplicationSummary } from '../contract/applications.ts';
import type { Emit } from './events.ts';
import type { HistoryCertificateType } from '../contract/certificate-types.ts';

/** What went live, by certificate type (the title stays free of PHI). */
const SUBJECT: Record<HistoryCertificateType, { title: string; live: string }> = {
  patient: { title: 'Direct address', live: 'the Direct address ' },
  address: { title: 'Direct address', live: 'the Direct address ' },
  organization: { title: 'Direct domain', live: 'the Direct domain ' },
  unknown: { title: 'Certificate', live: '' },
};

/**
 * What the TA hears when the poller records a new DPP status: every change reaches the open
 * views (application.changed); reaching a final status also raises a notice and, where the OS
 * supports it, a desktop notification.
 */
export function statusChangeAnnouncer(emit: Emit, notify?: (title: string, body: string) => void) {
  return (row: ApplicationSummary, previous: string | null): void => {
    emit('application.changed', { id: row.id, state: row.state, dppStatus: row.dppStatus, applicationId: row.applicationId });
    if (!row.dppStatus || !isFinalDppStatus(row.dppStatus) || row.dppStatus === previous) return;
    const provisioned = row.dppStatus === DPP_STATUS.provisioned;
    // An organizational certificate makes a Direct domain live, the others a Direct address; a
    // tracked application of no known type is said by what it is, not guessed.
    const subject = SUBJECT[row.certificateType];
    // No PHI in notifications: they show on the lock screen and in the OS notification center.
    const title = provisioned ? `${subject.title} provisioned` : 'Application rejected';
    const message = `Application ${row.applicationId ?? ''} is ${dppStatusLabel(row.dppStatus)}.`.replace('  ', ' ');
    // In the app, behind its lock, the notice may say whom it is about and why it was rejected.
    // A tracked application's answer carries no name: it is named by its number instead.
    const who = row.patientName ? `${row.patientName}${row.applicationId ? ` (${row.applicationId})` : ''}` : `Application ${row.applicationId ?? ''}`.trim();
    const detail = provisioned
      ? `${who}: ${subject.live}${row.directAddress} is live.`
      : `${who}: rejected by the DataMotion Officer.${row.comments ? ` Comment: “${row.comments}”` : ''}`;
    emit('app.notice', { level: provisioned ? 'success' : 'warning', title, message, detail, rowId: row.id });
    notify?.(title, message);
  };
}
