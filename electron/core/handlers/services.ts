import type { EnvironmentService } from '../environments.ts';
import type { AuditTrail } from '../audit-trail.ts';
import type { HistoryIndex } from '../history.ts';
import type { BatchControl } from '../import/batch-control.ts';
import type { ImportService } from '../import/import-service.ts';
import type { LockService } from '../lock.ts';
import type { LockedDraftGate } from '../locked-drafts.ts';
import type { LookupService } from '../lookup/lookup-service.ts';
import type { Outbox } from '../outbox.ts';
import type { StatusPoller } from '../poller.ts';
import type { Repository } from '../store/repository.ts';
import type { ApplicationSecrets } from '../vault/application-secrets.ts';

/**
 * The services the composition root builds and hands to the handlers. Each domain's handler
 * function asks only for the ones it uses (a Pick of this), so its test can see what it touches.
 */
export interface CoreServices {
  version: string;
  repo: Repository;
  envs: EnvironmentService;
  history: HistoryIndex;
  lock: LockService;
  /** What drafts.save may reach while locked (only the draft that was open). */
  lockedDrafts: LockedDraftGate;
  outbox: Outbox;
  poller: StatusPoller;
  audit: AuditTrail;
  /** Status lookup of any Direct address, one or a batch, and tracking what it finds. */
  lookup: LookupService;
  /** Bulk import of a CSV file: the preview in memory (import/). */
  importer: ImportService;
  /** Queued import batches: status, pause, resume, cancel, results. */
  importBatches: BatchControl;
  /** Secrets typed into applications (a Direct account password), in the keychain until sent. */
  secrets: ApplicationSecrets;
  /** Who is acting, for audit entries: the TA profile of the active environment (no PHI). */
  actor: () => Promise<string>;
}
