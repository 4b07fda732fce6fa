import { exportFileNameFor } from '../../contract/applications.ts';
import { CERTIFICATE_TYPE_LABELS } from '../../contract/certificate-types.ts';
import { fail, ok, type Result } from '../../contract/result.ts';
import { ImportFileError, ImportInputError } from '../import/errors.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import { auditedCsv } from './export-csv.ts';
import type { CoreServices } from './services.ts';

type ImportChannel =
  | 'import.open'
  | 'import.chunk'
  | 'import.read'
  | 'import.overview'
  | 'import.map'
  | 'import.rows'
  | 'import.edit'
  | 'import.exclude'
  | 'import.close'
  | 'import.template';

/** A file that cannot be imported, or a request about an import that is gone: 'invalid', in the TA's words. */
async function guarded<T>(fn: () => Promise<T> | T): Promise<Result<T>> {
  try {
    return ok(await fn());
  } catch (err) {
    if (err instanceof ImportFileError || err instanceof ImportInputError) return fail({ code: 'invalid', message: err.message });
    throw err;
  }
}

/** import.*: bulk import of a CSV file, from the bytes to the checked preview (contract: import.ts). */
export function importHandlers({ importer, audit }: Pick<CoreServices, 'importer' | 'audit'>): Pick<Handlers, ImportChannel> {
  return {
    'import.open': ({ fileName, byteLength, certificateType }) => guarded(() => importer.open(fileName, byteLength, certificateType ?? 'patient')),
    'import.chunk': ({ importId, offset, data }) => guarded(() => importer.chunk(importId, offset, data)),
    'import.read': ({ importId, encoding }) => guarded(() => importer.read(importId, encoding)),
    'import.overview': ({ importId }) => guarded(() => importer.overview(importId)),
    'import.map': ({ importId, column, field }) => guarded(() => importer.map(importId, column, field)),
    'import.rows': ({ importId, offset, limit, filter }) => guarded(() => importer.rows(importId, offset, limit, filter)),
    'import.edit': ({ importId, row, field, value }) => guarded(() => importer.edit(importId, row, field, value)),
    'import.exclude': ({ importId, rows, excluded }) => guarded(() => importer.exclude(importId, rows, excluded)),
    'import.close': ({ importId }) =>
      guarded(() => {
        importer.close(importId);
        return { done: true as const };
      }),
    // Only the header row: no PHI, but exported like every other file (audited, Save dialog).
    'import.template': (input) =>
      guarded(async () => {
        const type = input?.certificateType ?? 'patient';
        const { header, rows } = importer.template(type);
        const what = type === 'patient' ? 'import template' : `import template for ${CERTIFICATE_TYPE_LABELS[type].toLowerCase()}s`;
        const csv = await auditedCsv(audit, 'import-template', header, rows, `${what} (header row only)`);
        // Named for its type, as the desktop Save dialog suggests it too.
        return { ...csv, fileName: exportFileNameFor('import-template', input) };
      }),
  };
}
