import { z } from 'zod';
import { AppInfoSchema } from './app-info.ts';
import { CERTIFICATE_TYPES } from './certificate-types.ts';
import {
  ApplicationStateSchema,
  ApplicationSummarySchema,
  AuditEntrySchema,
  DraftDetailSchema,
  ExportInputSchema,
  ExportResultSchema,
  HistoryDetailSchema,
  HistoryPageSchema,
  HistoryQuerySchema,
  OutboxStateSchema,
  PurgeInputSchema,
  RowIdSchema,
  SaveDraftInputSchema,
  SavedDraftSchema,
  SubmitInputSchema,
  SubmitOutcomeSchema,
} from './applications.ts';
import { ConnectionTestSchema, EnvironmentIdSchema, EnvironmentInputSchema, EnvironmentListSchema, EnvironmentViewSchema } from './environments.ts';
import { IdleSettingSchema, LockStateSchema, UnlockInputSchema } from './lock.ts';
import { RENDERER_COMMANDS } from './commands.ts';
import {
  BatchIdSchema,
  BatchProgressSchema,
  BatchResultsSchema,
  BatchStartedSchema,
  BatchStartInputSchema,
  IdLookupAnswerSchema,
  IdLookupInputSchema,
  LookupAnswerSchema,
  LookupInputSchema,
  TrackedSchema,
  TrackInputSchema,
} from './lookup.ts';
import {
  ImportChunkInputSchema,
  ImportChunkReceivedSchema,
  ImportCountsSchema,
  ImportEditedSchema,
  ImportEditInputSchema,
  ImportExcludeInputSchema,
  ImportIdSchema,
  ImportMapInputSchema,
  ImportOpenedSchema,
  ImportOpenInputSchema,
  ImportTemplateInputSchema,
  ImportOverviewSchema,
  ImportReadInputSchema,
  ImportReadSchema,
  ImportRowPageSchema,
  ImportRowsInputSchema,
} from './import.ts';
import {
  ImportBatchExportInputSchema,
  ImportBatchIdSchema,
  ImportBatchRowPageSchema,
  ImportBatchRowsInputSchema,
  ImportBatchStatusSchema,
  ImportQueueInputSchema,
} from './import-batch.ts';
import { CHANNEL_METHODS, EVENT_METHODS } from './method-names.ts';

/**
 * The IPC contract, declared once. Main registers a handler per channel, the preload and the
 * preview bridge expose `method` to the renderer, and both sides parse with these schemas.
 * Channel names never reach renderer code: it sees only the methods.
 * `whileLocked: true` marks the few channels served while the idle lock is on; every other one
 * may carry PHI and is refused until the TA unlocks.
 */
const none = z.undefined();
const done = z.object({ done: z.literal(true) });

export const channels = {
  'app.info': { method: 'getAppInfo', input: none, output: AppInfoSchema, whileLocked: true },
  'app.activity': { method: 'reportActivity', input: none, output: done, whileLocked: true },
  // The type picker's choice, so the next new application starts as it: a setting, no PHI.
  'app.rememberCertificateType': { method: 'rememberCertificateType', input: z.object({ certificateType: z.enum(CERTIFICATE_TYPES) }), output: done },

  'application.submit': {
    method: 'submitApplication',
    // Any certificate type, by its context-free schema: the service adds the profile's Direct domain rule.
    input: SubmitInputSchema,
    output: SubmitOutcomeSchema,
  },

  // Served while locked: the renderer saves what was being typed as the lock comes down, and the
  // answer (an id and a time) discloses nothing.
  'drafts.save': { method: 'saveDraft', input: SaveDraftInputSchema, output: SavedDraftSchema, whileLocked: true },
  'drafts.list': { method: 'listDrafts', input: none, output: z.array(ApplicationSummarySchema) },
  'drafts.get': { method: 'getDraft', input: RowIdSchema, output: DraftDetailSchema },
  'drafts.delete': { method: 'deleteDraft', input: RowIdSchema, output: done },
  'drafts.duplicate': { method: 'duplicateDraft', input: RowIdSchema, output: SavedDraftSchema },

  'outbox.list': { method: 'listOutbox', input: none, output: z.array(ApplicationSummarySchema) },
  'outbox.state': { method: 'getOutboxState', input: none, output: OutboxStateSchema },
  'outbox.retryNow': { method: 'retryOutbox', input: none, output: OutboxStateSchema },

  'history.query': { method: 'queryHistory', input: HistoryQuerySchema, output: HistoryPageSchema },
  'history.get': { method: 'getHistoryDetail', input: RowIdSchema, output: HistoryDetailSchema },
  'history.checkStatus': {
    method: 'checkStatus',
    input: z.object({ id: z.uuid().optional() }),
    output: z.object({ checked: z.number(), changed: z.number() }),
  },
  'history.export': { method: 'exportHistory', input: ExportInputSchema, output: ExportResultSchema },
  'history.reopen': { method: 'reopenAsDraft', input: RowIdSchema, output: SavedDraftSchema },
  'history.purge': { method: 'purgeHistory', input: PurgeInputSchema, output: z.object({ purged: z.number() }) },

  'audit.list': {
    method: 'listAudit',
    input: z.object({ limit: z.number().int().min(1).max(1000).default(200), beforeId: z.number().int().optional() }),
    output: z.array(AuditEntrySchema),
  },
  'audit.export': { method: 'exportAudit', input: none, output: ExportResultSchema },

  'environments.list': { method: 'listEnvironments', input: none, output: EnvironmentListSchema },
  'environments.save': { method: 'saveEnvironment', input: EnvironmentInputSchema, output: EnvironmentViewSchema },
  'environments.remove': { method: 'removeEnvironment', input: EnvironmentIdSchema, output: done },
  'environments.activate': { method: 'activateEnvironment', input: EnvironmentIdSchema, output: AppInfoSchema },
  'environments.test': { method: 'testConnection', input: EnvironmentIdSchema, output: ConnectionTestSchema },

  'lock.state': { method: 'getLockState', input: none, output: LockStateSchema, whileLocked: true },
  'lock.lock': { method: 'lockNow', input: none, output: LockStateSchema, whileLocked: true },
  'lock.unlock': { method: 'unlock', input: UnlockInputSchema, output: LockStateSchema, whileLocked: true },
  'lock.setIdle': { method: 'setIdleMinutes', input: IdleSettingSchema, output: LockStateSchema },

  // Status lookup of any Direct address (lookup.ts): one, a batch with progress events, tracking.
  'lookup.one': { method: 'lookUpAddress', input: LookupInputSchema, output: LookupAnswerSchema },
  'lookup.byId': { method: 'lookUpApplicationId', input: IdLookupInputSchema, output: IdLookupAnswerSchema },
  'lookup.batchStart': { method: 'startBatchLookup', input: BatchStartInputSchema, output: BatchStartedSchema },
  'lookup.batchResults': { method: 'getBatchLookupResults', input: BatchIdSchema, output: BatchResultsSchema },
  'lookup.batchCancel': { method: 'cancelBatchLookup', input: BatchIdSchema, output: BatchProgressSchema },
  'lookup.batchExport': { method: 'exportBatchLookup', input: BatchIdSchema, output: ExportResultSchema },
  'lookup.track': { method: 'trackApplication', input: TrackInputSchema, output: TrackedSchema },

  // Bulk import of a CSV file (import.ts says how the calls follow each other).
  'import.open': { method: 'openImport', input: ImportOpenInputSchema, output: ImportOpenedSchema },
  'import.chunk': { method: 'sendImportChunk', input: ImportChunkInputSchema, output: ImportChunkReceivedSchema },
  'import.read': { method: 'readImport', input: ImportReadInputSchema, output: ImportReadSchema },
  'import.overview': { method: 'getImportOverview', input: ImportIdSchema, output: ImportOverviewSchema },
  'import.map': { method: 'mapImportColumn', input: ImportMapInputSchema, output: ImportOverviewSchema },
  'import.rows': { method: 'listImportRows', input: ImportRowsInputSchema, output: ImportRowPageSchema },
  'import.edit': { method: 'editImportCell', input: ImportEditInputSchema, output: ImportEditedSchema },
  'import.exclude': { method: 'excludeImportRows', input: ImportExcludeInputSchema, output: ImportCountsSchema },
  'import.close': { method: 'closeImport', input: ImportIdSchema, output: done },
  'import.template': { method: 'exportImportTemplate', input: ImportTemplateInputSchema, output: ExportResultSchema },
  // Queueing an import and its batch (import-batch.ts).
  'import.queue': { method: 'queueImport', input: ImportQueueInputSchema, output: ImportBatchStatusSchema },
  'import.batches': { method: 'listImportBatches', input: none, output: z.array(ImportBatchStatusSchema) },
  'import.batchStatus': { method: 'getImportBatch', input: ImportBatchIdSchema, output: ImportBatchStatusSchema },
  'import.pause': { method: 'pauseImportBatch', input: ImportBatchIdSchema, output: ImportBatchStatusSchema },
  'import.resume': { method: 'resumeImportBatch', input: ImportBatchIdSchema, output: ImportBatchStatusSchema },
  'import.cancel': { method: 'cancelImportBatch', input: ImportBatchIdSchema, output: ImportBatchStatusSchema },
  'import.batchRows': { method: 'listImportBatchRows', input: ImportBatchRowsInputSchema, output: ImportBatchRowPageSchema },
  'import.batchExport': { method: 'exportImportBatch', input: ImportBatchExportInputSchema, output: ExportResultSchema },
} as const;

/** Events pushed from main to the renderer; `method` subscribes and returns an unsubscribe. */
export const events = {
  'app.notice': {
    method: 'onNotice',
    // `title` and `message` carry no PHI (they are what the OS notification shows too); `detail`
    // is the in-app text, naming the patient and an Officer's comment; `rowId` opens the application.
    payload: z.object({
      level: z.enum(['info', 'success', 'warning']),
      title: z.string(),
      message: z.string(),
      detail: z.string().optional(),
      rowId: z.string().optional(),
    }),
  },
  // A command from the app menu (commands.ts) that the window carries out: a view, the lock.
  'app.command': { method: 'onCommand', payload: z.object({ command: z.enum(RENDERER_COMMANDS) }) },
  'application.changed': {
    method: 'onApplicationChanged',
    payload: z.object({ id: z.string(), state: ApplicationStateSchema, dppStatus: z.string().nullable(), applicationId: z.string().nullable() }),
  },
  'outbox.changed': { method: 'onOutboxChanged', payload: OutboxStateSchema },
  'lock.changed': { method: 'onLockChanged', payload: LockStateSchema },
  'lookup.progress': { method: 'onLookupProgress', payload: BatchProgressSchema },
  'import.progress': { method: 'onImportProgress', payload: ImportBatchStatusSchema },
} as const;

// The zod-free name map (method-names.ts) and this map must agree, channel for channel.
channels satisfies { [C in keyof typeof CHANNEL_METHODS]: { method: (typeof CHANNEL_METHODS)[C] } };
events satisfies { [E in keyof typeof EVENT_METHODS]: { method: (typeof EVENT_METHODS)[E] } };
({}) as { [C in keyof typeof CHANNEL_METHODS]: true } satisfies { [C in keyof typeof channels]: true };
({}) as { [E in keyof typeof EVENT_METHODS]: true } satisfies { [E in keyof typeof events]: true };

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type Events = typeof events;
export type EventName = keyof Events;

export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}

export function servedWhileLocked(name: ChannelName): boolean {
  return 'whileLocked' in channels[name];
}
