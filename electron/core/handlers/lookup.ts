import { fail, ok, type Result } from '../../contract/result.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import { LookupInputError } from '../lookup/lookup-service.ts';
import { auditedCsv } from './export-csv.ts';
import type { CoreServices } from './services.ts';

type LookupChannel = 'lookup.one' | 'lookup.byId' | 'lookup.batchStart' | 'lookup.batchResults' | 'lookup.batchCancel' | 'lookup.batchExport' | 'lookup.track';

/** Input the TA can fix (an address, a list) becomes 'invalid' with the field it belongs to. */
async function guarded<T>(fn: () => Promise<Result<T>> | Result<T>): Promise<Result<T>> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof LookupInputError) {
      return fail({ code: Object.keys(err.fields).length > 0 ? 'invalid' : 'not-found', message: err.message, fields: err.fields });
    }
    throw err;
  }
}

/** lookup.*: Status lookup of any Direct address (one or a batch) or Application ID, and tracking (contract: lookup.ts). */
export function lookupHandlers({ lookup, audit }: Pick<CoreServices, 'lookup' | 'audit'>): Pick<Handlers, LookupChannel> {
  return {
    'lookup.one': ({ address }) => guarded(() => lookup.one(address)),
    'lookup.byId': ({ applicationId }) => guarded(() => lookup.oneById(applicationId)),
    'lookup.batchStart': ({ text, format }) => guarded(async () => ok(await lookup.startBatch(text, format))),
    'lookup.batchResults': ({ batchId }) => guarded(() => ok(lookup.results(batchId))),
    'lookup.batchCancel': ({ batchId }) => guarded(() => ok(lookup.cancel(batchId))),
    'lookup.batchExport': ({ batchId }) =>
      guarded(async () => {
        const table = lookup.exportBatch(batchId);
        return ok(await auditedCsv(audit, 'status-lookup', table.header, table.rows, `status lookup export: ${table.count} rows, environment ${table.environmentName}`));
      }),
    'lookup.track': (input) => guarded(() => lookup.track(input)),
  };
}
