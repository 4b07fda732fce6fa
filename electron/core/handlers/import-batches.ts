import { fail, ok, type Result } from '../../contract/result.ts';
import { ImportFileError, ImportInputError } from '../import/errors.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import { auditedCsv } from './export-csv.ts';
import type { CoreServices } from './services.ts';

type BatchChannel = 'import.queue' | 'import.batches' | 'import.batchStatus' | 'import.pause' | 'import.resume' | 'import.cancel' | 'import.batchRows' | 'import.batchExport';

async function guarded<T>(fn: () => Promise<T> | T): Promise<Result<T>> {
  try {
    return ok(await fn());
  } catch (err) {
    if (err instanceof ImportFileError || err instanceof ImportInputError) return fail({ code: 'invalid', message: err.message });
    throw err;
  }
}

/** import.queue and the batch channels: queue the checked rows, follow and steer the batch (contract: import-batch.ts). */
export function importBatchHandlers({ importer, importBatches, outbox, audit }: Pick<CoreServices, 'importer' | 'importBatches' | 'outbox' | 'audit'>): Pick<Handlers, BatchChannel> {
  return {
    'import.queue': ({ importId, attestedCount }) =>
      guarded(async () => {
        const batchId = await importer.queue(importId, attestedCount);
        outbox.kick();
        return importBatches.status(batchId);
      }),
    'import.batches': () => guarded(() => importBatches.list()),
    'import.batchStatus': ({ batchId }) => guarded(() => importBatches.status(batchId)),
    'import.pause': ({ batchId }) => guarded(() => importBatches.pause(batchId)),
    'import.resume': ({ batchId }) => guarded(() => importBatches.resume(batchId)),
    'import.cancel': ({ batchId }) => guarded(() => importBatches.cancel(batchId)),
    'import.batchRows': ({ batchId, filter, offset, limit }) => guarded(() => importBatches.rows(batchId, filter, offset, limit)),
    'import.batchExport': ({ batchId, includePhi }) =>
      guarded(async () => {
        const table = await importBatches.exportTable(batchId, includePhi);
        const what = includePhi ? 'with patient names and addresses' : 'without patient names or addresses';
        return auditedCsv(audit, 'import-results', table.header, table.rows, `import results export: ${table.rows.length} rows, ${what}, environment ${table.environmentName}`);
      }),
  };
}
