import { setImmediate } from 'node:timers/promises';
import type { CertificateType } from '../../contract/certificate-types.ts';
import { derivedField, importFieldLabel, importFields, isImportField } from '../../contract/import-fields.ts';
import { IMPORT_DEFAULTED_FIELDS, IMPORT_DUPLICATE_FIELD, IMPORT_NOUNS, type ImportField, type ImportRowFilter, type ImportRowStatus } from '../../contract/import-words.ts';
import type { ImportColumn, ImportCounts, ImportRow } from '../../contract/import.ts';
import { ImportInputError } from './errors.ts';
import { autoMap, columnsByField, describeColumns, ignoredWhy, mapColumn, type Mapping } from './mapping.ts';
import type { ParsedFile } from './parse.ts';
import type { CheckedApplication, RowCheck, RowChecker, RowValues } from './validate.ts';

/**
 * One file being imported for one certificate type: its rows, the mapping, the TA's edits and
 * exclusions, and each row's check. Held in main's memory only (PHI is not written anywhere until
 * rows are queued), and forgotten when the import is closed.
 */
interface RowState {
  row: number;
  cells: string[];
  edits: RowValues;
  excluded: boolean;
  check: RowCheck;
  /** Lower-cased Direct address (or Direct domain) as checked (or as typed, when invalid), for duplicates. */
  addressKey: string;
  duplicate: ImportRow['duplicate'];
}

/**
 * Checking gives the event loop a turn at least this often. A slice is timed, not counted: 500
 * rows took 30–170 ms on a busy machine (the schema's check of a row costs 20–300 µs, by load),
 * and IPC answers, the idle lock and the outbox wait for a slice to end.
 */
const CHECK_SLICE_MS = 5;

/** Fields every row of a type needs that no default fills: required, not derived (Full name). */
function requiredFields(type: CertificateType, defaults: RowValues): ImportField[] {
  const derived = derivedField(type)?.name;
  return importFields(type)
    .filter((f) => !f.optional && f.name !== derived && !(f.name in defaults))
    .map((f) => f.name);
}

export class ImportSession {
  readonly headers: string[];
  readonly auto: Mapping;
  mapping: Mapping;
  readonly #rows: RowState[];
  readonly #byRow = new Map<number, RowState>();
  readonly #duplicateField: ImportField;
  #idle: Promise<void>;

  constructor(
    readonly file: {
      fileName: string;
      environmentId: string;
      environmentName: string;
      encoding: string;
      bom: boolean;
      delimiter: ParsedFile['delimiter'];
      certificateType: CertificateType;
    },
    parsed: ParsedFile,
    readonly defaults: RowValues,
    readonly check: RowChecker,
    /** An application of this environment already holding the address or domain (History or the outbox), as it was when the file was read. */
    readonly alreadyKnown: (addressKey: string) => ImportRow['duplicate'],
  ) {
    this.headers = parsed.headers;
    this.#duplicateField = IMPORT_DUPLICATE_FIELD[file.certificateType];
    this.auto = autoMap(parsed.headers, file.certificateType);
    this.mapping = [...this.auto];
    this.#rows = parsed.records.map(({ row, cells }) => ({ row, cells, edits: {}, excluded: false, check: { values: {}, errors: {} }, addressKey: '', duplicate: null }));
    for (const r of this.#rows) this.#byRow.set(r.row, r);
    this.#idle = this.#checkAll();
  }

  /**
   * Settles when every row has been checked (after reading, after a column was mapped). Checking
   * 10,000 rows takes most of a second: it yields to the event loop every CHECK_SLICE_MS, so the
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
    const key = this.#duplicateField;
    const checked = r.check.application?.[key];
    r.addressKey = (typeof checked === 'string' ? checked : (r.check.values[key] ?? '')).trim().toLowerCase();
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
    // The first slice starts on a turn of its own, not after the work of reading the file.
    await setImmediate();
    let sliceStart = performance.now();
    for (const r of this.#rows) {
      this.#checkRow(r);
      if (performance.now() - sliceStart >= CHECK_SLICE_MS) {
        await setImmediate();
        sliceStart = performance.now();
      }
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
      const type = this.file.certificateType;
      const key = this.#duplicateField;
      // "Direct address" / "Direct domain", and "the address" / "the domain".
      const label = importFieldLabel(type, key);
      const what = label.split(' ').pop()?.toLowerCase() ?? label;
      const message =
        r.duplicate.kind === 'file'
          ? `The same ${label} is on row ${r.duplicate.row}: each ${IMPORT_NOUNS[type].one} is sent once. Exclude this row or fix the ${what}.`
          : r.duplicate.kind === 'history'
            ? `An application for this ${label} is already in History for ${this.file.environmentName}. Exclude this row or fix the ${what}.`
            : `An application for this ${label} is already waiting in the outbox for ${this.file.environmentName}. Exclude this row or fix the ${what}.`;
      errors[key] = [message, ...(errors[key] ?? [])];
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
    if (!r) throw new ImportInputError(`There is no row ${row} with a ${IMPORT_NOUNS[this.file.certificateType].one} in this file.`);
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
    return requiredFields(this.file.certificateType, this.defaults).filter((f) => !mapped.has(f));
  }

  /** The derived field (Full name) is made from others: the type has one and no column gives it. */
  fullNameDerived(): boolean {
    const derived = derivedField(this.file.certificateType);
    return derived !== undefined && !this.mapping.includes(derived.name);
  }

  defaultedFields(): RowValues {
    const out: RowValues = {};
    for (const f of IMPORT_DEFAULTED_FIELDS) if (this.defaults[f] !== undefined) out[f] = this.defaults[f];
    return out;
  }

  describeColumns(): ImportColumn[] {
    return describeColumns(this.headers, this.mapping, this.auto, this.file.certificateType);
  }

  /**
   * Map a column by hand; resolves once every row was checked again. A field the type does not
   * have, or a column that names the attestation or a password, is refused.
   */
  async map(column: number, field: ImportField | null): Promise<void> {
    await this.#idle;
    const type = this.file.certificateType;
    const header = this.headers[column];
    if (header === undefined) throw new ImportInputError(`This file has no column ${column + 1}.`);
    if (field !== null && !isImportField(type, field)) throw new ImportInputError(`A ${IMPORT_NOUNS[type].one}’s application has no field “${field}” to import.`);
    const why = field !== null ? ignoredWhy(header, type) : undefined;
    if (why) throw new ImportInputError(`The column “${header}” cannot be imported. ${why}`);
    this.mapping = mapColumn(this.mapping, column, field);
    this.#idle = this.#checkAll();
    await this.#idle;
  }

  page(offset: number, limit: number, filter: ImportRowFilter): { total: number; rows: ImportRow[] } {
    const matching = filter === 'all' ? this.#rows : this.#rows.filter((r) => this.#status(r) === filter);
    return { total: matching.length, rows: matching.slice(offset, offset + limit).map((r) => this.#view(r)) };
  }

  edit(row: number, field: ImportField, value: string): ImportRow {
    const type = this.file.certificateType;
    if (!isImportField(type, field)) throw new ImportInputError(`A ${IMPORT_NOUNS[type].one}’s application has no field “${field}” to fix.`);
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

  /** The rows that would be queued now, with their checked applications (the attestation still to be attested). */
  readyRows(): { row: number; application: CheckedApplication }[] {
    return this.#rows
      .filter((r) => this.#status(r) === 'ready' && r.check.application)
      .map((r) => ({ row: r.row, application: r.check.application as CheckedApplication }));
  }
}
