import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createHistoryIndex } from '../../electron/core/history.ts';
import { openStore } from '../../electron/core/store/open-store.ts';
import { median, percentile, round } from './stats.ts';
import { seedSubmitted } from './seed.ts';

const KEY = Buffer.alloc(32, 7);
const CORE_USER = 'bench <bench@practice.example>';

/** History at scale in the core: cold load, then search/filter/sort p95 over a query mix. */
export async function historyAtScale(count = 100_000) {
  const dir = mkdtempSync(join(tmpdir(), 'ta-desk-bench-history-'));
  try {
    const store = await openStore({ dataDir: dir, dataKey: KEY });
    const t0 = performance.now();
    await seedSubmitted(store, KEY, count);
    const seedMs = performance.now() - t0;
    const history = createHistoryIndex(store.repo);
    // The floor of the stall figure: the same monitor over an idle loop for as long, this run.
    const idle = await longestStall(() => new Promise((r) => setTimeout(r, 1_000)));
    const l0 = performance.now();
    const load = await longestStall(() => history.load());
    const coldLoadMs = performance.now() - l0;
    // Warm the per-sort caches the way the first views do, then measure the query mix.
    const queries = [
      { search: 'ada' },
      { search: 'moss12' },
      { search: 'pc-00042' },
      { search: '@direct.practice' },
      { statuses: ['Rejected'] },
      { statuses: ['Provisioned', 'Approved'], search: 'e' },
      { from: '2025-01-10', to: '2025-02-10' },
      { sortBy: 'patientName' as const, sortDir: 'asc' as const },
      { sortBy: 'dppStatus' as const, search: 'ivy' },
      {},
    ];
    for (const q of queries) await history.query(q);
    // The floor of the query figure: one bare pass over 100,000 lower-cased strings, the least a
    // substring search in memory can cost, timed in the same rounds.
    const haystacks = Array.from({ length: count }, (_, i) => `patient ${i}\npatient.${i}@direct.practice.example\npc-${String(i).padStart(7, '0')}`);
    const samples: number[] = [];
    const floor: number[] = [];
    let found = 0;
    for (let round = 0; round < 20; round++) {
      for (const q of queries) {
        const s = performance.now();
        await history.query({ ...q, offset: (round * 100) % 1000, limit: 100 });
        samples.push(performance.now() - s);
        const f = performance.now();
        for (const h of haystacks) if (h.includes('moss12')) found++;
        floor.push(performance.now() - f);
      }
    }
    await store.close();
    const queryP95Ms = round(percentile(samples, 95), 2);
    const floorP95Ms = round(percentile(floor, 95), 2);
    return {
      count,
      seedMs: round(seedMs, 0),
      coldLoadMs: round(coldLoadMs, 0),
      queryP95Ms,
      queryMedianMs: round(median(samples), 2),
      scanFloorP95Ms: floorP95Ms,
      queryRatioToFloor: round(queryP95Ms / floorP95Ms, 1),
      loadLongestStallMs: load.longestMs,
      idleLongestStallMs: idle.longestMs,
      stallRatioToIdle: round(load.longestMs / idle.longestMs, 1),
      scanFloorMatches: found, // used, so the floor loop cannot be optimized away
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The longest the event loop went without running a timer while `work` ran (ms): what a click
 * or an IPC message would have waited at worst.
 */
async function longestStall(work: () => Promise<unknown>): Promise<{ longestMs: number }> {
  const monitor = monitorEventLoopDelay({ resolution: 5 });
  monitor.enable();
  await work();
  monitor.disable();
  return { longestMs: round(monitor.max / 1e6, 1) };
}

/**
 * Draft autosave: the same draft saved repeatedly as the TA types (encrypt + one transaction).
 * Its floor, in the same run and directory: a bare SQLite insert + commit of a row the same
 * size, in WAL with synchronous=NORMAL as the store uses, alternated with the saves so both
 * see the same disk and the same neighbours on the machine.
 */
export async function autosaveLatency(saves = 2_000) {
  const dir = mkdtempSync(join(tmpdir(), 'ta-desk-bench-autosave-'));
  try {
    const store = await openStore({ dataDir: dir, dataKey: KEY });
    const values = { firstName: 'Ada', lastName: 'Moss', city: 'Albany', notes: 'x'.repeat(400) };
    const { id } = await store.repo.saveDraft({ environmentId: 'practice', values, actor: CORE_USER });
    const bare = new DatabaseSync(join(dir, 'floor.sqlite'));
    bare.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)');
    const insert = bare.prepare('INSERT INTO t (body) VALUES (?)');
    const body = Buffer.alloc(1 + 12 + 16 + JSON.stringify(values).length + 10, 1);
    const samples: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < saves; i++) {
      const s = performance.now();
      await store.repo.saveDraft({ id, environmentId: 'practice', values: { ...values, city: `Albany ${i}` }, actor: CORE_USER });
      samples.push(performance.now() - s);
      const f = performance.now();
      bare.exec('BEGIN IMMEDIATE');
      insert.run(body);
      bare.exec('COMMIT');
      floor.push(performance.now() - f);
    }
    bare.close();
    await store.close();
    const p99Ms = round(percentile(samples, 99), 2);
    const floorP99Ms = round(percentile(floor, 99), 3);
    return { saves, p50Ms: round(median(samples), 2), p99Ms, floorP50Ms: round(median(floor), 3), floorP99Ms, ratioToFloor: round(p99Ms / floorP99Ms, 1) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
