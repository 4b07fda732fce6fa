import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * One run directory for the whole suite: each test leaves its data directories, captured logs,
 * IPC answers and exports there, the secrets/PHI scan (sequenced last) reads them all, and the
 * recap of every test's figures is printed at the end. Deleted afterwards unless
 * RELIABILITY_KEEP=1 (then its path is printed).
 */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'ta-desk-reliability-'));
  project.provide('reliabilityRunDir', dir);
  const started = Date.now();
  return () => {
    const recap = join(dir, 'meta', 'summaries.txt');
    if (existsSync(recap)) {
      console.log(`\nReliability figures (RELIABILITY_SCALE=${process.env.RELIABILITY_SCALE ?? '1'}, ${((Date.now() - started) / 1000).toFixed(1)} s in all):`);
      console.log(readFileSync(recap, 'utf8').trimEnd());
    }
    if (process.env.RELIABILITY_KEEP === '1') console.log(`run directory kept: ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  };
}
