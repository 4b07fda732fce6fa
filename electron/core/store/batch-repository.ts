import { randomUUID } from 'node:crypto';
import type { ApplicationState } from '../../contract/application-states.ts';
import type { CertificateType } from '../../contract/certificate-types.ts';
import { untickAttestation } from '../../contract/certificates.ts';
import type { ImportBatchRowFilter } from '../../contract/import-words.ts';
import { createApplicationCodec } from './application-codec.ts';
import { placeholders, SUMMARY_COLUMNS, type ApplicationRow } from './application-rows.ts';
import { writeAudit } from './audit-repository.ts';
import type { Cipher } from './crypto.ts';
import type { Db } from './database.ts';
import type { ApplicationValues, StoredSummary } from './repository-types.ts';

/**
 * Import batches in the store (schema 3): the batch row and its applications. A batch's rows are
 * ordinary outbox rows tagged with the batch, so the outbox sends them and a restart finds them;
 * the batch's state only says whether the outbox may start them (docs/architecture.md, "Bulk import").
 */
export type StoredBatchState = 'queueing' | 'sending' | 'paused' | 'cancelled';

export interface StoredBatch {
  id: string;
  environmentId: string;
  certificateType: CertificateType;
  state: StoredBatchState;
  attestedCount: number;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

interface BatchRow {
  id: string;
  environment_id: string;
  certificate_type: CertificateType;
  state: StoredBatchState;
  attested_count: number;
  note: string | null;
  created_at: string;
  updated_at: string;
}

const batchOf = (r: BatchRow): StoredBatch => ({
  id: r.id,
  environmentId: r.environment_id,
  certificateType: r.certificate_type,
  state: r.state,
  attestedCount: r.attested_count,
  note: r.note,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Application states behind each results filter. */
export const BATCH_FILTER_STATES: Record<Exclude<ImportBatchRowFilter, 'all'>, ApplicationState[]> = {
  sent: ['submitted'],
  queued: ['queued', 'sending', 'unknown-outcome'],
  attention: ['needs-attention'],
  drafts: ['draft'],
};

export function createBatchRepository(db: Db, cipher: Cipher, clock: () => Date = () => new Date()) {
  const now = () => clock().toISOString();
  const { sealValues, openValues, summaryOf } = createApplicationCodec(cipher);

  return {
    /** A new batch, 'queueing' (the outbox starts none of its rows yet), with its audit entry. */
    begin(input: { id: string; environmentId: string; certificateType?: CertificateType; attestedCount: number; actor: string; auditDetail: string }): void {
      db.transaction((tx) => {
        const at = now();
        tx.run('INSERT INTO import_batches (id, environment_id, certificate_type, state, attested_count, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
          input.id, input.environmentId, input.certificateType ?? 'patient', 'queueing', input.attestedCount, at, at,
        ]);
        writeAudit(tx, { actor: input.actor, action: 'import', detail: input.auditDetail }, at);
      });
    },

    /**
     * Some of the batch's applications, queued with an idempotency key each, in one transaction,
     * with their certificate type (the outbox sends each by its type's wire method).
     */
    insertQueued(input: { batchId: string; environmentId: string; certificateType?: CertificateType; actor: string; rows: { row: number; values: ApplicationValues }[] }): string[] {
      return db.transaction((tx) => {
        const at = now();
        return input.rows.map(({ row, values }) => {
          const id = randomUUID();
          tx.run(
            `INSERT INTO applications (id, environment_id, state, certificate_type, payload_enc, idempotency_key, queued_at, created_at, updated_at, batch_id, batch_row)
             VALUES (?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?)`,
            [id, input.environmentId, input.certificateType ?? 'patient', sealValues(id, values), randomUUID(), at, at, at, input.batchId, row],
          );
          writeAudit(tx, { actor: input.actor, action: 'submit', applicationRowId: id, detail: 'queued' }, at);
          return id;
        });
      });
    },

    /** Move a batch between states (false: it was not in `from`), with an audit entry. */
    setState(id: string, from: readonly StoredBatchState[], to: StoredBatchState, audit?: { actor: string; detail: string }, note?: string): boolean {
      return db.transaction((tx) => {
        const at = now();
        const { changes } = tx.run(
          `UPDATE import_batches SET state = ?, updated_at = ?${note !== undefined ? ', note = ?' : ''} WHERE id = ? AND state IN (${placeholders(from.length)})`,
          [to, at, ...(note !== undefined ? [note] : []), id, ...from],
        );
        if (changes > 0 && audit) writeAudit(tx, { actor: audit.actor, action: 'import', detail: audit.detail }, at);
        return changes > 0;
      });
    },

    /**
     * Cancel: the batch's rows not yet started go back to Drafts, with the batch's state and its
     * audit entry, all in one transaction. Rows on their way or being checked are left to finish.
     */
    cancel(id: string, audit: { actor: string; detail: (returned: number) => string }): number | undefined {
      return db.transaction((tx) => {
        const at = now();
        const { changes } = tx.run(`UPDATE import_batches SET state = 'cancelled', updated_at = ? WHERE id = ? AND state <> 'cancelled'`, [at, id]);
        if (changes === 0) return undefined;
        // A draft never carries its type's attestation (as History's reopen): the TA attests again when sending it.
        const rows = tx.all<Pick<ApplicationRow, 'id' | 'payload_enc' | 'certificate_type'>>(
          `SELECT id, payload_enc, certificate_type FROM applications WHERE batch_id = ? AND state = 'queued'`,
          [id],
        );
        for (const row of rows) {
          tx.run(`UPDATE applications SET state = 'draft', payload_enc = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ? AND state = 'queued'`, [
            sealValues(row.id, untickAttestation(openValues(row), row.certificate_type)), at, row.id,
          ]);
        }
        const returned = rows.length;
        writeAudit(tx, { actor: audit.actor, action: 'import', detail: audit.detail(returned) }, at);
        return returned;
      });
    },

    get(id: string): StoredBatch | undefined {
      const row = db.get<BatchRow>('SELECT * FROM import_batches WHERE id = ?', [id]);
      return row ? batchOf(row) : undefined;
    },

    list(): StoredBatch[] {
      return db.all<BatchRow>('SELECT * FROM import_batches ORDER BY created_at DESC, id').map(batchOf);
    },

    /** The batch state of an application's batch, read synchronously right before it is sent. */
    stateOfRow(applicationId: string): { batchId: string; state: StoredBatchState } | undefined {
      const row = db.get<{ id: string; state: StoredBatchState }>(
        'SELECT b.id, b.state FROM applications a JOIN import_batches b ON b.id = a.batch_id WHERE a.id = ?',
        [applicationId],
      );
      return row ? { batchId: row.id, state: row.state } : undefined;
    },

    /** How many of the batch's applications are in each state. */
    countByState(id: string): Partial<Record<ApplicationState, number>> {
      const rows = db.all<{ state: ApplicationState; n: number }>('SELECT state, COUNT(*) AS n FROM applications WHERE batch_id = ? GROUP BY state', [id]);
      return Object.fromEntries(rows.map((r) => [r.state, r.n]));
    },

    /** Applications of the batch sent since `sinceIso` (for the rate and the time left). */
    sentSince(id: string, sinceIso: string): number {
      return db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM applications WHERE batch_id = ? AND state = 'submitted' AND updated_at > ?`, [id, sinceIso])?.n ?? 0;
    },

    /** Ids of the batch's applications, no decryption (History's batch filter). */
    applicationIds(id: string): string[] {
      return db.all<{ id: string }>('SELECT id FROM applications WHERE batch_id = ?', [id]).map((r) => r.id);
    },

    /** A page of the batch's applications in file order, decrypted for the results table. */
    rows(id: string, states: readonly ApplicationState[] | undefined, offset: number, limit: number): { total: number; rows: (StoredSummary & { row: number })[] } {
      const where = `batch_id = ?${states ? ` AND state IN (${placeholders(states.length)})` : ''}`;
      const params = [id, ...(states ?? [])];
      const total = db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM applications WHERE ${where}`, params)?.n ?? 0;
      const rows = db.all<ApplicationRow & { batch_row: number }>(`SELECT ${SUMMARY_COLUMNS}, batch_row FROM applications WHERE ${where} ORDER BY batch_row, id LIMIT ? OFFSET ?`, [
        ...params,
        limit,
        offset,
      ]);
      return { total, rows: rows.map((r) => ({ ...summaryOf(r), row: r.batch_row })) };
    },

    /** Batches cut off while being queued (a crash): they keep what was written, and say so. */
    interruptedQueueing(): StoredBatch[] {
      return db.all<BatchRow>(`SELECT * FROM import_batches WHERE state = 'queueing'`).map(batchOf);
    },
  };
}

export type BatchRepository = ReturnType<typeof createBatchRepository>;
