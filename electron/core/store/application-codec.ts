import { expiryDay } from '../../contract/certificate-expiry.ts';
import type { Cipher } from './crypto.ts';
import { addressOf, commentsAad, patientName, payloadAad, summaryType, type ApplicationRow } from './application-rows.ts';
import type { ApplicationValues, StoredSummary } from './repository-types.ts';

/** Seals and opens an application's PHI columns (form values, DPP comments) with per-cell AAD. */
export function createApplicationCodec(cipher: Cipher) {
  const sealValues = (id: string, values: ApplicationValues) => cipher.seal(JSON.stringify(values), payloadAad(id));
  const openValues = (row: Pick<ApplicationRow, 'id' | 'payload_enc'>): ApplicationValues =>
    JSON.parse(cipher.open(row.payload_enc, payloadAad(row.id))) as ApplicationValues;
  const openComments = (row: Pick<ApplicationRow, 'id' | 'comments_enc'>) =>
    row.comments_enc ? cipher.open(row.comments_enc, commentsAad(row.id)) : null;

  function summaryOf(row: ApplicationRow): StoredSummary {
    const values = openValues(row);
    const type = summaryType(row, values);
    return {
      id: row.id,
      environmentId: row.environment_id,
      state: row.state,
      certificateType: type,
      patientName: patientName(values, type),
      directAddress: addressOf(values, type),
      tracked: values.tracked === true,
      applicationId: row.application_id,
      dppStatus: row.dpp_status,
      statusDate: row.status_date,
      updatedAt: row.updated_at,
      submittedAt: row.submitted_at,
      queuedAt: row.queued_at,
      attentionCode: row.attention_code,
      attentionMessage: row.attention_message,
      attempts: row.attempts,
      nextAttemptAt: row.next_attempt_at,
      comments: openComments(row),
      expiresOn: row.issued_at && typeof values.duration === 'number' ? expiryDay(row.issued_at, values.duration) : null,
      autoRenew: typeof values.autoRenew === 'boolean' ? values.autoRenew : null,
    };
  }

  return { sealValues, openValues, openComments, summaryOf };
}
