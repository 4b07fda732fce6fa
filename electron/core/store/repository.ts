import { randomUUID } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import { EDITABLE_STATES, type ApplicationState } from '../../contract/application-states.ts';
import { FINAL_DPP_STATUSES } from '../../contract/dpp-statuses.ts';
import { commentsAad, eventCommentsAad, placeholders, refuse, SUMMARY_COLUMNS, summaryType, trackedValues, TRANSITION_COLUMNS, type ApplicationRow } from './application-rows.ts';
import { createApplicationCodec } from './application-codec.ts';
import { createAuditReader, writeAudit } from './audit-repository.ts';
import type { Cipher } from './crypto.ts';
import type { Db, Queryable, SqlValue } from './database.ts';
import type { ApplicationFilter, ApplicationRecord, ApplicationValues, AuditInput, CertificateType, StatusUpdate, StoredSummary, TimelineEntry, TrackedInput, Transition, TransitionColumns } from './repository-types.ts';
import { createSettingsRepository } from './settings-repository.ts';

/**
 * Typed access to the store. PHI (form values, DPP comments) is sealed per row and column before
 * it reaches SQLite and opened only on the way out; every write that changes an application and
 * its audit trail happens in one transaction (docs/architecture.md).
 * Errors and audit details carry ids, states and codes, never PHI.
 */
export * from './repository-types.ts';


/** How long decrypting summaries may hold the event loop before it lets other work in. */
const SUMMARY_SLICE_MS = 5;

/**
 * Decrypt rows into summaries a few milliseconds at a time, letting the event loop turn between
 * slices: a list of 10,000 waiting applications (the import's "already queued" check, the Outbox
 * view) took about 300 ms in one block, holding every IPC answer, the idle lock and the outbox.
 */
async function mapInSlices<T, R>(items: readonly T[], fn: (item: T) => R): Promise<R[]> {
  const out: R[] = [];
  let sliceStart = performance.now();
  for (const item of items) {
    out.push(fn(item));
    if (performance.now() - sliceStart >= SUMMARY_SLICE_MS) {
      await setImmediate();
      sliceStart = performance.now();
    }
  }
  return out;
}
export function createRepository(db: Db, cipher: Cipher, clock: () => Date = () => new Date()) {
  const now = () => clock().toISOString();

  const { sealValues, openValues, openComments, summaryOf } = createApplicationCodec(cipher);
  const audit = (q: Queryable, entry: AuditInput): number => writeAudit(q, entry, now());

  return {
    ...createSettingsRepository(db, now),
    ...createAuditReader(db),
    /** A new draft (no id; a patient one unless `certificateType` says) or an editable one saved again (its type changes only when given). */
    async saveDraft(input: { id?: string; certificateType?: CertificateType; environmentId: string; values: ApplicationValues; actor: string }): Promise<{ id: string; updatedAt: string }> {
      return db.transaction((tx) => {
        const updatedAt = now();
        if (input.id === undefined) {
          const id = randomUUID();
          tx.run(
            `INSERT INTO applications (id, environment_id, state, certificate_type, payload_enc, created_at, updated_at) VALUES (?, ?, 'draft', ?, ?, ?, ?)`,
            [id, input.environmentId, input.certificateType ?? 'patient', sealValues(id, input.values), updatedAt, updatedAt],
          );
          audit(tx, { actor: input.actor, action: 'create', applicationRowId: id });
          return { id, updatedAt };
        }
        const id = input.id;
        const { changes } = tx.run(
          `UPDATE applications SET environment_id = ?, certificate_type = COALESCE(?, certificate_type), payload_enc = ?, updated_at = ?
           WHERE id = ? AND state IN (${placeholders(EDITABLE_STATES.length)})`,
          [input.environmentId, input.certificateType ?? null, sealValues(id, input.values), updatedAt, id, ...EDITABLE_STATES],
        );
        if (changes === 0) refuse(tx, id, 'edited');
        audit(tx, { actor: input.actor, action: 'edit', applicationRowId: id });
        return { id, updatedAt };
      });
    },

    /**
     * An application found by Status lookup and followed from now on ("tracked": applied for
     * outside TA Desk). It enters History as submitted with the status the DPP gave, in one
     * transaction with its first timeline entry and its audit entry.
     */
    async insertTracked(input: TrackedInput): Promise<string> {
      return db.transaction((tx) => {
        const id = randomUUID();
        const at = now();
        const comments = (aad: string) => (input.comments === null ? null : cipher.seal(input.comments, aad));
        const { values, column } = trackedValues(input);
        tx.run(
          `INSERT INTO applications (id, environment_id, state, certificate_type, payload_enc, application_id, dpp_status, status_date, comments_enc, created_at, updated_at, last_checked_at)
           VALUES (?, ?, 'submitted', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [id, input.environmentId, column, sealValues(id, values), input.applicationId, input.status, input.statusDate, comments(commentsAad(id)), at, at, at],
        );
        const next = tx.get<{ id: number }>('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM status_events');
        const eventId = next?.id ?? 1;
        tx.run('INSERT INTO status_events (id, application_row_id, status, status_date, comments_enc, recorded_at) VALUES (?, ?, ?, ?, ?, ?)', [
          eventId, id, input.status, input.statusDate, comments(eventCommentsAad(eventId)), at,
        ]);
        audit(tx, { actor: input.actor, action: 'track', applicationRowId: id, detail: `tracked an application made outside TA Desk (${input.status})` });
        return id;
      });
    },

    /**
     * Whether another of our applications in this environment already holds this Application ID:
     * a status found by Direct address may be an earlier application of the same address (a
     * renewal, or one made again after a rejection), not the one being reconciled.
     */
    applicationIdHeldByAnother(applicationId: string, environmentId: string, exceptId: string): boolean {
      return db.get<{ one: number }>('SELECT 1 AS one FROM applications WHERE application_id = ? AND environment_id = ? AND id <> ? LIMIT 1', [applicationId, environmentId, exceptId]) !== undefined;
    },

    async getApplication(id: string): Promise<ApplicationRecord | undefined> {
      const row = db.get<ApplicationRow>('SELECT * FROM applications WHERE id = ?', [id]);
      if (!row) return undefined;
      const values = openValues(row);
      return {
        id: row.id,
        environmentId: row.environment_id,
        state: row.state,
        certificateType: row.certificate_type,
        historyType: summaryType(row, values),
        values,
        idempotencyKey: row.idempotency_key,
        applicationId: row.application_id,
        dppStatus: row.dpp_status,
        statusDate: row.status_date,
        comments: openComments(row),
        attentionCode: row.attention_code,
        attentionMessage: row.attention_message,
        attempts: row.attempts,
        nextAttemptAt: row.next_attempt_at,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        queuedAt: row.queued_at,
        submittedAt: row.submitted_at,
        lastCheckedAt: row.last_checked_at,
      };
    },

    /** How many applications are in each state: no decryption, for counters like the outbox badge. */
    async countByState(): Promise<Partial<Record<ApplicationState, number>>> {
      const rows = db.all<{ state: ApplicationState; n: number }>('SELECT state, COUNT(*) AS n FROM applications GROUP BY state');
      return Object.fromEntries(rows.map((r) => [r.state, r.n]));
    },

    /** Ids and schedule of the rows in the given states, without decrypting anything. */
    async listDue(states: readonly ApplicationState[]): Promise<{ id: string; state: ApplicationState; nextAttemptAt: string | null; queuedAt: string | null }[]> {
      if (states.length === 0) return [];
      const rows = db.all<{ id: string; state: ApplicationState; next_attempt_at: string | null; queued_at: string | null }>(
        // Rows of an import batch that is paused (or still being queued) are not due: the outbox
        // starts none of them. Rows cut off mid-send are always listed (recovery must see them).
        `SELECT id, state, next_attempt_at, queued_at FROM applications WHERE state IN (${placeholders(states.length)})
         AND NOT EXISTS (SELECT 1 FROM import_batches b WHERE b.id = applications.batch_id AND applications.state <> 'sending'
           AND (b.state = 'paused' OR (b.state = 'queueing' AND applications.state = 'queued')))
         ORDER BY queued_at, id`,
        [...states],
      );
      return rows.map((r) => ({ id: r.id, state: r.state, nextAttemptAt: r.next_attempt_at, queuedAt: r.queued_at }));
    },

    /**
     * One page of summaries in storage order (keyset on rowid): for loading a large history
     * without holding every encrypted row in memory at once.
     */
    async pageApplications(input: { states: readonly ApplicationState[]; afterRowid: number; limit: number }): Promise<{ rows: StoredSummary[]; lastRowid: number }> {
      if (input.states.length === 0) return { rows: [], lastRowid: input.afterRowid };
      // Yield to the event loop first: a caller reading page after page (the history load of
      // 100,000 rows) then never holds it for longer than one page takes to read and decrypt.
      await setImmediate();
      const rows = db.all<ApplicationRow & { rid: number }>(
        `SELECT rowid AS rid, ${SUMMARY_COLUMNS} FROM applications
         WHERE rowid > ? AND state IN (${placeholders(input.states.length)}) ORDER BY rowid LIMIT ?`,
        [input.afterRowid, ...input.states, input.limit],
      );
      return { rows: rows.map(summaryOf), lastRowid: rows.at(-1)?.rid ?? input.afterRowid };
    },

    /** Summaries of the given applications, in the order asked (missing ones are left out). */
    async getSummaries(ids: readonly string[]): Promise<StoredSummary[]> {
      const found = new Map<string, StoredSummary>();
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        if (i > 0) await setImmediate(); // between chunks, as pageApplications does
        const rows = db.all<ApplicationRow>(`SELECT ${SUMMARY_COLUMNS} FROM applications WHERE id IN (${placeholders(chunk.length)})`, [...chunk]);
        for (const row of rows) found.set(row.id, summaryOf(row));
      }
      return ids.map((id) => found.get(id)).filter((r): r is StoredSummary => r !== undefined);
    },

    async listApplications(filter: ApplicationFilter = {}): Promise<StoredSummary[]> {
      const where: string[] = [];
      const params: SqlValue[] = [];
      if (filter.states) {
        if (filter.states.length === 0) return [];
        where.push(`state IN (${placeholders(filter.states.length)})`);
        params.push(...filter.states);
      }
      if (filter.environmentId !== undefined) {
        where.push('environment_id = ?');
        params.push(filter.environmentId);
      }
      const rows = db.all<ApplicationRow>(
        `SELECT ${SUMMARY_COLUMNS}
         FROM applications ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY updated_at DESC, id`,
        params,
      );
      return mapInSlices(rows, summaryOf);
    },

    async deleteApplication(id: string, actor: string): Promise<void> {
      db.transaction((tx) => {
        const { changes } = tx.run(`DELETE FROM applications WHERE id = ? AND state IN (${placeholders(EDITABLE_STATES.length)})`, [
          id,
          ...EDITABLE_STATES,
        ]);
        if (changes === 0) refuse(tx, id, 'deleted');
        audit(tx, { actor, action: 'delete', applicationRowId: id });
      });
    },

    /**
     * Moves an application from one of `from` to `to`, setting `set` and writing `audit`, all or
     * nothing. False when the row is not (or no longer) in an allowed state: that is how two
     * racing senders find out that only one of them may proceed.
     */
    async transition(id: string, t: Transition): Promise<boolean> {
      if (t.from.length === 0) return false;
      const assignments = ['state = ?', 'updated_at = ?'];
      const params: SqlValue[] = [t.to, now()];
      for (const [key, value] of Object.entries(t.set ?? {})) {
        if (value === undefined) continue;
        // Column names come only from the whitelist, never from the caller's keys.
        if (!Object.hasOwn(TRANSITION_COLUMNS, key)) throw new Error(`transition() cannot set "${key}".`);
        assignments.push(`${TRANSITION_COLUMNS[key as keyof TransitionColumns]} = ?`);
        if (key === 'values') params.push(sealValues(id, value as ApplicationValues));
        else if (key === 'comments') params.push(value === null ? null : cipher.seal(value as string, commentsAad(id)));
        else params.push(value as SqlValue);
      }
      return db.transaction((tx) => {
        const { changes } = tx.run(
          `UPDATE applications SET ${assignments.join(', ')} WHERE id = ? AND state IN (${placeholders(t.from.length)})`,
          [...params, id, ...t.from],
        );
        if (changes === 0) return false;
        if (t.audit) audit(tx, { ...t.audit, applicationRowId: id });
        return true;
      });
    },

    /**
     * Records a status read from the DPP. Every check stamps last_checked_at; a new status also
     * updates the row, appends to the timeline and to the audit trail, in one transaction.
     * Returns whether the status changed (false too when the application no longer exists).
     */
    async recordStatus(id: string, update: StatusUpdate): Promise<boolean> {
      return db.transaction((tx) => {
        const at = now();
        const current = tx.get<{ dpp_status: string | null }>('SELECT dpp_status FROM applications WHERE id = ?', [id]);
        if (!current) return false;
        if (current.dpp_status === update.status) {
          tx.run('UPDATE applications SET last_checked_at = ? WHERE id = ?', [at, id]);
          return false;
        }
        tx.run(
          'UPDATE applications SET dpp_status = ?, status_date = ?, comments_enc = ?, last_checked_at = ?, updated_at = ? WHERE id = ?',
          [update.status, update.statusDate, update.comments === null ? null : cipher.seal(update.comments, commentsAad(id)), at, at, id],
        );
        // The event's own id goes into its AAD, so pick it here; safe, as BEGIN IMMEDIATE holds
        // the write lock until COMMIT.
        const next = tx.get<{ id: number }>('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM status_events');
        const eventId = next?.id ?? 1;
        tx.run('INSERT INTO status_events (id, application_row_id, status, status_date, comments_enc, recorded_at) VALUES (?, ?, ?, ?, ?, ?)', [
          eventId,
          id,
          update.status,
          update.statusDate,
          update.comments === null ? null : cipher.seal(update.comments, eventCommentsAad(eventId)),
          at,
        ]);
        audit(tx, { actor: update.actor, action: 'status-change', applicationRowId: id, detail: `${current.dpp_status ?? 'none'} → ${update.status}` });
        return true;
      });
    },

    async timeline(id: string): Promise<TimelineEntry[]> {
      const rows = db.all<{ id: number; status: string; status_date: string | null; comments_enc: Buffer | null; recorded_at: string }>(
        'SELECT id, status, status_date, comments_enc, recorded_at FROM status_events WHERE application_row_id = ? ORDER BY id',
        [id],
      );
      return rows.map((r) => ({
        status: r.status,
        statusDate: r.status_date,
        comments: r.comments_enc ? cipher.open(r.comments_enc, eventCommentsAad(r.id)) : null,
        recordedAt: r.recorded_at,
      }));
    },

    /** Appends one audit entry (for actions outside the store: unlock, export, …); returns its id. */
    async appendAudit(entry: AuditInput): Promise<number> {
      return db.transaction((tx) => audit(tx, entry));
    },

    /**
     * Deletes finished applications (submitted, DPP status final) last updated more than
     * `olderThanDays` ago, with their timelines; the audit trail keeps its entries and gains one.
     */
    async purgeHistory(input: { olderThanDays: number; actor: string }): Promise<number> {
      if (!Number.isFinite(input.olderThanDays) || input.olderThanDays < 0) throw new Error('olderThanDays must be a number of days, 0 or more.');
      const cutoff = new Date(clock().getTime() - input.olderThanDays * 86_400_000).toISOString();
      return db.transaction((tx) => {
        const { changes } = tx.run(
          `DELETE FROM applications WHERE state = 'submitted' AND dpp_status IN (${placeholders(FINAL_DPP_STATUSES.length)}) AND updated_at < ?`,
          [...FINAL_DPP_STATUSES, cutoff],
        );
        audit(tx, { actor: input.actor, action: 'purge', detail: `purged ${changes} finished application(s) older than ${input.olderThanDays} days` });
        return changes;
      });
    },

  };
}

export type Repository = ReturnType<typeof createRepository>;
