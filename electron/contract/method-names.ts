/**
 * Channel and event names with the window-API method each becomes: zod-free, so the preview
 * bridge and the preload can build the API without pulling the schemas in. channels.ts attaches
 * the schemas to exactly these names (its types check that they match).
 */
export const CHANNEL_METHODS = {
  'app.info': 'getAppInfo',
  'app.activity': 'reportActivity',
  'application.submit': 'submitApplication',
  'drafts.save': 'saveDraft',
  'drafts.list': 'listDrafts',
  'drafts.get': 'getDraft',
  'drafts.delete': 'deleteDraft',
  'drafts.duplicate': 'duplicateDraft',
  'outbox.list': 'listOutbox',
  'outbox.state': 'getOutboxState',
  'outbox.retryNow': 'retryOutbox',
  'history.query': 'queryHistory',
  'history.get': 'getHistoryDetail',
  'history.checkStatus': 'checkStatus',
  'history.export': 'exportHistory',
  'history.reopen': 'reopenAsDraft',
  'history.purge': 'purgeHistory',
  'audit.list': 'listAudit',
  'audit.export': 'exportAudit',
  'environments.list': 'listEnvironments',
  'environments.save': 'saveEnvironment',
  'environments.remove': 'removeEnvironment',
  'environments.activate': 'activateEnvironment',
  'environments.test': 'testConnection',
  'lock.state': 'getLockState',
  'lock.lock': 'lockNow',
  'lock.unlock': 'unlock',
  'lock.setIdle': 'setIdleMinutes',
  'lookup.one': 'lookUpAddress',
  'lookup.batchStart': 'startBatchLookup',
  'lookup.batchResults': 'getBatchLookupResults',
  'lookup.batchCancel': 'cancelBatchLookup',
  'lookup.batchExport': 'exportBatchLookup',
  'lookup.track': 'trackApplication',
} as const;

export const EVENT_METHODS = {
  'app.notice': 'onNotice',
  'app.command': 'onCommand',
  'application.changed': 'onApplicationChanged',
  'outbox.changed': 'onOutboxChanged',
  'lock.changed': 'onLockChanged',
  'lookup.progress': 'onLookupProgress',
} as const;
