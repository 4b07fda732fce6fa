import { randomUUID } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import { CERTIFICATE_TYPE_LABELS } from '../../contract/certificate-types.ts';
import { attestationFieldOf } from '../../contract/certificates.ts';
import { batchAttestation, countOf } from '../../contract/import-words.ts';
import type { EnvironmentService } from '../environments.ts';
import type { BatchRepository } from '../store/batch-repository.ts';
import { ImportInputError } from './errors.ts';
import type { ImportSession } from './session.ts';

/**
 * From a checked preview to queued applications. The TA attested once, for the number of ready
 * rows; the batch is written as 'queueing' (the outbox starts none of its rows), its rows in
 * transactions of a few milliseconds each with the event loop free between them (the window
 * stays responsive), then switched to 'sending' in one step. A crash in between leaves a batch in
 * 'queueing' with the rows written so far; recoverQueueing() lets those go and says so.
 */
export const QUEUE_CHUNK = 500;
/**
 * A transaction's rows are sized from the last one's time per row to take about this long: a row
 * (sealed, written with its audit entry) costs 40–100 µs by load, so 500 rows held the loop for
 * up to 50 ms on a busy machine. Never more than QUEUE_CHUNK, never fewer than QUEUE_MIN_CHUNK
 * (each transaction's commit costs too).
 */
const QUEUE_SLICE_MS = 10;
const QUEUE_MIN_CHUNK = 25;

export interface QueueDeps {
  batches: BatchRepository;
  envs: Pick<EnvironmentService, 'active'>;
  actor: () => Promise<string>;
}

const applications = (n: number) => `${n.toLocaleString('en-US')} application${n === 1 ? '' : 's'}`;

export async function queueBatch(deps: QueueDeps, session: ImportSession, attestedCount: number): Promise<string> {
  const type = session.file.certificateType;
  const ready = session.readyRows();
  if (ready.length === 0) throw new ImportInputError('No row is ready to queue. Fix or exclude the rows with problems first.');
  if (attestedCount !== ready.length) {
    throw new ImportInputError(
      `You attested for ${countOf(type, attestedCount)}, but ${ready.length.toLocaleString('en-US')} rows are ready now. Read the attestation again: it names the new number.`,
    );
  }
  const env = await deps.envs.active();
  if (env.id !== session.file.environmentId) {
    throw new ImportInputError(
      `The file was checked for ${session.file.environmentName}, but ${env.name} is active now. Choose the file again to check it for ${env.name}.`,
    );
  }
  const actor = await deps.actor();
  const batchId = randomUUID();
  // The type's attestation field (ial2Vetted, usersVetted) is set only here, under the sentence the TA ticked.
  const attestation = attestationFieldOf(type);
  const what = type === 'organization' ? 'Users-vetted responsibility accepted' : 'IAL2 attested';
  const kind = type === 'patient' ? '' : ` (${CERTIFICATE_TYPE_LABELS[type].toLowerCase()}s)`;
  deps.batches.begin({
    id: batchId,
    environmentId: env.id,
    certificateType: type,
    attestedCount,
    actor,
    auditDetail: `${what} for a batch of ${countOf(type, attestedCount)}${kind} at ${env.name}: “${batchAttestation(attestedCount, type)}”`,
  });
  let written = 0;
  let chunk = 100;
  while (written < ready.length) {
    const rows = ready.slice(written, written + chunk).map(({ row, application }) => ({ row, values: { ...application, [attestation]: true } }));
    const t0 = performance.now();
    deps.batches.insertQueued({ batchId, environmentId: env.id, certificateType: type, actor, rows });
    written += rows.length;
    const perRowMs = (performance.now() - t0) / rows.length;
    chunk = Math.max(QUEUE_MIN_CHUNK, Math.min(QUEUE_CHUNK, Math.floor(QUEUE_SLICE_MS / Math.max(perRowMs, 0.001))));
    await setImmediate();
  }
  deps.batches.setState(batchId, ['queueing'], 'sending', { actor, detail: `${applications(ready.length)} queued for sending at ${env.name}` });
  return batchId;
}

/** On start: batches cut off while being queued keep (and send) what was written, with a note saying so. */
export async function recoverQueueing(deps: Pick<QueueDeps, 'batches' | 'actor'>): Promise<number> {
  const cut = deps.batches.interruptedQueueing();
  for (const batch of cut) {
    const written = Object.values(deps.batches.countByState(batch.id)).reduce((a, b) => a + (b ?? 0), 0);
    const note =
      `Queueing was interrupted: ${applications(written)} of ${batch.attestedCount.toLocaleString('en-US')} were queued. ` +
      'Import the file again to queue the rest: rows already queued show as such.';
    const detail = `queueing interrupted: ${applications(written)} of ${batch.attestedCount.toLocaleString('en-US')} queued; these are sent`;
    deps.batches.setState(batch.id, ['queueing'], written > 0 ? 'sending' : 'cancelled', { actor: await deps.actor(), detail }, note);
  }
  return cut.length;
}
