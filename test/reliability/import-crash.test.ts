import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OutboxState } from '../../electron/contract/applications.ts';
import type { ReceivedApplication, ReceivedRequest } from '../../electron/practice/handler.ts';
import { startTestCore } from '../helpers/core.ts';
import { exited, ROOT, spawnTs, startPracticeDppProcess } from './support/children.ts';
import { recordPhi, runPath, scaled, seconds, sleep, summary, waitFor } from './support/run.ts';

/**
 * Issue 15, reliability: SIGKILL while an import is being queued and while its batch is being
 * sent. The practice DPP runs in its own process (rate-limited, so a batch takes a while); each
 * round a child app core on ONE data directory imports a new file, queues it, and is killed at a
 * random moment. A last core lets the outbox finish. Every row that was queued must be at the DPP
 * exactly once and submitted locally; a row never queued must be absent from both; no resend may
 * hit a 409 or an idempotency replay.
 */
const KILLS = scaled(20);
const importer = join(ROOT, 'test', 'fixtures', 'reliability-importer.ts');
const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

async function crashRounds(name: string, options: { rows: number; mark: 'read' | 'queued'; maxDelayMs: number; rateLimit: number }) {
  const started = Date.now();
  const dpp = await startPracticeDppProcess(['--control', '--latency-ms', '20', '--rate-limit', String(options.rateLimit)], runPath('logs', `practice-dpp-${name}.log`));
  stops.push(dpp.stop);
  const dataDir = runPath('data', name);
  mkdirSync(dataDir, { recursive: true });
  const prefix = `ta-desk-reliability-${name}-${process.pid}`;
  const intents = runPath('meta', `${name}-intents.txt`);
  const log = runPath('logs', `child-${name}.log`);
  const phases = { beforeQueued: 0, afterQueued: 0 };
  // Kills after 'read' aim inside the queueing: within how long it took the last time it finished.
  let queueingMs = options.maxDelayMs;

  for (let round = 1; round <= KILLS; round++) {
    const seen = { ready: 0, read: 0, queued: 0 };
    const child = spawnTs(importer, [dataDir, prefix, dpp.url, intents, `${name}${round}`, String(options.rows)], log, (line) => {
      if (line === 'ready' || line === 'read') seen[line] = Date.now();
      const queued = /^queued (\d+)$/.exec(line);
      if (queued) {
        seen.queued = Date.now();
        queueingMs = Math.max(20, Number(queued[1]));
      }
    });
    const end = exited(child);
    try {
      await waitFor(`the importer to print ${options.mark}`, async () => seen[options.mark] || (child.exitCode !== null ? -1 : undefined), 60_000, 2);
      await sleep(Math.random() * (options.mark === 'read' ? queueingMs : options.maxDelayMs));
    } finally {
      child.kill('SIGKILL');
    }
    const { signal, code } = await end;
    expect(signal, `importer round ${round} ended by itself (${code}): ${existsSync(log) ? readFileSync(log, 'utf8').slice(-1500) : ''}`).toBe('SIGKILL');
    if (seen.queued) phases.afterQueued += 1;
    else phases.beforeQueued += 1;
  }

  const drainStarted = Date.now();
  const t = await startTestCore({ dataDir, prefix, dppUrl: dpp.url, idleLockMs: 3_600_000 });
  try {
    let lastState: OutboxState | undefined;
    await waitFor(
      'the outbox to empty',
      async () => {
        const s = await t.dispatch('outbox.state', undefined);
        lastState = s.ok ? (s.value as OutboxState) : undefined;
        return lastState && lastState.queued + lastState.sending + lastState.unknown === 0 ? lastState : undefined;
      },
      300_000,
      100,
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}; outbox ${JSON.stringify(lastState)}; batches ${JSON.stringify(t.parts.store.batches.list().map((b) => b.state))}`);
    });
    const drainMs = Date.now() - drainStarted;
    const received = (await (await fetch(`${dpp.url}/__practice/received`)).json()) as { applications: ReceivedApplication[]; requests: ReceivedRequest[] };
    const atDpp = new Map<string, number>();
    for (const app of received.applications) atDpp.set(app.directAddress, (atDpp.get(app.directAddress) ?? 0) + 1);
    const addresses = existsSync(intents) ? [...new Set(readFileSync(intents, 'utf8').split('\n').filter(Boolean))] : [];
    const rows = await t.parts.repo.listApplications();
    const byAddress = new Map<string, typeof rows>();
    for (const row of rows) byAddress.set(row.directAddress, [...(byAddress.get(row.directAddress) ?? []), row]);

    let queued = 0;
    let neverQueued = 0;
    for (const address of addresses) {
      const local = byAddress.get(address) ?? [];
      expect(local.length, `${address}: ${local.length} local rows`).toBeLessThanOrEqual(1);
      const row = local[0];
      if (!row) {
        neverQueued += 1;
        expect(atDpp.get(address) ?? 0, `${address} was never queued but reached the DPP`).toBe(0);
        continue;
      }
      queued += 1;
      expect(row.state, `${address} ended ${row.state} (${row.attentionCode ?? ''})`).toBe('submitted');
      expect(atDpp.get(address) ?? 0, `${address} is at the DPP ${atDpp.get(address) ?? 0} times`).toBe(1);
    }
    expect(received.applications.filter((a) => !addresses.includes(a.directAddress))).toHaveLength(0);
    const posts = received.requests.filter((r) => r.method === 'POST');
    const conflicts = posts.filter((r) => r.status === 409).length;
    const replays = posts.filter((r) => r.status === 201).length - received.applications.length;
    expect(conflicts, 'a resend hit 409: an application was sent twice').toBe(0);
    expect(replays, 'a resend was answered from the idempotency replay: sent twice').toBe(0);

    const batches = t.parts.store.batches.list();
    expect(batches.filter((b) => b.state === 'queueing'), 'a batch stayed in queueing after restart').toHaveLength(0);
    const cutWhileQueueing = batches.filter((b) => b.note !== null).length;
    expect(await t.parts.store.db.integrityCheck()).toBe('ok');
    recordPhi(rows.flatMap((r) => [r.patientName, r.directAddress]));
    summary(`import ${name}`, {
      kills: KILLS,
      killedBeforeQueueAnswered: phases.beforeQueued,
      killedAfterQueueAnswered: phases.afterQueued,
      intents: addresses.length,
      queued,
      neverQueued,
      submittedOnce: queued,
      atDpp: received.applications.length,
      batches: batches.length,
      batchesCutWhileQueueing: cutWhileQueueing,
      conflicts,
      replays,
      finalDrain: seconds(drainMs),
      wall: seconds(Date.now() - started),
    });
  } finally {
    await t.close(false);
  }
}

describe('crash during a bulk import', () => {
  it(`queues each row at most once and sends each queued row exactly once across ${KILLS} SIGKILLs while queueing`, async () => {
    // 600 rows are written in two transactions; kills aim inside the queueing (see crashRounds).
    // No rate limit, so the rows queued in earlier rounds are sent while later rounds run.
    await crashRounds('import-queueing', { rows: 600, mark: 'read', maxDelayMs: 200, rateLimit: 0 });
  });

  it(`sends each row of a batch exactly once across ${KILLS} SIGKILLs while it is being sent`, async () => {
    // 30 rows at 15 requests/s take 2 s: a kill within 1.5 s of queueing lands mid-batch.
    await crashRounds('import-sending', { rows: 30, mark: 'queued', maxDelayMs: 1_500, rateLimit: 15 });
  });
});
