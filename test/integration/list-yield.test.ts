import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ApplicationSchema } from '../../electron/contract/application.ts';
import { validApplication } from '../helpers/applications.ts';
import { startTestCore } from '../helpers/core.ts';
import { loopTurns } from '../helpers/loop-turns.ts';

/**
 * Listing many waiting applications (the import's "already queued" check reads every one, and
 * the Outbox view lists them) decrypts each row: 10,000 took about 300 ms in one block, holding
 * main's event loop (IPC answers, the idle lock, the outbox) the whole time. Counted in turns of
 * the loop, not milliseconds, so a busy machine cannot make it flake.
 */
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('listing 10,000 waiting applications', () => {
  it('lets the event loop turn while their payloads are decrypted, and lists every one', async () => {
    const t = await startTestCore();
    cleanups.push(() => t.close());
    const env = await t.parts.envs.active();
    const batchId = randomUUID();
    t.parts.store.batches.begin({ id: batchId, environmentId: env.id, attestedCount: 10_000, actor: 'test', auditDetail: 'test batch' });
    const values = { ...ApplicationSchema.parse(validApplication()), ial2Vetted: true };
    for (let start = 0; start < 10_000; start += 1_000) {
      const rows = Array.from({ length: 1_000 }, (_, i) => ({ row: start + i + 2, values: { ...values, directAddress: `p${start + i}@direct.example.org` } }));
      t.parts.store.batches.insertQueued({ batchId, environmentId: env.id, actor: 'test', rows });
    }

    const probe = loopTurns();
    const waiting = await t.parts.repo.listApplications({ states: ['queued'], environmentId: env.id });
    const turns = probe.stop();

    expect(waiting).toHaveLength(10_000);
    expect(new Set(waiting.map((w) => w.directAddress)).size).toBe(10_000);
    // In one block the loop turned once at most; decrypted a few milliseconds at a time it turns
    // once per slice (about 300 ms of work here).
    expect(turns).toBeGreaterThanOrEqual(10);
  }, 120_000);
});
