import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../electron/core/store/open-store.ts';
import { createCredentialVault } from '../../electron/core/vault/credential-vault.ts';
import { keytarSecretStore } from '../../electron/core/vault/secret-store.ts';
import { autosaveValues } from '../fixtures/reliability-autosave-values.ts';
import { recordPhi, runPath, scaled, seconds, summary, percentile } from './support/run.ts';

/**
 * Issue 7, reliability 1: crash while autosaving. A child process autosaves drafts through the
 * IPC dispatcher in a loop and is SIGKILLed at a random moment, 50 times, on ONE data directory
 * (each start recovers from the previous crash). After every kill, every save the child
 * acknowledged is on disk and integrity_check says ok.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const writer = join(root, 'test', 'fixtures', 'reliability-autosave.ts');
const KILLS = scaled(50);
const SLOTS = 3;

interface Round {
  acknowledged: Map<string, number>;
  saves: number;
  startupMs: number;
  /** Time from the child's process start to its core being ready, as the child measured it. */
  readyMs: number;
}

/** Runs the writer until it acknowledged `minimum` saves, then SIGKILLs it within the next few ms. */
function killWhileSaving(dataDir: string, prefix: string, round: number, minimum: number, log: string): Promise<Round> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    // tsx as a loader in this one process (not node_modules/.bin/tsx, whose wrapper survives SIGKILL).
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir, prefix, String(process.pid), String(round), String(SLOTS)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Never leave a child behind: one that stops saving is killed (and the round fails) after 60 s.
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const acknowledged = new Map<string, number>();
    let saves = 0;
    let startupMs = 0;
    let readyMs = 0;
    let pending = '';
    let killing = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const ready = /^ready (\d+)$/.exec(line)?.[1];
        if (ready) {
          readyMs = Number(ready);
          continue;
        }
        const m = /^saved (\S+) (\d+)$/.exec(line);
        if (!m?.[1] || !m[2]) {
          appendFileSync(log, `${line}\n`);
          continue;
        }
        if (saves === 0) startupMs = Date.now() - started;
        saves += 1;
        acknowledged.set(m[1], Math.max(acknowledged.get(m[1]) ?? 0, Number(m[2])));
      }
      if (!killing && saves >= minimum) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), Math.random() * 20);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => appendFileSync(log, chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(guard);
      // A line printed after kill() was called still followed a committed save: it counts.
      if (signal === 'SIGKILL' && killing) resolve({ acknowledged, saves, startupMs, readyMs });
      else reject(new Error(`the autosave child ended by itself or stopped saving (${String(signal)}): ${readFileSync(log, 'utf8').slice(-2000)}`));
    });
  });
}

describe('crash while autosaving', () => {
  it(`keeps every acknowledged save, with integrity, across ${KILLS} SIGKILLs`, async () => {
    const dataDir = runPath('data', 'autosave-crash');
    mkdirSync(dataDir, { recursive: true });
    const prefix = `ta-desk-reliability-autosave-${process.pid}`;
    const log = runPath('logs', 'child-autosave.log');
    appendFileSync(log, '');
    const started = Date.now();
    /** Every draft ever acknowledged, with its highest acknowledged save and its round/slot. */
    const expected = new Map<string, { n: number; round: number; slot: number }>();
    const startups: number[] = [];
    const readies: number[] = [];
    const checks: number[] = [];
    let totalSaves = 0;
    let dataKey: Buffer | undefined;

    for (let round = 1; round <= KILLS; round++) {
      // Anywhere from the first save to a few dozen in: early kills hit the draft inserts too.
      const minimum = 1 + Math.floor(Math.random() * 60);
      const result = await killWhileSaving(dataDir, prefix, round, minimum, log);
      expect(result.saves).toBeGreaterThanOrEqual(minimum);
      totalSaves += result.saves;
      startups.push(result.startupMs);
      readies.push(result.readyMs);
      const ids = [...result.acknowledged.keys()];
      ids.forEach((id, i) => expected.set(id, { n: result.acknowledged.get(id) ?? 0, round, slot: i % SLOTS }));

      const checkStarted = Date.now();
      dataKey ??= await createCredentialVault(keytarSecretStore(), { servicePrefix: prefix }).getOrCreateDataKey();
      const store = await openStore({ dataDir, dataKey });
      try {
        expect(await store.db.integrityCheck()).toBe('ok');
        const drafts = new Set((await store.repo.listApplications({ states: ['draft'] })).map((r) => r.id));
        for (const [id, want] of expected) {
          expect(drafts.has(id), `draft ${id} of round ${want.round} is missing`).toBe(true);
          const row = await store.repo.getApplication(id);
          const notes = String(row?.values.notes ?? '');
          const saved = Number(notes.slice(0, notes.indexOf(':')));
          expect(saved, `draft ${id} lost acknowledged save ${want.n}`).toBeGreaterThanOrEqual(want.n);
          // The stored draft is one whole save (the one numbered in its Notes), not a mix of two.
          // (Compared as a boolean: a diff would print the test's patient data.)
          const whole = isDeepStrictEqual(row?.values, autosaveValues(process.pid, want.round, want.slot, saved));
          expect(whole, `draft ${id} does not hold save ${saved} as written`).toBe(true);
        }
      } finally {
        await store.close();
      }
      checks.push(Date.now() - checkStarted);
    }
    recordPhi([...Array(KILLS * SLOTS).keys()].flatMap((i) => {
      const v = autosaveValues(process.pid, Math.floor(i / SLOTS) + 1, i % SLOTS, 1);
      return [v.fullName, v.lastName, v.directAddress];
    }));

    summary('1 crash while autosaving', {
      kills: KILLS,
      acknowledgedSaves: totalSaves,
      draftsChecked: expected.size,
      lost: 0,
      integrity: 'ok',
      childReadyP50: `${percentile(readies, 50)}ms`,
      firstSaveAfterSpawnP50: `${percentile(startups, 50)}ms`,
      reopenCheckP50: `${percentile(checks, 50)}ms`,
      wall: seconds(Date.now() - started),
    });
  });
});
