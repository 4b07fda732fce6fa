import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The repository explains itself: a fresh clone has docs/dpp-contract.md and docs/architecture.md,
 * not the design notes they were first written from, which live outside it. So no tracked file
 * may point at those outside files. (The names are assembled here so this file does not match.)
 */
const root = resolve(import.meta.dirname, '../..');
const OUTSIDE = [['..', 'shared'].join('/'), ['dpp-api', 'md'].join('.'), ['design', 'md'].join('.')];
const BINARY = /\.(png|ico|icns|sqlite|sqlite-shm|sqlite-wal|woff2?)$/;

function trackedTextFiles(): string[] {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  return files.filter((f) => !BINARY.test(f) && f !== 'package-lock.json');
}

describe('documents cited in the repository', () => {
  it('are all inside it: nothing refers to the design notes outside the repo', () => {
    const offenders: string[] = [];
    for (const file of trackedTextFiles()) {
      let text: string;
      try {
        text = readFileSync(resolve(root, file), 'utf8');
      } catch {
        continue; // listed by git but gone from the work tree (a deletion not yet committed)
      }
      for (const name of OUTSIDE) if (text.includes(name)) offenders.push(`${file}: ${name}`);
    }
    expect(offenders).toEqual([]);
  });

  it('the two documents the code cites exist', () => {
    for (const doc of ['docs/dpp-contract.md', 'docs/architecture.md']) {
      expect(readFileSync(resolve(root, doc), 'utf8').length).toBeGreaterThan(1000);
    }
  });
});
