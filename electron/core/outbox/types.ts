import type { AppError } from '../../contract/result.ts';
import type { Pacer } from '../dpp/pacer.ts';
import type { RetryPolicy } from '../dpp/retry-policy.ts';
import type { EnvironmentService } from '../environments.ts';
import type { Emit } from '../events.ts';
import type { ApplicationRecord, ApplicationState, Repository, Transition } from '../store/repository.ts';
import type { ApplicationSecrets } from '../vault/application-secrets.ts';

// The outbox's shapes, apart from its logic, so the pieces under outbox/ share one definition.

export interface ProcessResult {
  state: ApplicationState;
  error?: AppError;
}

export interface OutboxOptions {
  repo: Repository;
  envs: EnvironmentService;
  actor: () => Promise<string>;
  emit: Emit;
  /** Told about each application whose row changed (the history index listens). */
  onRowChanged: (id: string) => void;
  policy?: RetryPolicy;
  now?: () => Date;
  /** Longest wait between attempts for one application, however often it failed. */
  maxBackoffMs?: number;
  /** Applications sent side by side (each row is still sent by one worker at a time). */
  concurrency?: number;
  /** The app's one pacer, shared with batch status lookups: one idea of the DPP's rate. */
  pacer?: Pacer;
  /** The state of the import batch an application belongs to, if it does (read synchronously, right before a send). */
  batchHold?: (id: string) => 'queueing' | 'sending' | 'paused' | 'cancelled' | undefined;
  /** Secrets typed into applications: added back right before a send, forgotten once submitted. */
  secrets?: Pick<ApplicationSecrets, 'read' | 'forget'>;
}

/** One conditional state change of a row, with an optional audit line (written in the same transaction). */
export type Move = (id: string, t: Omit<Transition, 'audit'> & { auditDetail?: string }) => Promise<boolean>;

/** What the DPP said about an application it has, whether answering a send or a status check. */
export interface Accepted {
  applicationId: string | undefined;
  status: string;
  submittedAt: string;
  statusDate?: string | undefined;
  comments?: string | undefined;
}

export type MarkSubmitted = (row: ApplicationRecord, from: ApplicationState[], accepted: Accepted, how: string) => Promise<ProcessResult>;
