/**
 * Run in a fresh process by the RSS benchmark: open a store of N applications, load the history
 * index (what the app keeps in memory), run a few queries, print the resident set size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHistoryIndex } from '../../electron/core/history.ts';
import { openStore } from '../../electron/core/store/open-store.ts';
import { seedSubmitted } from './seed.ts';

const count = Number(process.argv[2] ?? 100_000);
const key = Buffer.alloc(32, 7);
const dir = mkdtempSync(join(tmpdir(), 'ta-desk-bench-rss-'));
const seeding = await openStore({ dataDir: dir, dataKey: key });
await seedSubmitted(seeding, key, count);
await seeding.close();
// The measured part starts from a fresh open, as at app start.
const before = process.memoryUsage().rss;
const store = await openStore({ dataDir: dir, dataKey: key });
const history = createHistoryIndex(store.repo);
await history.load();
for (const search of ['ada', 'moss', 'pc-0001']) await history.query({ search });
global.gc?.();
const after = process.memoryUsage();
console.log(JSON.stringify({ count, rssMb: Math.round(after.rss / 1048576), heapMb: Math.round(after.heapUsed / 1048576), baselineRssMb: Math.round(before / 1048576) }));
await store.close();
rmSync(dir, { recursive: true, force: true });
