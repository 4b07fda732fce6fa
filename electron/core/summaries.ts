import type { ApplicationSummary } from '../contract/applications.ts';
import type { StoredSummary } from './store/repository.ts';

/** The store's summary in the shape the renderer gets. */
export function toSummary(row: StoredSummary): ApplicationSummary {
  return {
    id: row.id,
    state: row.state,
    certificateType: row.certificateType,
    environmentId: row.environmentId,
    patientName: row.patientName,
    directAddress: row.directAddress,
    tracked: row.tracked,
    applicationId: row.applicationId,
    dppStatus: row.dppStatus,
    statusDate: row.statusDate,
    comments: row.comments,
    updatedAt: row.updatedAt,
    queuedAt: row.queuedAt,
    submittedAt: row.submittedAt,
    attention: row.attentionCode && row.attentionMessage ? { code: row.attentionCode, message: row.attentionMessage } : null,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    expiresOn: row.expiresOn,
    autoRenew: row.autoRenew,
  };
}
