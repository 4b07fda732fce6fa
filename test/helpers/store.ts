import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../electron/core/store/open-store.ts';
import type { Repository } from '../../electron/core/store/repository.ts';
import { validApplication } from './applications.ts';

/**
 * A real store for tests of the parts built on it (history index, poller): a fresh SQLite file
 * in its own temp directory, with a random data key (the keychain is not what these tests are
 * about; test/helpers/core.ts has the whole core on the real keychain).
 */
export async function openTestStore() {
  const dir = mkdtempSync(join(tmpdir(), 'ta-desk-unit-'));
  const dataKey = randomBytes(32);
  const store = await openStore({ dataDir: dir, dataKey });
  return {
    ...store,
    dir,
    /** For seeding rows sealed as the store seals them (test/bench/seed.ts). */
    dataKey,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface SubmittedInput {
  firstName: string;
  lastName: string;
  /** ISO 8601 instant the DPP accepted it. */
  submittedAt: string;
  status?: string;
  applicationId?: string;
  directAddress?: string;
  environmentId?: string;
}

let sequence = 0;

/**
 * Put one submitted application into the store the way the outbox leaves it: a draft, moved to
 * submitted with its Application ID and time, then its first DPP status recorded.
 */
export async function addSubmitted(repo: Repository, input: SubmittedInput): Promise<string> {
  sequence += 1;
  const values = validApplication({
    firstName: input.firstName,
    lastName: input.lastName,
    fullName: `${input.firstName} ${input.lastName}`,
    ...(input.directAddress ? { directAddress: input.directAddress } : {}),
  });
  const actor = 'Pat Practice <ta@practice.example> @ Practice';
  const { id } = await repo.saveDraft({ environmentId: input.environmentId ?? 'practice', values, actor });
  const moved = await repo.transition(id, {
    from: ['draft'],
    to: 'submitted',
    set: {
      idempotencyKey: randomUUID(),
      applicationId: input.applicationId ?? `PC-${String(sequence).padStart(6, '0')}`,
      queuedAt: input.submittedAt,
      submittedAt: input.submittedAt,
    },
  });
  if (!moved) throw new Error(`could not mark ${id} submitted`);
  await repo.recordStatus(id, { status: input.status ?? 'PendingReview', statusDate: input.submittedAt, comments: null, actor });
  return id;
}
