/**
 * `npm run bench [-- --only name,name] [--write]`: runs the benchmarks of issue 7 and prints one
 * table of figures against their targets; `--write` also records it in docs/BENCHMARKS.md.
 * Figures are medians of several runs (each bench says how many); ratios are within one run.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { autosaveLatency, historyAtScale } from './core-bench.ts';
import { historyView, importPreview, keystrokeToValidation, timeToUsable } from './browser-bench.ts';
import { importReadAndQueue, importSendThroughput } from './import-bench.ts';
import { lookupThroughput } from './lookup-bench.ts';
import { outboxThroughput } from './outbox-bench.ts';
import { rendererWeight } from './renderer-weight.ts';
import { startupRatio } from './startup-bench.ts';

const { values } = parseArgs({ options: { only: { type: 'string' }, write: { type: 'boolean', default: false } } });
const only = values.only?.split(',');
const root = resolve(import.meta.dirname, '../..');

interface Row {
  bench: string;
  figure: string;
  target: string;
  met: boolean;
  detail: unknown;
}
const rows: Row[] = [];
const want = (name: string) => !only || only.includes(name);
const add = (bench: string, figure: string, target: string, met: boolean, detail: unknown) => {
  rows.push({ bench, figure, target, met, detail });
  console.log(`${met ? 'MET ' : 'MISS'}  ${bench}: ${figure} (target ${target})  ${JSON.stringify(detail)}`);
};

if (want('weight')) {
  const r = await rendererWeight();
  add('Renderer initial weight (gzip JS + CSS before usable)', `${r.initialKb} KB`, '≤ 45 KB', r.initialKb <= 45, r);
  add('Renderer weight, all chunks (gzip JS + CSS)', `${r.totalKb} KB`, '≤ 90 KB', r.totalKb <= 90, r);
}
if (want('startup')) {
  const r = await startupRatio(15);
  add('Start-up: preview ready ÷ static page ready (median of 15, one Chromium)', `${r.ratio}×`, '≤ 2× (goal 1.5×)', r.ratio <= 2, r);
}
if (want('ready')) {
  const r = await timeToUsable(10);
  add('Time to usable (preview host, median of 10)', `${r.medianMs} ms`, '≤ 250 ms', r.medianMs <= 250, r);
}
if (want('keystroke')) {
  const r = await keystrokeToValidation(200);
  add('Keystroke → validation message (p95 of 200)', `${r.p95Ms} ms`, '≤ 8 ms', r.p95Ms <= 8, r);
}
if (want('history')) {
  const r = await historyAtScale(100_000);
  add('History search/filter in core, 100k (p95)', `${r.queryP95Ms} ms (${r.queryRatioToFloor} × a bare scan)`, '≤ 30 ms', r.queryP95Ms <= 30, r);
  add(
    'Longest event-loop stall while loading the 100k history',
    `${r.loadLongestStallMs} ms (${r.stallRatioToIdle} × idle)`,
    '≤ 50 ms',
    r.loadLongestStallMs <= 50,
    { loadLongestStallMs: r.loadLongestStallMs, idleLongestStallMs: r.idleLongestStallMs, coldLoadMs: r.coldLoadMs },
  );
}
if (want('history-ui')) {
  const r = await historyView(100_000);
  add('Open History view, 100k (median of 5)', `${r.openMedianMs} ms`, '≤ 500 ms', r.openMedianMs <= 500, r);
  add('History row nodes while scrolling, 100k', `${r.maxRowNodes}`, '< 200', r.maxRowNodes < 200 && r.maxRowNodes > 0, r);
}
if (want('import-ui')) {
  const r = await importPreview(10_000);
  add('Import preview row nodes while scrolling, 10k rows', `${r.maxRowNodes}`, '< 200', r.maxRowNodes < 200 && r.maxRowNodes > 0, r);
}
if (want('import')) {
  const r = await importReadAndQueue(10_000, 5);
  // RSS in a fresh process holding only the core, bundled as the app ships it (as for 'rss').
  await build({
    configFile: false,
    logLevel: 'silent',
    build: { ssr: resolve(import.meta.dirname, 'import-rss-child.ts'), outDir: resolve(root, 'out/bench-import'), emptyOutDir: true, target: 'node24' },
  });
  const out = execFileSync(process.execPath, ['--expose-gc', resolve(root, 'out/bench-import/import-rss-child.js'), '10000'], { encoding: 'utf8' });
  const m = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { peakRssMb: number; baselineRssMb: number };
  add('Import: 10,000-row CSV read and checked in core (median of 5)', `${r.readMedianMs} ms, peak RSS ${m.peakRssMb} MB`, '≤ 1,000 ms, ≤ 300 MB', r.readMedianMs <= 1000 && m.peakRssMb <= 300, { ...r, ...m });
  add('Import: 10,000 ready rows queued', `${r.queueMs} ms`, '≤ 2,000 ms', r.queueMs <= 2000 && r.queued === r.rows, r);
  const stall = Math.max(r.readLongestStallMs, r.mapLongestStallMs, r.queueLongestStallMs);
  add(
    'Import: longest event-loop stall while 10,000 rows are read, mapped again and queued',
    `${stall} ms (read ${r.readLongestStallMs}, map ${r.mapLongestStallMs}, queue ${r.queueLongestStallMs}; idle ${r.idleLongestStallMs})`,
    '≤ 50 ms',
    stall <= 50,
    r,
  );
  add(
    'Import: longest event-loop stall reading a file while its 10,000 rows wait in the outbox',
    `${r.readWhileQueuedLongestStallMs} ms (idle ${r.idleLongestStallMs})`,
    '≤ 50 ms',
    r.readWhileQueuedLongestStallMs <= 50 && r.readWhileQueuedReady === 0,
    { readWhileQueuedLongestStallMs: r.readWhileQueuedLongestStallMs, readWhileQueuedReady: r.readWhileQueuedReady },
  );
}
if (want('import-send')) {
  const r = await importSendThroughput(1_000, 40, 25);
  add('Import batch: 1,000 sent at 40 ms latency, 25 req/s limit', `${r.ratioOfLimit} of the limit`, '≥ 0.95, 0 duplicates, 0 lost', r.ratioOfLimit >= 0.95 && r.duplicates === 0 && r.lost === 0, r);
}
if (want('autosave')) {
  const r = await autosaveLatency(2_000);
  add('Draft autosave (p99 of 2,000)', `${r.p99Ms} ms (${r.ratioToFloor} × a bare WAL insert+commit)`, '≤ 5 ms, ≤ 3 × the floor', r.p99Ms <= 5 && r.ratioToFloor <= 3, r);
}
if (want('rss')) {
  // Measured on the core bundled as the app ships it (plain JS), not under the tsx loader, whose
  // own ~45 MB would be counted otherwise.
  await build({
    configFile: false,
    logLevel: 'silent',
    build: { ssr: resolve(import.meta.dirname, 'rss-child.ts'), outDir: resolve(root, 'out/bench'), emptyOutDir: true, target: 'node24' },
  });
  const dir = mkdtempSync(join(tmpdir(), 'ta-desk-bench-rss-'));
  const child = (...args: string[]) =>
    execFileSync(process.execPath, ['--expose-gc', resolve(root, 'out/bench/rss-child.js'), ...args], { encoding: 'utf8' });
  child('seed', dir, '100000');
  const r = JSON.parse(child('measure', dir).trim().split('\n').pop() ?? '{}') as { rssMb: number };
  rmSync(dir, { recursive: true, force: true });
  add('Core RSS with 100k applications loaded', `${r.rssMb} MB`, '≤ 120 MB', r.rssMb <= 120, r);
}
if (want('outbox')) {
  const r = await outboxThroughput(1_000, 40, 25);
  add('Outbox: 1,000 at 40 ms latency, 25 req/s limit', `${r.ratioOfLimit} of the limit`, '≥ 0.97, 0 duplicates, 0 lost', r.ratioOfLimit >= 0.97 && r.duplicates === 0 && r.lost === 0, r);
}
if (want('lookup')) {
  const r = await lookupThroughput(1_000, 40, 25);
  add(
    'Status lookup batch: 1,000 at 40 ms latency, 25 req/s limit',
    `${r.ratioOfLimit} of the limit, ${r.refusedAfterFirst429} refused after the first 429`,
    '≥ 0.95, none refused after the first 429',
    r.ratioOfLimit >= 0.95 && r.refusedAfterFirst429 === 0 && r.answered === r.count,
    r,
  );
}

if (values.write) {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version} (SQLite ${process.versions.sqlite}, node:sqlite), Debian Chromium; load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`;
  const table = ['| Benchmark | Figure | Target | Met |', '|---|---|---|---|', ...rows.map((r) => `| ${r.bench} | ${r.figure} | ${r.target} | ${r.met ? 'yes' : '**no**'} |`)].join('\n');
  const file = resolve(root, 'docs/BENCHMARKS.md');
  const doc = readFileSync(file, 'utf8');
  const block = `<!-- bench:start -->\nLatest run: ${new Date().toISOString().slice(0, 10)} on ${machine}; command \`npm run bench -- --write\`.\n\n${table}\n\nRaw figures:\n\n\`\`\`\n${rows.map((r) => `${r.bench}: ${JSON.stringify(r.detail)}`).join('\n')}\n\`\`\`\n<!-- bench:end -->`;
  writeFileSync(file, doc.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, block));
  console.log('docs/BENCHMARKS.md updated');
}
process.exit(0);
