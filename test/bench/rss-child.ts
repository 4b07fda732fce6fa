/**
 * Child process of the RSS benchmark. `seed <dir> <count>`: put N submitted applications in a
 * store. `measure <dir>`: in a fresh process, as at app start, open that store, load the history
 * index (what the app keeps in memory) and run a few searches, then print the resident set size.
 */
import { getHeapSpaceStatistics } from 'node:v8';
import { createHistoryIndex } from '../../electron/core/history.ts';
import { openStore } from '../../electron/core/store/open-store.ts';
import { seedSubmitted } from './seed.ts';

const [mode, dir, count] = process.argv.slice(2);
const key = Buffer.alloc(32, 7);
if (!dir) throw new Error('usage: rss-child seed|measure <dir> [count]');

if (mode === 'seed') {
  const store = await openStore({ dataDir: dir, dataKey: key });
  await seedSubmitted(store, key, Number(count ?? 100_000));
  await store.close();
} else {
  const store = await openStore({ dataDir: dir, dataKey: key });
  const baselineRssMb = Math.round(process.memoryUsage().rss / 1048576);
  const history = createHistoryIndex(store.repo);
  const loaded = await history.load();
  for (const search of ['ada', 'moss', 'pc-0001']) await history.query({ search });
  global.gc?.();
  const m = process.memoryUsage();
  // Where the heap's pages are: V8 grows the young generation while many objects survive (a load
  // that keeps 100,000 small strings did: 64 MB of mostly empty new space stayed resident).
  const space = (name: string) => Math.round((getHeapSpaceStatistics().find((s) => s.space_name === name)?.space_size ?? 0) / 1048576);
  console.log(
    JSON.stringify({
      count: loaded.size,
      rssMb: Math.round(m.rss / 1048576),
      baselineRssMb,
      heapUsedMb: Math.round(m.heapUsed / 1048576),
      heapTotalMb: Math.round(m.heapTotal / 1048576),
      externalMb: Math.round(m.external / 1048576),
      newSpaceMb: space('new_space'),
      oldSpaceMb: space('old_space'),
      largeObjectSpaceMb: space('large_object_space'),
    }),
  );
  await store.close();
}
