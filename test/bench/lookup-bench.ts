import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchProgress } from '../../electron/contract/lookup.ts';
import { createAppCore } from '../../electron/core/app-core.ts';
import { memorySecretStore } from '../../electron/core/vault/memory-store.ts';
import { practiceEnvironment, PRACTICE_CREDENTIALS } from '../../electron/practice/environment.ts';
import { startPracticeDppProcess } from '../reliability/support/children.ts';
import { round } from './stats.ts';

/**
 * Batch status lookup against the physical limit: N addresses looked up in one batch, the practice
 * DPP in its own process (40 ms latency, 25 requests/s). Throughput is a share of the limit; every
 * request is recorded on the wire, so the figure "429s after the first" shows whether the pacer,
 * once it learned the rate, ever sent more than the DPP admits.
 */
export async function lookupThroughput(count = 1_000, latencyMs = 40, rateLimit = 25) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ta-desk-bench-lookup-'));
  // The practice DPP in its own process, started the way the reliability suite starts it.
  const dpp = await startPracticeDppProcess(['--latency-ms', String(latencyMs), '--rate-limit', String(rateLimit)], join(dataDir, 'practice-dpp.log'));
  const { url } = dpp;
  // Every request as the client saw it: when it left, when its answer came, what it was.
  const wire: { startedAt: number; answeredAt: number; status: number }[] = [];
  const recordingFetch = async (input: string, init: RequestInit) => {
    const startedAt = performance.now();
    const res = await fetch(input, init);
    wire.push({ startedAt, answeredAt: performance.now(), status: res.status });
    if (process.env.BENCH_TRACE) console.log(`${Math.round(startedAt)} ${res.status} ${Math.round(performance.now() - startedAt)}ms`);
    return res;
  };
  let finished: (p: BatchProgress) => void = () => undefined;
  const done = new Promise<BatchProgress>((r) => (finished = r));
  const core = await createAppCore({
    version: 'bench',
    dataDir,
    secretStore: memorySecretStore(),
    networkFetch: (input, init) => fetch(input, init),
    practice: { environment: { ...practiceEnvironment(), baseUrl: url }, credentials: PRACTICE_CREDENTIALS, fetch: recordingFetch },
    emit: (event, payload) => {
      if (event === 'lookup.progress' && (payload as BatchProgress).state !== 'running') finished(payload as BatchProgress);
    },
  });
  try {
    const text = Array.from({ length: count }, (_, i) => `bench.lookup.${i}@direct.practice.example`).join('\n');
    const t0 = performance.now();
    const started = await core.handlers['lookup.batchStart']({ text, format: 'list' });
    if (!started.ok) throw new Error(started.error.message);
    const last = await done;
    const seconds = (performance.now() - t0) / 1000;
    const first429 = wire.filter((w) => w.status === 429).sort((a, b) => a.answeredAt - b.answeredAt)[0];
    const after = first429 ? wire.filter((w) => w.startedAt > first429.answeredAt) : [];
    return {
      count,
      state: last.state,
      answered: last.done,
      seconds: round(seconds, 2),
      perSecond: round(last.done / seconds, 2),
      ratioOfLimit: round(last.done / seconds / rateLimit, 3),
      requests: wire.length,
      answered429: wire.filter((w) => w.status === 429).length,
      sentAfterFirst429: after.length,
      refusedAfterFirst429: after.filter((w) => w.status === 429).length,
    };
  } finally {
    await core.close();
    await dpp.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === import.meta.filename) console.log(JSON.stringify(await lookupThroughput()));
