/**
 * Child process of the import benchmark: in a fresh process holding only the core (bundled as the
 * app ships it, not under the tsx loader), read and check a CSV of N rows through the import
 * channels, then print the resident set size at its peak and before the file was read.
 * Usage: node out/bench/import-rss-child.js <rows>
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchCore, csvOf, upload } from './import-bench.ts';

const rows = Number(process.argv[2] ?? 10_000);
const dataDir = mkdtempSync(join(tmpdir(), 'ta-desk-bench-import-rss-'));
const core = await benchCore('http://127.0.0.1:9', dataDir);
const bytes = csvOf(rows, 'bench.rss');
global.gc?.();
const baselineRssMb = process.memoryUsage().rss / 1048576;
let peakRssMb = baselineRssMb;
const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, process.memoryUsage().rss / 1048576)), 5);
const { ready } = await upload(core.handlers, bytes);
peakRssMb = Math.max(peakRssMb, process.memoryUsage().rss / 1048576);
clearInterval(sampler);
console.log(JSON.stringify({ rows, ready, baselineRssMb: Math.round(baselineRssMb), peakRssMb: Math.round(peakRssMb) }));
await core.close();
rmSync(dataDir, { recursive: true, force: true });
