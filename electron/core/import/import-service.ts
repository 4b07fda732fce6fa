import { randomUUID } from 'node:crypto';
import type { CertificateType } from '../../contract/certificate-types.ts';
import { importFields } from '../../contract/import-fields.ts';
import { IMPORT_CHUNK_BYTES, IMPORT_NOUNS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ImportEncoding, type ImportField } from '../../contract/import-words.ts';
import type { ImportOverview, ImportRead } from '../../contract/import.ts';
import { readText } from './decode.ts';
import { ImportFileError, ImportInputError } from './errors.ts';
import { readCsv } from './parse.ts';
import { queueBatch, type QueueDeps } from './queue.ts';
import { ImportSession } from './session.ts';
import { profileDefaults, rowChecker } from './validate.ts';

/**
 * Bulk import in main: receives the file's bytes in chunks, reads it (decode, parse, map, check)
 * and keeps the session for the preview. Errors the TA can act on are ImportFileError (the file)
 * or ImportInputError (a request about an import that is gone, a row or column that is not there).
 */
export interface ImportServiceDeps extends QueueDeps {
  /**
   * Every Direct address (lower-cased) in History for an environment, with its row id; for an
   * organizational certificate its Direct domain (an address has an @, a domain never: one map).
   */
  historyAddresses: (environmentId: string) => Promise<Map<string, string>>;
  /** Every Direct address or domain (lower-cased) waiting in the outbox for an environment, with its row id. */
  queuedAddresses: (environmentId: string) => Promise<Map<string, string>>;
  /** An 'import' audit entry: environment and counts, never the file's name or a patient. */
  audit: (detail: string) => Promise<unknown>;
}

/** Imports kept open at once; opening another forgets the oldest (each holds a file's PHI). */
const KEPT_IMPORTS = 2;

const megabytes = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

interface Upload {
  fileName: string;
  certificateType: CertificateType;
  bytes: Uint8Array;
  received: number;
  session?: ImportSession;
  queueing?: boolean;
}

export function createImportService(deps: ImportServiceDeps) {
  const imports = new Map<string, Upload>();

  function uploadOf(importId: string): Upload {
    const upload = imports.get(importId);
    if (!upload) throw new ImportInputError('This import is no longer open. Choose the file again.');
    return upload;
  }

  /** The import's checked session: waits for a check in progress (after a mapping change) first. */
  async function sessionOf(importId: string): Promise<ImportSession> {
    const { session } = uploadOf(importId);
    if (!session) throw new ImportInputError('This file has not been read yet. Choose the file again.');
    await session.idle;
    return session;
  }

  function overview(importId: string, session: ImportSession): ImportOverview {
    return {
      importId,
      fileName: session.file.fileName,
      environmentName: session.file.environmentName,
      encoding: session.file.encoding as ImportOverview['encoding'],
      bom: session.file.bom,
      delimiter: session.file.delimiter,
      columns: session.describeColumns(),
      defaults: session.defaultedFields(),
      fullNameDerived: session.fullNameDerived(),
      missing: session.missing(),
      counts: session.counts(),
      maxRows: MAX_IMPORT_ROWS,
    };
  }

  return {
    /** A new import of a file of `byteLength` bytes whose rows apply for `certificateType`. */
    open(fileName: string, byteLength: number, certificateType: CertificateType = 'patient'): { importId: string; chunkBytes: number } {
      if (byteLength > MAX_IMPORT_BYTES) {
        throw new ImportFileError(`This file is ${megabytes(byteLength)}; TA Desk imports files of up to ${megabytes(MAX_IMPORT_BYTES)}. Split it into smaller files.`);
      }
      if (byteLength === 0) throw new ImportFileError(`The file is empty. Choose a CSV file with a header row and one row per ${IMPORT_NOUNS[certificateType].one}.`);
      const importId = randomUUID();
      imports.set(importId, { fileName, certificateType, bytes: new Uint8Array(byteLength), received: 0 });
      for (const old of [...imports.keys()].slice(0, Math.max(0, imports.size - KEPT_IMPORTS))) imports.delete(old);
      return { importId, chunkBytes: IMPORT_CHUNK_BYTES };
    },

    chunk(importId: string, offset: number, data: string): { received: number } {
      const upload = uploadOf(importId);
      if (upload.session) throw new ImportInputError('This file was already read. Choose it again to read it anew.');
      if (offset !== upload.received) throw new ImportInputError(`Part of the file went missing on the way (expected byte ${upload.received}, got ${offset}). Choose the file again.`);
      const bytes = Buffer.from(data, 'base64');
      if (upload.received + bytes.length > upload.bytes.length) {
        throw new ImportInputError('The file is longer than announced: it may have changed while it was read. Choose it again.');
      }
      upload.bytes.set(bytes, upload.received);
      upload.received += bytes.length;
      return { received: upload.received };
    },

    /** Read the whole file; `encoding` is the one the TA agreed to convert from. */
    async read(importId: string, encoding?: ImportEncoding): Promise<ImportRead> {
      const upload = uploadOf(importId);
      if (upload.session) return { state: 'read', overview: overview(importId, upload.session) };
      if (upload.received !== upload.bytes.length) {
        throw new ImportInputError(`Only ${upload.received} of ${upload.bytes.length} bytes of the file arrived. Choose the file again.`);
      }
      const decoded = await readText(upload.bytes, encoding);
      if (decoded.state === 'needs-encoding') return decoded;
      const type = upload.certificateType;
      const parsed = await readCsv(decoded.text, type);
      const env = await deps.envs.active();
      const history = await deps.historyAddresses(env.id);
      const queued = await deps.queuedAddresses(env.id);
      const defaults = profileDefaults(env.profile, type);
      const session = new ImportSession(
        {
          fileName: upload.fileName,
          environmentId: env.id,
          environmentName: env.name,
          encoding: decoded.encoding,
          bom: decoded.bom,
          delimiter: parsed.delimiter,
          certificateType: type,
        },
        parsed,
        defaults,
        rowChecker(env.profile, defaults, type),
        (key) => {
          const historyId = history.get(key);
          if (historyId) return { kind: 'history', historyId };
          const rowId = queued.get(key);
          return rowId ? { kind: 'queued', rowId } : null;
        },
      );
      await session.idle;
      // A second read of the same import while this one was checking keeps the first result.
      if (upload.session) return { state: 'read', overview: overview(importId, upload.session) };
      upload.session = session;
      upload.bytes = new Uint8Array(0); // the text lives on as rows; the raw bytes go
      const { total, ready, problems } = session.counts();
      const kind = type === 'patient' ? '' : ` of ${IMPORT_NOUNS[type].many}`;
      await deps.audit(`File read for import${kind} at ${env.name}: ${total} rows (${ready} ready, ${problems} with problems)`);
      return { state: 'read', overview: overview(importId, session) };
    },

    overview: async (importId: string) => overview(importId, await sessionOf(importId)),

    async map(importId: string, column: number, field: ImportField | null): Promise<ImportOverview> {
      const session = await sessionOf(importId);
      await session.map(column, field);
      return overview(importId, session);
    },

    async rows(importId: string, offset: number, limit: number, filter: Parameters<ImportSession['page']>[2]) {
      const session = await sessionOf(importId);
      return { ...session.page(offset, limit, filter), counts: session.counts() };
    },

    async edit(importId: string, row: number, field: ImportField, value: string) {
      const session = await sessionOf(importId);
      return { row: session.edit(row, field, value), counts: session.counts() };
    },

    async exclude(importId: string, rows: number[], excluded: boolean) {
      const session = await sessionOf(importId);
      session.exclude(rows, excluded);
      return session.counts();
    },

    /** Queue the ready rows as one batch (the TA attested for `attestedCount`); the preview is closed. */
    async queue(importId: string, attestedCount: number): Promise<string> {
      const upload = uploadOf(importId);
      // A second click while the first is writing would queue every row twice.
      if (upload.queueing) throw new ImportInputError('This file is already being queued.');
      upload.queueing = true;
      try {
        const batchId = await queueBatch(deps, await sessionOf(importId), attestedCount);
        imports.delete(importId);
        return batchId;
      } finally {
        upload.queueing = false;
      }
    },

    close(importId: string): void {
      imports.delete(importId);
    },

    /** Forget every import (the environment changed, the core is closing). */
    closeAll(): void {
      imports.clear();
    },

    /**
     * The template of a type: the header row its import maps automatically (its form's labels, in
     * form order), without the attestation and without secrets (neither is read from a file).
     */
    template(certificateType: CertificateType = 'patient'): { header: string[]; rows: string[][] } {
      return { header: importFields(certificateType).map((f) => f.label), rows: [] };
    },

    sessionOf,
  };
}

export type ImportService = ReturnType<typeof createImportService>;
