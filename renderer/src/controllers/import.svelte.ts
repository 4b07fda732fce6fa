import { DEFAULT_CERTIFICATE_TYPE, type CertificateType } from '$contract/certificate-types.ts';
import type { ImportBatchStatus } from '$contract/import-batch.ts';
import type { ImportCounts, ImportOverview } from '$contract/import.ts';
import { encodeChunk, IMPORT_CHUNK_BYTES, IMPORT_NOUNS, MAX_IMPORT_BYTES, MAX_IMPORT_PAGE, type ImportEncoding, type ImportField } from '$contract/import-words.ts';
import type { WindowApi } from '$contract/window-api.ts';
import { deliverExport } from '../lib/export-delivery.ts';
import { toGridRow, type GridRow } from './import-preview.ts';

export type ImportPhase = 'choose' | 'reading' | 'encoding' | 'review';
export type RowLoader = (offset: number, limit: number) => Promise<GridRow[] | undefined>;

const MB = 1024 * 1024;

/**
 * One import, from the file to the rows ready to queue: the file's bytes go to main in chunks
 * (main parses and validates; nothing heavy runs here), a file main cannot read is explained and
 * the view stays usable, an encoding other than UTF-8 is converted only with the TA's consent,
 * then the column mapping, the counts and the preview's pages, cell edits and exclusions.
 * The certificate type is chosen first (patient by default) and goes with the file to main; it
 * is fixed while a file is open (the view's picker is locked, with "Start over" beside it).
 */
export class ImportController {
  phase: ImportPhase = $state('choose');
  /** What the file's rows apply for: main maps, checks and queues them as this type. */
  certificateType: CertificateType = $state(DEFAULT_CERTIFICATE_TYPE);
  /** A file is open (being read, asking about its encoding, or in review): the type cannot change. */
  readonly typeLocked = $derived(this.phase !== 'choose');
  fileName: string | undefined = $state();
  /** Bytes sent to main so far, while reading a file. */
  sent = $state(0);
  size = $state(0);
  /** Why the file could not be imported, naming the row and column when there is one. */
  fileError: string | undefined = $state();
  /** The file is not UTF-8: what main found, waiting for the TA's consent to convert. */
  encodingQuestion: { encoding: ImportEncoding; message: string } | undefined = $state();
  overview: ImportOverview | undefined = $state();
  counts: ImportCounts = $state({ total: 0, ready: 0, problems: 0, excluded: 0 });
  onlyProblems = $state(false);
  /** A failed mapping, edit or exclusion, in words (the preview stays as it was). */
  actionError: string | undefined = $state();
  /** The grid's pages: a new function refreshes the rows in place after a change. */
  loader: RowLoader = $state.raw(async () => []);
  busy = $state(false);
  /** The TA ticked the sentence naming the ready count; never preset, and unticked when that count changes. */
  attested = $state(false);
  /** Why the rows were not queued, in words. */
  queueError: string | undefined = $state();
  /** The batch the view shows (just queued, or chosen from the list of imports). */
  batch: ImportBatchStatus | undefined = $state();

  /** Rows the grid shows under the current filter. */
  readonly shown = $derived(this.onlyProblems ? this.counts.problems : this.counts.total);
  /** The grid goes back to the top when the file or the filter changes, not after an edit. */
  readonly gridKey = $derived(`${this.overview?.importId ?? ''}:${this.onlyProblems}`);

  readonly #api: WindowApi;
  #importId: string | undefined;

  constructor(api: WindowApi) {
    this.#api = api;
  }

  /** Read a file the TA picked: true when its rows are ready to review, false when it needs an answer or failed. */
  async openFile(file: File): Promise<boolean> {
    await this.close();
    this.fileName = file.name;
    this.fileError = undefined;
    this.actionError = undefined;
    if (file.size > MAX_IMPORT_BYTES) {
      this.fileError = `${file.name} is ${(file.size / MB).toFixed(1)} MB; a file can be at most ${MAX_IMPORT_BYTES / MB} MB. Split it into smaller files.`;
      return false;
    }
    this.phase = 'reading';
    this.sent = 0;
    this.size = file.size;
    const opened = await this.#api.openImport({ fileName: file.name, byteLength: file.size, certificateType: this.certificateType });
    if (!opened.ok) return this.#failed(opened.error.message);
    this.#importId = opened.value.importId;
    const chunk = Math.min(opened.value.chunkBytes || IMPORT_CHUNK_BYTES, IMPORT_CHUNK_BYTES);
    for (let offset = 0; offset < file.size; offset += chunk) {
      const bytes = new Uint8Array(await file.slice(offset, offset + chunk).arrayBuffer());
      const sent = await this.#api.sendImportChunk({ importId: opened.value.importId, offset, data: encodeChunk(bytes) });
      if (!sent.ok) return this.#failed(sent.error.message);
      this.sent = offset + bytes.length;
    }
    return this.#read();
  }

  /** The TA chose what the next file's rows apply for (only while no file is open). */
  chooseType(type: CertificateType): void {
    if (!this.typeLocked) this.certificateType = type;
  }

  /** The TA agreed to convert the file from the encoding main found. */
  async convert(): Promise<boolean> {
    const question = this.encodingQuestion;
    if (!question) return false;
    this.encodingQuestion = undefined;
    this.phase = 'reading';
    return this.#read(question.encoding);
  }

  /** Put the file away (declined conversion, another file, start over): main forgets its rows. */
  async close(): Promise<void> {
    const id = this.#importId;
    this.#importId = undefined;
    this.overview = undefined;
    this.encodingQuestion = undefined;
    this.#setCounts({ total: 0, ready: 0, problems: 0, excluded: 0 });
    this.onlyProblems = false;
    this.queueError = undefined;
    this.phase = 'choose';
    if (id) await this.#api.closeImport({ importId: id });
  }

  async map(column: number, field: ImportField | null): Promise<void> {
    if (!this.#importId) return;
    const result = await this.#api.mapImportColumn({ importId: this.#importId, column, field });
    if (!result.ok) {
      this.actionError = result.error.message;
      return;
    }
    this.actionError = undefined;
    this.#show(result.value);
  }

  async edit(row: GridRow, field: ImportField, value: string): Promise<void> {
    if (!this.#importId) return;
    const result = await this.#api.editImportCell({ importId: this.#importId, row: row.rowNumber, field, value });
    if (!result.ok) {
      this.actionError = `Row ${row.rowNumber} was not changed: ${result.error.fields?.value?.[0] ?? result.error.message}`;
      return;
    }
    this.actionError = undefined;
    this.#setCounts(result.value.counts);
    this.#refresh();
  }

  async toggle(row: GridRow): Promise<void> {
    if (!this.#importId) return;
    const result = await this.#api.excludeImportRows({ importId: this.#importId, rows: [row.rowNumber], excluded: !row.excluded });
    if (!result.ok) {
      this.actionError = `Row ${row.rowNumber} was not ${row.excluded ? 'included' : 'excluded'}: ${result.error.message}`;
      return;
    }
    this.actionError = undefined;
    this.#setCounts(result.value);
    this.#refresh();
  }

  async saveTemplate(): Promise<void> {
    const result = await this.#api.exportImportTemplate({ certificateType: this.certificateType });
    if (result.ok) deliverExport(result.value);
    else this.actionError = result.error.message;
  }

  /** The ready rows become queued applications, once, under the sentence the TA ticked. */
  async queue(): Promise<boolean> {
    const importId = this.#importId;
    if (!importId) return false;
    if (!this.attested) {
      this.queueError =
        this.certificateType === 'organization'
          ? 'Tick the box to accept responsibility that every user of these domains is, or will be, identity-vetted.'
          : `Tick the box to attest that each ${IMPORT_NOUNS[this.certificateType].one}’s identity was verified to IAL2.`;
      return false;
    }
    this.busy = true;
    const result = await this.#api.queueImport({ importId, attestedCount: this.counts.ready, attested: true });
    this.busy = false;
    if (!result.ok) {
      this.queueError = result.error.message;
      return false;
    }
    // Main closed the import: its rows are applications now.
    this.#importId = undefined;
    await this.close();
    this.fileName = undefined;
    this.batch = result.value;
    return true;
  }

  #setCounts(counts: ImportCounts): void {
    if (counts.ready !== this.counts.ready) this.attested = false;
    this.counts = counts;
  }

  async #read(encoding?: ImportEncoding): Promise<boolean> {
    const importId = this.#importId;
    if (!importId) return false;
    const read = await this.#api.readImport(encoding ? { importId, encoding } : { importId });
    if (!read.ok) return this.#failed(read.error.message);
    if (read.value.state === 'needs-encoding') {
      this.encodingQuestion = { encoding: read.value.encoding, message: read.value.message };
      this.phase = 'encoding';
      return false;
    }
    this.#show(read.value.overview);
    this.phase = 'review';
    return true;
  }

  #show(overview: ImportOverview): void {
    this.overview = overview;
    this.#setCounts(overview.counts);
    this.#refresh();
  }

  /** A new loader: the grid fetches the pages in view again, keeping what it shows until they arrive. */
  #refresh(): void {
    const importId = this.#importId;
    const type = this.certificateType;
    const filter = this.onlyProblems ? 'problem' : 'all';
    this.loader = async (offset, limit) => {
      if (!importId) return undefined;
      const page = await this.#api.listImportRows({ importId, offset, limit: Math.min(limit, MAX_IMPORT_PAGE), filter });
      if (!page.ok) {
        this.actionError = page.error.message;
        return undefined;
      }
      return page.value.rows.map((row) => toGridRow(row, type));
    };
  }

  setOnlyProblems(only: boolean): void {
    this.onlyProblems = only;
    this.#refresh();
  }

  /** Main refused the file: say why, forget it, and let the TA pick another. */
  async #failed(message: string): Promise<false> {
    const fileName = this.fileName;
    await this.close();
    this.fileName = fileName;
    this.fileError = message;
    return false;
  }
}

let session: ImportController | undefined;

/** The import in progress, kept across visits to the view (the module lives as long as the window). */
export function importSession(api: WindowApi): ImportController {
  session ??= new ImportController(api);
  return session;
}
