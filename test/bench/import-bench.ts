import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import type { ImportBatchStatus } from '../../electron/contract/import-batch.ts';
import { encodeChunk, IMPORT_CHUNK_BYTES, type ImportRead } from '../../electron/contract/import.ts';
import type { Result } from '../../electron/contract/result.ts';
import { createCoreParts, assembleCore } from '../../electron/core/app-core.ts';
import { memorySecretStore } from '../../electron/core/vault/memory-store.ts';
import { practiceEnvironment, PRACTICE_CREDENTIALS } from '../../electron/practice/environment.ts';
import { startPracticeDppProcess } from '../reliability/support/children.ts';
import { median, round } from './stats.ts';

/**
 * Bulk import in the core (issue 15, item 8): a 10,000-row file read (decoded, parsed, mapped and
 * every row checked with the form's schema) through the same calls the window makes; the ready
 * rows queued; and a batch of 1,000 sent to the practice DPP in its own process, as a share of its
 * rate limit, with the DPP's record proving no duplicate and nothing lost.
 */
export function csvOf(count: number, tag: string): Uint8Array {
  const lines = ['First name,Last name,City,State,Direct address,Notification address,Notes'];
  for (let i = 0; i < count; i++) {
    lines.push(`Bench${i},"Mark, ${i}",Albany,NY,${tag}.${i}@direct.practice.example,${tag}.${i}@example.org,"Line one\r\nline two"`);
  }
  // A spreadsheet's "CSV UTF-8": byte-order mark and CRLF.
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

type Handlers = ReturnType<typeof assembleCore>['handlers'];

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** The file as the window sends it: base64 chunks, encoded in the renderer (not main's work). */
export function encodeChunks(bytes: Uint8Array): string[] {
  const chunks: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += IMPORT_CHUNK_BYTES) chunks.push(encodeChunk(bytes.subarray(offset, offset + IMPORT_CHUNK_BYTES)));
  return chunks;
}

export async function upload(handlers: Handlers, bytes: Uint8Array, chunks = encodeChunks(bytes)): Promise<{ importId: string; ready: number }> {
  const { importId } = value<{ importId: string }>(await handlers['import.open']({ fileName: 'bench.csv', byteLength: bytes.length }));
  for (const [i, data] of chunks.entries()) {
    // Each chunk reaches main as its own IPC message, with a turn of the event loop between them.
    await setImmediate();
    value(await handlers['import.chunk']({ importId, offset: i * IMPORT_CHUNK_BYTES, data }));
  }
  const read = value<ImportRead>(await handlers['import.read']({ importId }));
  if (read.state !== 'read') throw new Error(read.message);
  return { importId, ready: read.overview.counts.ready };
}

export async function benchCore(url: string, dataDir: string, emit: Parameters<typeof createCoreParts>[0]['emit'] = () => undefined) {
  const parts = await createCoreParts({
    version: 'bench',
    dataDir,
    secretStore: memorySecretStore(),
    networkFetch: (input, init) => fetch(input, init),
    practice: { environment: { ...practiceEnvironment(), baseUrl: url }, credentials: PRACTICE_CREDENTIALS, fetch: (input, init) => fetch(input, init) },
    emit,
  });
  return { parts, ...assembleCore(parts) };
}

/** The longest gap between turns of the event loop (a 1 ms ticker) since the last reset: what an IPC answer would wait at worst. */
function stallMonitor() {
  let longest = 0;
  let tick = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - tick);
    tick = now;
  }, 1);
  return {
    /** Longest gap since the last call (or since started), then start over. */
    take(): number {
      const gap = Math.max(longest, performance.now() - tick);
      longest = 0;
      tick = performance.now();
      return Math.round(gap);
    },
    stop: () => clearInterval(ticker),
  };
}

/**
 * Read and check a file of `count` rows (median of `runs`), map a column again (every row
 * re-checked), queue its rows, then read it again while they wait in the outbox (RSS:
 * import-rss-child.ts). The longest event-loop stall of each step, and of an idle second in the
 * same run (a busy machine stalls even an idle loop).
 */
export async function importReadAndQueue(count = 10_000, runs = 5) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ta-desk-bench-import-'));
  // Nothing is sent here: the core is not started and nothing kicks its outbox.
  const core = await benchCore('http://127.0.0.1:9', dataDir);
  try {
    const bytes = csvOf(count, 'bench.import');
    const chunks = encodeChunks(bytes);
    const readMs: number[] = [];
    let last = { importId: '', ready: 0 };
    let benchProcessRssMb = 0;
    const stalls = stallMonitor();
    await new Promise((r) => setTimeout(r, 1000));
    const idleLongestStallMs = stalls.take();
    let readLongestStallMs = 0;
    for (let i = 0; i < runs; i++) {
      stalls.take();
      const t0 = performance.now();
      last = await upload(core.handlers, bytes, chunks);
      readMs.push(performance.now() - t0);
      readLongestStallMs = Math.max(readLongestStallMs, stalls.take());
      benchProcessRssMb = Math.max(benchProcessRssMb, process.memoryUsage().rss / 1048576);
      if (i < runs - 1) value(await core.handlers['import.close']({ importId: last.importId }));
    }
    // The TA maps the Notes column by hand (unmap, map again): every row is checked again each time.
    const notes = 6;
    stalls.take();
    const t1 = performance.now();
    value(await core.handlers['import.map']({ importId: last.importId, column: notes, field: null }));
    value(await core.handlers['import.map']({ importId: last.importId, column: notes, field: 'notes' }));
    const mapMs = (performance.now() - t1) / 2;
    const mapLongestStallMs = stalls.take();
    // The core's queueing, without the outbox kick the channel adds: nothing is sent from here.
    const t0 = performance.now();
    const batchId = await core.parts.importer.queue(last.importId, last.ready);
    const queueMs = performance.now() - t0;
    const queueLongestStallMs = stalls.take();
    // The same file again while its 10,000 rows wait in the outbox (each row found already queued).
    const again = await upload(core.handlers, bytes, chunks);
    const readWhileQueuedLongestStallMs = stalls.take();
    stalls.stop();
    value(await core.handlers['import.close']({ importId: again.importId }));
    const status = value<ImportBatchStatus>(await core.handlers['import.batchStatus']({ batchId }));
    return {
      rows: count,
      fileMb: round(bytes.length / 1048576, 2),
      readMedianMs: Math.round(median(readMs)),
      readRunsMs: readMs.map(Math.round),
      readLongestStallMs,
      mapMs: Math.round(mapMs),
      mapLongestStallMs,
      ready: last.ready,
      queueMs: Math.round(queueMs),
      queueLongestStallMs,
      readWhileQueuedLongestStallMs,
      readWhileQueuedReady: again.ready,
      idleLongestStallMs,
      queued: status.total,
      benchProcessRssMb: Math.round(benchProcessRssMb),
    };
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A batch of `count` sent to the practice DPP in its own process at `rateLimit` requests/s. */
export async function importSendThroughput(count = 1_000, latencyMs = 40, rateLimit = 25) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ta-desk-bench-import-send-'));
  const dpp = await startPracticeDppProcess(['--control', '--latency-ms', String(latencyMs), '--rate-limit', String(rateLimit)], join(dataDir, 'practice-dpp.log'));
  let finished: (s: ImportBatchStatus) => void = () => undefined;
  const done = new Promise<ImportBatchStatus>((r) => (finished = r));
  const core = await benchCore(dpp.url, dataDir, (event, payload) => {
    if (event === 'import.progress' && (payload as ImportBatchStatus).queued === 0) finished(payload as ImportBatchStatus);
  });
  try {
    await core.start();
    const { importId, ready } = await upload(core.handlers, csvOf(count, 'bench.send'));
    const t0 = performance.now();
    value(await core.handlers['import.queue']({ importId, attestedCount: ready, attested: true }));
    const last = await done;
    const seconds = (performance.now() - t0) / 1000;
    const received = (await (await fetch(`${dpp.url}/__practice/received`)).json()) as { applications: { directAddress: string }[] };
    const addresses = received.applications.map((a) => a.directAddress).filter((a) => a.startsWith('bench.send.'));
    const unique = new Set(addresses).size;
    return {
      count,
      seconds: round(seconds, 2),
      perSecond: round(last.sent / seconds, 2),
      ratioOfLimit: round(last.sent / seconds / rateLimit, 3),
      sentLocally: last.sent,
      attention: last.attention,
      duplicates: addresses.length - unique,
      lost: count - unique,
    };
  } finally {
    await core.close();
    await dpp.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
