import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../electron/core/store/open-store.ts';

/**
 * A draft survives the app being killed mid-write: a child process saves a draft in a loop and
 * is SIGKILLed at a random moment; every save it acknowledged must be there on reopen, in a
 * database that passes integrity_check (WAL with synchronous=NORMAL).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const writer = join(root, 'test', 'fixtures', 'draft-writer.ts');
/** A fixed data key (test data only), shared with the child so the store can be reopened. */
const CRASH_TEST_KEY = Buffer.alloc(32, 0x5a);

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs the writer until it has acknowledged at least `minimum` saves, then kills it at random. */
function killMidWrite(dataDir: string, minimum: number): Promise<number> {
  return new Promise((resolve, reject) => {
    // tsx as a loader in this one process, not the node_modules/.bin/tsx wrapper: the wrapper
    // runs the script in a grandchild that SIGKILL on the wrapper would leave running.
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir, CRASH_TEST_KEY.toString('hex')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let acknowledged = 0;
    let pending = '';
    let stderr = '';
    let killing = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const n = /^saved (\d+)$/.exec(line)?.[1];
        if (n) acknowledged = Math.max(acknowledged, Number(n));
      }
      if (!killing && acknowledged >= minimum) {
        killing = true;
        // A random moment in the write loop: anywhere within the next few saves.
        setTimeout(() => child.kill('SIGKILL'), Math.random() * 15);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`draft writer ended by itself (${String(signal)}): ${stderr}`));
      // Lines read after kill() was called were still printed after a committed save: they count.
      else resolve(acknowledged);
    });
  });
}

describe('store after a crash', () => {
  it('keeps every acknowledged draft save, with integrity, across 3 kills', async () => {
    for (let round = 1; round <= 3; round++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'ta-desk-crash-'));
      dirs.push(dataDir);
      const acknowledged = await killMidWrite(dataDir, 20 + Math.floor(Math.random() * 30));
      expect(acknowledged).toBeGreaterThanOrEqual(20);

      const store = await openStore({ dataDir, dataKey: CRASH_TEST_KEY });
      try {
        expect(await store.db.integrityCheck()).toBe('ok');
        const drafts = await store.repo.listApplications({ states: ['draft'] });
        expect(drafts).toHaveLength(1);
        const draft = await store.repo.getApplication(drafts[0]!.id);
        expect(draft?.values.counter).toBeGreaterThanOrEqual(acknowledged);
      } finally {
        await store.close();
      }
    }
  });
});
