import { setImmediate } from 'node:timers/promises';
import type { Application } from '../../contract/application.ts';
import { IMPORT_DEFAULTED_FIELDS, type ImportField, type ImportRowFilter, type ImportRowStatus } from '../../contract/import-words.ts';
import type { ImportColumn, ImportCounts, ImportRow } from '../../contract/import.ts';
import { ImportInputError } from './errors.ts';
import { autoMap, columnsByField, describeColumns, mapColumn, type Mapping } from './mapping.ts';
import type { ParsedFile } from './parse.ts';
import type { RowCheck, RowChecker, RowValues } from './validate.ts';

/**
 * One file being imported: its rows, the mapping, the TA's edits and exclusions, and each row's
 * check. Held in main's memory only (PHI is not written anywhere until rows are queued), and
 * forgotten when the import is closed.
 */
interface RowState {
  row: number;
  cells: string[];
  edits: RowValues;
  excluded: boolean;
  check: RowCheck;
  /** Lower-cased Direct address as checked (or as typed, when invalid), for duplicates. */
  addressKey: string;
  duplicate: ImportRow['duplicate'];
}

/** Rows checked between two yields to the event loop. */
const CHECK_SLICE = 500;

const REQUIRED: readonly ImportField[] = ['firstName', 'lastName', 'city', 'state', 'directAddress', 'notificationAddress'];

export class ImportSession {
  readonly headers: string[];
  readonly auto: Mapping;
  mapping: Mapping;
  readonly #rows: RowState[];
  readonly #byRow = new Map<number, RowState>();
  #idle: Promise<void>;

  constructor(
    readonly file: { fileName: string; environmentId: string; environmentName: string; encoding: string; bom: boolean; delimiter: ParsedFile['delimiter'] },
    parsed: ParsedFile,
    readonly defaults: RowValues,
    readonly check: RowChecker,
    /** An application of this environment already holding the address (History or the outbox), as it was when the file was read. */
    readonly alreadyKnown: (addressKey: string) => ImportRow['duplicate'],
  ) {
    this.headers = parsed.headers;
    this.auto = autoMap(parsed.headers);
    this.mapping = [...this.auto];
    this.#rows = parsed.records.map(({ row, cells }) => ({ row, cells, edits: {}, excluded: false, check: { values: {}, errors: {} }, addressKey: '', duplicate: null }));
    for (const r of this.#rows) this.#byRow.set(r.row, r);
    this.#idle = this.#checkAll();
  }

  /**
   * Settles when every row has been checked (after reading, after a column was mapped). Checking
   * 10,000 rows takes most of a second: it yields to the event loop every CHECK_SLICE rows, so the
   * window and the outbox keep going; every other call waits for it first.
   */
  get idle(): Promise<void> {
    return this.#idle;
  }

  #given(r: RowState): RowValues {
    const given: RowValues = {};
    for (const [field, column] of Object.entries(columnsByField(this.mapping)) as [ImportField, number][]) given[field] = r.cells[column] ?? '';
    return { ...given, ...r.edits };
  }

  #checkRow(r: RowState): void {
    r.check = this.check(this.#given(r));
    r.addressKey = (r.check.application?.directAddress ?? r.check.values.directAddress ?? '').trim().toLowerCase();
  }

  /** Duplicates: a later row with an address already on an earlier (not excluded) row, or one already in History or the outbox. */
  #markDuplicates(): void {
    const firstRow = new Map<string, number>();
    for (const r of this.#rows) {
      r.duplicate = null;
      if (r.excluded || r.addressKey === '') continue;
      const earlier = firstRow.get(r.addressKey);
      r.duplicate = earlier !== undefined ? { kind: 'file', row: earlier } : this.alreadyKnown(r.addressKey);
      if (earlier === undefined) firstRow.set(r.addressKey, r.row);
    }
  }

  async #checkAll(): Promise<void> {
    for (let i = 0; i < this.#rows.length; i++) {
      this.#checkRow(this.#rows[i] as RowState);
      if (i % CHECK_SLICE === CHECK_SLICE - 1) await setImmediate();
    }
    this.#markDuplicates();
  }

  #status(r: RowState): ImportRowStatus {
    if (r.excluded) return 'excluded';
    return r.duplicate || Object.keys(r.check.errors).length > 0 ? 'problem' : 'ready';
  }

  #view(r: RowState): ImportRow {
    const errors = { ...r.check.errors };
    if (r.duplicate) {
      const message =
        r.duplicate.kind === 'file'
          ? `The same Direct address is on row ${r.duplicate.row}: each patient is sent once. Exclude this row or fix the address.`
          : r.duplicate.kind === 'history'
            ? `An application for this Direct address is already in History for ${this.file.environmentName}. Exclude this row or fix the address.`
            : `An application for this Direct address is already waiting in the outbox for ${this.file.environmentName}. Exclude this row or fix the address.`;
      errors.directAddress = [message, ...(errors.directAddress ?? [])];
    }
    return {
      row: r.row,
      status: this.#status(r),
      values: r.check.values,
      errors,
      edited: Object.keys(r.edits) as ImportField[],
      duplicate: r.duplicate,
    };
  }

  #rowOf(row: number): RowState {
    const r = this.#byRow.get(row);
    if (!r) throw new ImportInputError(`There is no row ${row} with a patient in this file.`);
    return r;
  }

  get rowCount(): number {
    return this.#rows.length;
  }

  counts(): ImportCounts {
    const counts = { total: this.#rows.length, ready: 0, problems: 0, excluded: 0 };
    for (const r of this.#rows) {
      const status = this.#status(r);
      if (status === 'ready') counts.ready++;
      else if (status === 'problem') counts.problems++;
      else counts.excluded++;
    }
    return counts;
  }

  /** Required fields that no column gives and no default fills (Full name is derived). */
  missing(): ImportField[] {
    const mapped = new Set(this.mapping.filter((f): f is ImportField => f !== null));
    return REQUIRED.filter((f) => !mapped.has(f) && !(f in this.defaults));
  }

  fullNameDerived(): boolean {
    return !this.mapping.includes('fullName');
  }

  defaultedFields(): RowValues {
    const out: RowValues = {};
    for (const f of IMPORT_DEFAULTED_FIELDS) if (this.defaults[f] !== undefined) out[f] = this.defaults[f];
    return out;
  }

  describeColumns(): ImportColumn[] {
    return describeColumns(this.headers, this.mapping, this.auto);
  }

  /** Map a column by hand; resolves once every row was checked again. */
  async map(column: number, field: ImportField | null): Promise<void> {
    await this.#idle;
    if (column >= this.headers.length) throw new ImportInputError(`This file has no column ${column + 1}.`);
    this.mapping = mapColumn(this.mapping, column, field);
    this.#idle = this.#checkAll();
    await this.#idle;
  }

  page(offset: number, limit: number, filter: ImportRowFilter): { total: number; rows: ImportRow[] } {
    const matching = filter === 'all' ? this.#rows : this.#rows.filter((r) => this.#status(r) === filter);
    return { total: matching.length, rows: matching.slice(offset, offset + limit).map((r) => this.#view(r)) };
  }

  edit(row: number, field: ImportField, value: string): ImportRow {
    const r = this.#rowOf(row);
    r.edits = { ...r.edits, [field]: value };
    this.#checkRow(r);
    this.#markDuplicates();
    return this.#view(r);
  }

  exclude(rows: readonly number[], excluded: boolean): void {
    const states = rows.map((row) => this.#rowOf(row));
    for (const r of states) r.excluded = excluded;
    this.#markDuplicates();
  }

  /** The rows that would be queued now, with their checked applications (ial2Vetted still to be attested). */
  readyRows(): { row: number; application: Application }[] {
    return this.#rows.filter((r) => this.#status(r) === 'ready' && r.check.application).map((r) => ({ row: r.row, application: r.check.application as Application }));
  }
}
