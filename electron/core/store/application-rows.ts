import { applicationStateLabel, type ApplicationState } from '../../contract/application-states.ts';
import { isCertificateType, TYPE_NOT_KNOWN, type CertificateType, type HistoryCertificateType } from '../../contract/certificate-types.ts';
import { DPP_STATUS } from '../../contract/dpp-statuses.ts';
import type { Queryable } from './database.ts';
import { StoreConflictError, StoreNotFoundError, type ApplicationValues, type TrackedInput, type TransitionColumns } from './repository-types.ts';

/** How an application row looks in SQLite, and the small helpers that read and address it. */

export interface ApplicationRow {
  id: string;
  environment_id: string;
  state: ApplicationState;
  certificate_type: CertificateType;
  payload_enc: Buffer;
  idempotency_key: string | null;
  application_id: string | null;
  dpp_status: string | null;
  status_date: string | null;
  comments_enc: Buffer | null;
  attention_code: string | null;
  attention_message: string | null;
  attempts: number;
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
  queued_at: string | null;
  submitted_at: string | null;
  last_checked_at: string | null;
  /** Only in summary reads (SUMMARY_COLUMNS). */
  issued_at?: string | null;
}

/** camelCase field → column, for transition(); only these may be set. */
export const TRANSITION_COLUMNS: { [K in keyof TransitionColumns]: string } = {
  values: 'payload_enc',
  idempotencyKey: 'idempotency_key',
  applicationId: 'application_id',
  dppStatus: 'dpp_status',
  statusDate: 'status_date',
  comments: 'comments_enc',
  attentionCode: 'attention_code',
  attentionMessage: 'attention_message',
  attempts: 'attempts',
  nextAttemptAt: 'next_attempt_at',
  queuedAt: 'queued_at',
  submittedAt: 'submitted_at',
  lastCheckedAt: 'last_checked_at',
};

/**
 * `issued_at`: when the certificate was issued (the date of its first CertificateIssued status),
 * or, when TA Desk never saw that status (it polled past it), the date it saw Provisioned.
 */
export const SUMMARY_COLUMNS = `id, environment_id, state, certificate_type, payload_enc, application_id, dpp_status, status_date, comments_enc,
  attention_code, attention_message, attempts, next_attempt_at, updated_at, submitted_at, queued_at,
  COALESCE(
    (SELECT COALESCE(e.status_date, e.recorded_at) FROM status_events e
      WHERE e.application_row_id = applications.id AND e.status = '${DPP_STATUS.certificateIssued}' ORDER BY e.id LIMIT 1),
    CASE WHEN dpp_status = '${DPP_STATUS.provisioned}' THEN status_date END
  ) AS issued_at`;

export const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');
export const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

// The AAD of each sealed value: its table, row and column (see crypto.ts).
export const payloadAad = (id: string) => `applications:${id}:payload`;
export const commentsAad = (id: string) => `applications:${id}:comments`;
export const eventCommentsAad = (eventId: number) => `status_events:${eventId}:comments`;

/**
 * The type a row's summary shows. A tracked row (found by Status lookup, applied for outside TA
 * Desk) keeps in its payload the type the DPP's answer implied; without one its type is not known,
 * and its column's 'patient' is only the column's default, never shown. Other rows: the column.
 */
export function summaryType(row: Pick<ApplicationRow, 'certificate_type'>, values: ApplicationValues): HistoryCertificateType {
  if (values.tracked !== true) return row.certificate_type;
  return isCertificateType(values.certificateType) ? values.certificateType : TYPE_NOT_KNOWN;
}

/**
 * A tracked row's payload and type column. The type the DPP's answer implied goes in the payload:
 * without it the row's type is not known (summaryType), and the column's 'patient' is only there
 * because the column must hold one of the three.
 */
export function trackedValues(input: Pick<TrackedInput, 'certificateType' | 'directAddress' | 'directDomain'>): { values: ApplicationValues; column: CertificateType } {
  const known = isCertificateType(input.certificateType) ? input.certificateType : undefined;
  const values: ApplicationValues = { tracked: true };
  if (input.directAddress) values.directAddress = input.directAddress;
  if (input.directDomain) values.directDomain = input.directDomain;
  if (known) values.certificateType = known;
  return { values, column: known ?? 'patient' };
}

/** Who the certificate is for: the person's name; for an organizational one, the domain's alternate name. */
export function patientName(values: ApplicationValues, type: HistoryCertificateType = 'patient'): string {
  if (type === 'organization') return text(values.alternateName);
  return text(values.fullName) || [text(values.firstName), text(values.lastName)].filter(Boolean).join(' ');
}

/** The Direct address; for an organizational certificate, the Direct domain it is for (either, when the type is not known). */
export function addressOf(values: ApplicationValues, type: HistoryCertificateType = 'patient'): string {
  if (type === TYPE_NOT_KNOWN) return text(values.directAddress) || text(values.directDomain);
  return type === 'organization' ? text(values.directDomain) : text(values.directAddress);
}

export function stateOf(q: Queryable, id: string): ApplicationState | undefined {
  return q.get<{ state: ApplicationState }>('SELECT state FROM applications WHERE id = ?', [id])?.state;
}

/** Throws the error that explains why an editable-only write touched no row. */
export function refuse(q: Queryable, id: string, verb: string): never {
  const state = stateOf(q, id);
  if (!state) throw new StoreNotFoundError(id);
  // The TA reads this (a conflict answer): the state in words, no internal id.
  throw new StoreConflictError(
    `This application is “${applicationStateLabel(state)}”: only drafts and applications that need attention can be ${verb}; queued and sent applications are not changed in place.`,
    state,
  );
}
