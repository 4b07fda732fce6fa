import { DPP_STATUS, dppStatusLabel, isFinalDppStatus } from '../contract/dpp-statuses.ts';
import type { ApplicationSummary } from '../contract/applications.ts';
import type { Emit } from './events.ts';

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
    // No PHI in notifications: they show on the lock screen and in the OS notification center.
    const title = provisioned ? 'Direct address provisioned' : 'Application rejected';
    const message = `Application ${row.applicationId ?? ''} is ${dppStatusLabel(row.dppStatus)}.`.replace('  ', ' ');
    // In the app, behind its lock, the notice may say whom it is about and why it was rejected.
    const who = row.patientName || 'The patient';
    const id = row.applicationId ? ` (${row.applicationId})` : '';
    const detail = provisioned
      ? `${who}${id}: the Direct address ${row.directAddress} is live.`
      : `${who}${id}: rejected by the DataMotion Officer.${row.comments ? ` Comment: “${row.comments}”` : ''}`;
    emit('app.notice', { level: provisioned ? 'success' : 'warning', title, message, detail, rowId: row.id });
    notify?.(title, message);
  };
}
