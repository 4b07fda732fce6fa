import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    const l0 = performance.now();
    await history.load();
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
    const samples: number[] = [];
    for (let round = 0; round < 20; round++) {
      for (const q of queries) {
        const s = performance.now();
        await history.query({ ...q, offset: (round * 100) % 1000, limit: 100 });
        samples.push(performance.now() - s);
      }
    }
    await store.close();
    return { count, seedMs: round(seedMs, 0), coldLoadMs: round(coldLoadMs, 0), queryP95Ms: round(percentile(samples, 95), 2), queryMedianMs: round(median(samples), 2) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Draft autosave: the same draft saved repeatedly as the TA types (encrypt + one transaction). */
export async function autosaveLatency(saves = 2_000) {
  const dir = mkdtempSync(join(tmpdir(), 'ta-desk-bench-autosave-'));
  try {
    const store = await openStore({ dataDir: dir, dataKey: KEY });
    const values = { firstName: 'Ada', lastName: 'Moss', city: 'Albany', notes: 'x'.repeat(400) };
    const { id } = await store.repo.saveDraft({ environmentId: 'practice', values, actor: CORE_USER });
    const samples: number[] = [];
    for (let i = 0; i < saves; i++) {
      const s = performance.now();
      await store.repo.saveDraft({ id, environmentId: 'practice', values: { ...values, city: `Albany ${i}` }, actor: CORE_USER });
      samples.push(performance.now() - s);
    }
    await store.close();
    return { saves, p50Ms: round(median(samples), 2), p99Ms: round(percentile(samples, 99), 2) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
