import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../electron/core/store/open-store.ts';

/**
 * Issue 12, finding 7: the data directory holds the database (ids, states and dates in plain
 * text beside the sealed PHI). Other users of the computer must not list or read it, whoever
 * created the directory first (Electron creates userData itself, 0755).
 */
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const modeOf = (path: string) => statSync(path).mode & 0o777;

async function openIn(dataDir: string) {
  const store = await openStore({ dataDir, dataKey: randomBytes(32) });
  await store.repo.setSetting('probe', 'x');
  return store;
}

describe('data directory permissions', () => {
  it('creates a missing data directory owner-only (0700), files 0600', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'ta-desk-perm-'));
    dirs.push(parent);
    const dataDir = join(parent, 'data');
    const store = await openIn(dataDir);
    await store.close();
    expect(modeOf(dataDir)).toBe(0o700);
    for (const file of readdirSync(dataDir)) expect(modeOf(join(dataDir, file)), file).toBe(0o600);
  });

  it('tightens an existing world-readable data directory to 0700', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'ta-desk-perm-'));
    dirs.push(parent);
    const dataDir = join(parent, 'data');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o755);
    const store = await openIn(dataDir);
    await store.close();
    expect(modeOf(dataDir)).toBe(0o700);
  });
});
