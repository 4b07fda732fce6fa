import { APPLICATION_FIELDS } from '../../electron/contract/application.ts';
import type { CertificateType } from '../../electron/contract/certificate-types.ts';
import { encodeChunk, IMPORT_CHUNK_BYTES, type ImportRead } from '../../electron/contract/import.ts';
import type { Result } from '../../electron/contract/result.ts';
import { ImportFileError } from '../../electron/core/import/errors.ts';

/** Test files for bulk import: patient rows as a spreadsheet exports them, and the renderer's upload. */

export const TEMPLATE_HEADER = APPLICATION_FIELDS.filter((f) => f.name !== 'ial2Vetted').map((f) => f.label);

export interface PatientRow {
  first: string;
  last: string;
  city: string;
  state: string;
  address: string;
  notify: string;
  notes?: string;
}

/** A patient of the practice organization; `n` makes the Direct address unique. */
export function patient(n: number, tag = 'imp'): PatientRow {
  return {
    first: `Pat${n}`,
    last: `Doe${n}`,
    city: 'Albany',
    state: 'NY',
    address: `${tag}.${process.pid}.${n}@direct.practice.example`,
    notify: `p${n}@example.org`,
  };
}

/** A CSV of these rows under this header (each row's cells in header order), CRLF as a spreadsheet writes it. */
export function csvOf(header: readonly string[], rows: readonly (readonly string[])[], options: { delimiter?: string; eol?: string; bom?: boolean } = {}): string {
  const d = options.delimiter ?? ',';
  const eol = options.eol ?? '\r\n';
  return (options.bom ? '\uFEFF' : '') + [header, ...rows].map((l) => l.map((c) => quote(c, d)).join(d)).join(eol) + eol;
}

const quote = (cell: string, delimiter: string) => (/["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replaceAll('"', '""')}"` : cell);

/** A CSV with the minimal columns (no Trusted Agent, organization or Full name: those default or derive). */
export function patientCsv(rows: PatientRow[], options: { delimiter?: string; eol?: string; bom?: boolean } = {}): string {
  const header = ['First name', 'Last name', 'City', 'State', 'Direct address', 'Notification address', 'Notes'];
  return csvOf(header, rows.map((r) => [r.first, r.last, r.city, r.state, r.address, r.notify, r.notes ?? '']), options);
}

type Dispatch = (channel: unknown, input: unknown) => Promise<Result<unknown>>;

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** What the renderer does with a chosen file before asking main to read it: open, send the bytes in chunks. */
export async function sendFile(dispatch: Dispatch, bytes: Uint8Array, fileName = 'patients.csv', certificateType?: CertificateType): Promise<string> {
  const { importId } = value<{ importId: string }>(await dispatch('import.open', { fileName, byteLength: bytes.length, ...(certificateType ? { certificateType } : {}) }));
  for (let offset = 0; offset < bytes.length; offset += IMPORT_CHUNK_BYTES) {
    value(await dispatch('import.chunk', { importId, offset, data: encodeChunk(bytes.subarray(offset, offset + IMPORT_CHUNK_BYTES)) }));
  }
  return importId;
}

/** What the renderer does with a chosen file: send it, then read. */
export async function uploadFile(
  dispatch: Dispatch,
  bytes: Uint8Array,
  fileName = 'patients.csv',
  certificateType?: CertificateType,
): Promise<{ importId: string; read: Result<unknown> }> {
  const importId = await sendFile(dispatch, bytes, fileName, certificateType);
  return { importId, read: await dispatch('import.read', { importId }) };
}

/** Upload and read a CSV text; `certificateType` as the TA chose it (not sent: the patient default). */
export async function importText(dispatch: Dispatch, text: string, certificateType?: CertificateType) {
  const { importId, read } = await uploadFile(dispatch, new TextEncoder().encode(text), 'patients.csv', certificateType);
  const answer = value<ImportRead>(read);
  if (answer.state !== 'read') throw new Error(`not read: ${answer.message}`);
  return { importId, overview: answer.overview };
}

export { value as resultValue };

/** The message a file is refused with (an ImportFileError); fails if it was not refused. */
export function refusal(read: () => unknown): string {
  try {
    read();
  } catch (err) {
    if (err instanceof ImportFileError) return err.message;
    throw err;
  }
  throw new Error('expected the file to be refused');
}

/** As `refusal`, for a read that answers later. */
export async function refusalOf(read: () => Promise<unknown>): Promise<string> {
  try {
    await read();
  } catch (err) {
    if (err instanceof ImportFileError) return err.message;
    throw err;
  }
  throw new Error('expected the file to be refused');
}
