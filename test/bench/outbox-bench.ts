import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ApplicationSchema } from '../../electron/contract/application.ts';
import { assembleCore, createCoreParts } from '../../electron/core/app-core.ts';
import { memorySecretStore } from '../../electron/core/vault/memory-store.ts';
import { practiceEnvironment, PRACTICE_CREDENTIALS } from '../../electron/practice/environment.ts';
import { round } from './stats.ts';

/**
 * The outbox against the physical limit: N applications queued at once to the practice DPP in
 * its own process (40 ms latency, 25 requests/s). Throughput is reported as a share of the limit;
 * the DPP's own record proves no duplicate and nothing lost.
 */
export async function outboxThroughput(count = 1_000, latencyMs = 40, rateLimit = 25) {
  const root = resolve(import.meta.dirname, '../..');
  const dpp = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'electron/practice/cli.ts'), '--port', '0', '--control', '--latency-ms', String(latencyMs), '--rate-limit', String(rateLimit)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const lines = createInterface({ input: dpp.stdout });
    lines.on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match?.[1]) resolveUrl(match[1]);
    });
    dpp.once('exit', () => reject(new Error('practice DPP exited')));
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'ta-desk-bench-outbox-'));
  // Count the DPP's 429s on the wire, as the client sees them.
  let answered429 = 0;
  const countingFetch = async (input: string, init: RequestInit) => {
    const t = performance.now();
    const res = await fetch(input, init);
    if (res.status === 429) answered429 += 1;
    if (process.env.BENCH_TRACE) console.log(`${Math.round(t)} ${init.method} ${res.status} ${Math.round(performance.now() - t)}ms`);
    return res;
  };
  const core = await createCoreParts({
    version: 'bench',
    dataDir,
    secretStore: memorySecretStore(),
    networkFetch: (input, init) => fetch(input, init),
    practice: { environment: { ...practiceEnvironment(), baseUrl: url }, credentials: PRACTICE_CREDENTIALS, fetch: countingFetch },
    emit: () => undefined,
  });
  try {
    for (let i = 0; i < count; i++) {
      const app = ApplicationSchema.parse({
        trustedAgent: 'Pat Practice', organizationName: 'Practice Family Clinic', organizationCategory: '4',
        firstName: 'Bench', lastName: `Mark${i}`, city: 'Albany', state: 'NY', country: 'US', duration: 1,
        fullName: `Bench Mark${i}`, directAddress: `bench.${i}@direct.practice.example`, autoRenew: false,
        ial2Vetted: true, notificationAddress: `bench.${i}@example.org`,
      });
      const { id } = await core.repo.saveDraft({ environmentId: 'practice', values: app, actor: 'bench' });
      await core.outbox.queue(id, app);
    }
    const t0 = performance.now();
    core.outbox.kick();
    for (;;) {
      const state = await core.outbox.state();
      if (state.queued + state.sending + state.unknown === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const seconds = (performance.now() - t0) / 1000;
    const received = (await (await fetch(`${url}/__practice/received`)).json()) as { applications: { directAddress: string }[] };
    const addresses = received.applications.map((a) => a.directAddress);
    const submitted = (await core.repo.countByState()).submitted ?? 0;
    return {
      count,
      seconds: round(seconds, 2),
      perSecond: round(submitted / seconds, 2),
      ratioOfLimit: round(submitted / seconds / rateLimit, 3),
      duplicates: addresses.length - new Set(addresses).size,
      lost: count - new Set(addresses).size,
      submittedLocally: submitted,
      answered429,
    };
  } finally {
    await assembleCore(core).close();
    dpp.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
