import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OutboxState } from '../../electron/contract/applications.ts';
import type { ReceivedApplication, ReceivedRequest } from '../../electron/practice/handler.ts';
import { startTestCore } from '../helpers/core.ts';
import { exited, ROOT, spawnTs, startPracticeDppProcess } from './support/children.ts';
import { recordPhi, runPath, scaled, seconds, sleep, summary, waitFor } from './support/run.ts';

/**
 * Issue 7, reliability 2: crash while submitting. The practice DPP runs in its own process and
 * keeps its state; 50 times, a child app core on ONE data directory and keychain prefix submits a
 * few applications (and recovers what the previous child left) and is SIGKILLed at a random
 * moment. A last core then lets the outbox and reconciliation finish. Every application that was
 * queued must exist exactly once at the DPP and be 'submitted' locally with the DPP's id; one
 * killed before it was queued must be a local draft and absent from the DPP.
 */
const KILLS = scaled(50);
const PER_CHILD = 3;
const submitter = join(ROOT, 'test', 'fixtures', 'reliability-submitter.ts');
const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

describe('crash while submitting', () => {
  it(`submits every queued application exactly once across ${KILLS} SIGKILLs`, async () => {
    const started = Date.now();
    const dpp = await startPracticeDppProcess(['--control', '--latency-ms', '30'], runPath('logs', 'practice-dpp-submit-crash.log'));
    stops.push(dpp.stop);
    const dataDir = runPath('data', 'submit-crash');
    mkdirSync(dataDir, { recursive: true });
    const prefix = `ta-desk-reliability-submit-${process.pid}`;
    const intents = runPath('meta', 'submit-crash-intents.txt');
    const log = runPath('logs', 'child-submitter.log');
    const phases = { duringStartup: 0, whileSubmitting: 0, afterSubmitCalls: 0 };

    for (let round = 1; round <= KILLS; round++) {
      const seen = { core: 0, ready: 0, submitted: 0 };
      const child = spawnTs(submitter, [dataDir, prefix, dpp.url, intents, String(process.pid), String(round), String(PER_CHILD)], log, (line) => {
        if (line === 'core' || line === 'ready' || line === 'submitted') seen[line] = Date.now();
      });
      const end = exited(child);
      // A random moment: one kill in five right as start-up begins (recovery of what the previous
      // child left in 'sending'), the rest within 150 ms of ready, while this child's submissions
      // and the outbox's reconciliation of earlier leftovers are in flight.
      const duringStartup = Math.random() < 0.2;
      const mark = duringStartup ? 'core' : 'ready';
      try {
        await waitFor(`the submitter to print ${mark}`, async () => seen[mark] || (child.exitCode !== null ? -1 : undefined), 60_000, 2);
        await sleep(duringStartup ? Math.random() * 5 : Math.random() * 150);
      } finally {
        child.kill('SIGKILL');
      }
      const { signal, code } = await end;
      expect(signal, `submitter round ${round} ended by itself (${code}): ${existsSync(log) ? readFileSync(log, 'utf8').slice(-1500) : ''}`).toBe('SIGKILL');
      if (!seen.ready) phases.duringStartup += 1;
      else if (!seen.submitted) phases.whileSubmitting += 1;
      else phases.afterSubmitCalls += 1;
    }

    // The last start: no kill. Recovery, reconciliation and the outbox run to the end.
    const drainStarted = Date.now();
    const t = await startTestCore({ dataDir, prefix, dppUrl: dpp.url, idleLockMs: 3_600_000 });
    try {
      await waitFor(
        'the outbox to empty',
        async () => {
          const s = await t.dispatch('outbox.state', undefined);
          const state = s.ok ? (s.value as OutboxState) : undefined;
          return state && state.queued + state.sending + state.unknown === 0 ? state : undefined;
        },
        120_000,
        100,
      );
      const drainMs = Date.now() - drainStarted;

      const received = (await (await fetch(`${dpp.url}/__practice/received`)).json()) as { applications: ReceivedApplication[]; requests: ReceivedRequest[] };
      const atDpp = new Map<string, ReceivedApplication[]>();
      for (const app of received.applications) atDpp.set(app.directAddress, [...(atDpp.get(app.directAddress) ?? []), app]);

      const addresses = existsSync(intents) ? [...new Set(readFileSync(intents, 'utf8').split('\n').filter(Boolean))] : [];
      const rows = await t.parts.repo.listApplications();
      const byAddress = new Map<string, typeof rows>();
      for (const row of rows) byAddress.set(row.directAddress, [...(byAddress.get(row.directAddress) ?? []), row]);

      let queued = 0;
      let neverQueued = 0;
      for (const address of addresses) {
        const local = byAddress.get(address) ?? [];
        const remote = atDpp.get(address) ?? [];
        expect(local.length, `${address}: ${local.length} local rows`).toBeLessThanOrEqual(1);
        const row = local[0];
        if (!row || row.state === 'draft') {
          // Killed before the queue transaction committed: nothing may have been sent.
          neverQueued += 1;
          expect(remote, `${address} was never queued but reached the DPP`).toHaveLength(0);
          continue;
        }
        queued += 1;
        expect(row.state, `${address} ended ${row.state} (${row.attentionCode ?? ''})`).toBe('submitted');
        expect(remote, `${address} is at the DPP ${remote.length} times`).toHaveLength(1);
        expect(row.applicationId).toBe(remote[0]?.applicationId);
      }
      // Nothing at the DPP that no child meant to submit, and no local row without an intent.
      expect(received.applications.filter((a) => !addresses.includes(a.directAddress))).toHaveLength(0);
      expect(rows.filter((r) => !addresses.includes(r.directAddress))).toHaveLength(0);

      const posts = received.requests.filter((r) => r.method === 'POST');
      const accepted = posts.filter((r) => r.status === 201).length;
      const conflicts = posts.filter((r) => r.status === 409).length;
      const lookups = received.requests.filter((r) => r.method === 'GET');
      // 201s beyond the applications stored are Idempotency-Key replays: a resend of something
      // the DPP already had. The outbox checks status before any resend, so there must be none.
      const replays = accepted - received.applications.length;
      expect(conflicts, 'a resend hit 409: an application was sent twice').toBe(0);
      expect(replays, 'a resend was answered from the idempotency replay: sent twice').toBe(0);

      const audit = await t.parts.repo.listAudit({ limit: 1_000_000 });
      const interrupted = audit.filter((e) => e.detail === 'interrupted while sending: will check status before any resend').length;
      const reconciled = audit.filter((e) => e.detail === 'reconciled: found at the DPP').length;
      expect(await t.parts.store.db.integrityCheck()).toBe('ok');

      recordPhi(rows.flatMap((r) => [r.patientName, r.directAddress]));
      summary('2 crash while submitting', {
        kills: KILLS,
        killedDuringStartup: phases.duringStartup,
        killedWhileSubmitting: phases.whileSubmitting,
        killedAfterSubmitCalls: phases.afterSubmitCalls,
        intents: addresses.length,
        queued,
        neverQueued,
        submittedOnce: queued,
        atDpp: received.applications.length,
        duplicates: 0,
        interruptedSends: interrupted,
        reconciledFound: reconciled,
        posts: posts.length,
        statusLookups: lookups.length,
        conflicts,
        replays,
        finalDrain: seconds(drainMs),
        wall: seconds(Date.now() - started),
      });
    } finally {
      await t.close(false);
    }
  });
});
