import type { ApplicationState } from '../../contract/application-states.ts';
import type { AuditAction } from '../../contract/audit-actions.ts';
import type { CertificateType, HistoryCertificateType } from '../../contract/certificate-types.ts';
import type { Environment } from '../environment.ts';

/** The store's public types and errors (re-exported by repository.ts, which callers import). */

export type { ApplicationState, AuditAction, CertificateType };

/** The form values as JSON; this layer does not interpret them beyond a name and an address. */
export type ApplicationValues = Record<string, unknown>;

export interface ApplicationRecord {
  id: string;
  environmentId: string;
  state: ApplicationState;
  /** Which certificate it applies for; rows from before there were types are 'patient'. */
  certificateType: CertificateType;
  /**
   * Its type as History shows it: the same, except a tracked application whose DPP answer did not
   * say, which is 'unknown' (its `certificateType` is then only the column's placeholder).
   */
  historyType: HistoryCertificateType;
  values: ApplicationValues;
  idempotencyKey: string | null;
  applicationId: string | null;
  dppStatus: string | null;
  statusDate: string | null;
  comments: string | null;
  attentionCode: string | null;
  attentionMessage: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
  queuedAt: string | null;
  submittedAt: string | null;
  lastCheckedAt: string | null;
}

/**
 * A record without its payload, plus the two values lists show (decrypted from the payload).
 * The store's shape; the renderer's is the contract's StoredSummary (core/summaries.ts).
 */
export type StoredSummary = Omit<ApplicationRecord, 'values' | 'idempotencyKey' | 'createdAt' | 'lastCheckedAt' | 'certificateType' | 'historyType'> & {
  /** The row's type; 'unknown' for a tracked row whose type the DPP's answer did not tell (summaryType). */
  certificateType: HistoryCertificateType;
  /** values.fullName, or first and last name; '' while the draft has none. */
  patientName: string;
  directAddress: string;
  /** Applied for outside TA Desk, followed here after a status lookup. */
  tracked: boolean;
  /** The day an issued certificate lapses (YYYY-MM-DD); null until issued, or when unknown (tracked rows). */
  expiresOn: string | null;
  /** Whether it renews by itself; null when unknown (tracked rows). */
  autoRenew: boolean | null;
};

/** An application found by Status lookup, to follow in History (repository.insertTracked). */
export interface TrackedInput {
  environmentId: string;
  /** What the DPP's answer implied (wire.ts, certificateTypeOfStatus), or 'unknown'. */
  certificateType: HistoryCertificateType;
  /** The Direct address it is for, when known; an organizational certificate has none. */
  directAddress: string | null;
  /** An organizational certificate's Direct domain, when the answer named it. */
  directDomain: string | null;
  applicationId: string | null;
  status: string;
  statusDate: string | null;
  comments: string | null;
  actor: string;
}

export interface ApplicationFilter {
  states?: readonly ApplicationState[];
  environmentId?: string;
}

/** The columns a transition may set besides state and updated_at (camelCase names). */
export type TransitionColumns = Omit<ApplicationRecord, 'id' | 'environmentId' | 'state' | 'certificateType' | 'historyType' | 'createdAt' | 'updatedAt'>;

export interface AuditInput {
  actor: string;
  action: AuditAction;
  applicationRowId?: string | null;
  /** Ids, states and counts only: never PHI. */
  detail?: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: AuditAction;
  applicationRowId: string | null;
  /** The DPP's Application ID of that application, while it exists and once it has one. */
  applicationId: string | null;
  detail: string | null;
}

export interface Transition {
  from: readonly ApplicationState[];
  to: ApplicationState;
  set?: Partial<TransitionColumns>;
  audit?: { actor: string; action: AuditAction; detail?: string | null };
}

export interface StatusUpdate {
  status: string;
  statusDate: string | null;
  comments: string | null;
  actor: string;
}

export interface TimelineEntry {
  status: string;
  statusDate: string | null;
  comments: string | null;
  recordedAt: string;
}

export type EnvironmentProfile = Environment['profile'];

export interface EnvironmentRecord {
  id: string;
  name: string;
  baseUrl: string;
  profile: EnvironmentProfile;
  createdAt: string;
  updatedAt: string;
}

/** A write refused because of the application's state (e.g. editing a queued application). */
export class StoreConflictError extends Error {
  override name = 'StoreConflictError';
  constructor(
    message: string,
    readonly state: ApplicationState,
  ) {
    super(message);
  }
}

/** The application asked for does not exist (deleted, purged, or never saved). */
export class StoreNotFoundError extends Error {
  override name = 'StoreNotFoundError';
  constructor(readonly id: string) {
    super(`No application with id ${id}.`);
  }
}
