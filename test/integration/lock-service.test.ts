import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLockService, FREE_UNLOCK_ATTEMPTS } from '../../electron/core/lock.ts';
import { openStore, type Store } from '../../electron/core/store/open-store.ts';

/**
 * Issue 12, findings 1 and 6, on the lock service with a real SQLite store and a clock the test
 * moves: the lock and the unlock throttle outlive a restart (a new service on the same store).
 */
const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'ta-desk-lock-'));
  dirs.push(dir);
  const key = randomBytes(32);
  const store = await openStore({ dataDir: dir, dataKey: key });
  stores.push(store);
  const clock = { t: Date.parse('2026-01-05T09:00:00Z') };
  const audits: string[] = [];
  const make = (s: Store = store) =>
    createLockService({
      verifyPassword: async (p) => p === 'right-password',
      unlockWith: async () => ['Production'],
      loadIdleMinutes: async () => 10,
      saveIdleMinutes: async () => {},
      settings: s.repo,
      onChange: () => {},
      onAudit: async (action, detail) => void audits.push(`${action}: ${detail}`),
      now: () => clock.t,
      checkEveryMs: 60_000,
    });
  /** Quit and start again on the same data directory. */
  const restart = async () => {
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const again = await openStore({ dataDir: dir, dataKey: key });
    stores.push(again);
    const lock = make(again);
    await lock.start();
    return lock;
  };
  return { store, clock, audits, make, restart };
}

describe('the lock outlives a restart', () => {
  it('starts locked when it was locked at quit', async () => {
    const { make, restart } = await setup();
    const lock = make();
    await lock.start();
    await lock.lockNow();
    lock.stop();
    const after = await restart();
    expect(after.isLocked()).toBe(true);
    expect(after.state()).toMatchObject({ locked: true, unlockWith: ['Production'] });
    after.stop();
  });

  it('starts locked when the idle time passed since the last activity, even if it quit unlocked', async () => {
    const { make, clock, restart, audits } = await setup();
    const lock = make();
    await lock.start();
    clock.t += 60_000;
    lock.activity();
    lock.stop();
    clock.t += 10 * 60_000 + 1;
    const after = await restart();
    expect(after.isLocked()).toBe(true);
    expect(audits.at(-1)).toMatch(/lock: idle time passed/);
    after.stop();
  });

  it('starts unlocked when it quit unlocked within the idle time', async () => {
    const { make, clock, restart } = await setup();
    const lock = make();
    await lock.start();
    lock.stop();
    clock.t += 5 * 60_000;
    const after = await restart();
    expect(after.isLocked()).toBe(false);
    after.stop();
  });
});

describe('unlock attempts are throttled', () => {
  it(`lets ${FREE_UNLOCK_ATTEMPTS} wrong passwords through, then makes each further try wait longer, audited`, async () => {
    const { make, clock, audits } = await setup();
    const lock = make();
    await lock.start();
    await lock.lockNow();
    for (let i = 1; i < FREE_UNLOCK_ATTEMPTS; i += 1) expect(await lock.unlock('nope')).toMatchObject({ ok: false, reason: 'wrong', retryAfterSeconds: 0 });
    expect(await lock.unlock('nope')).toMatchObject({ ok: false, reason: 'wrong', retryAfterSeconds: 5 });
    // Even the right password waits: guessing fast gains nothing.
    expect(await lock.unlock('right-password')).toMatchObject({ ok: false, reason: 'throttled', retryAfterSeconds: 5 });
    expect(lock.state()).toMatchObject({ locked: true, retryAfterSeconds: 5, failedUnlocks: 3 });
    clock.t += 5_000;
    expect(await lock.unlock('nope')).toMatchObject({ ok: false, reason: 'wrong', retryAfterSeconds: 10 });
    clock.t += 10_000;
    expect(await lock.unlock('nope')).toMatchObject({ ok: false, reason: 'wrong', retryAfterSeconds: 20 });
    expect(audits.filter((a) => a.startsWith('unlock: failed attempt')).length).toBe(5);
    expect(audits.some((a) => /refused: tried again/.test(a))).toBe(true);
    clock.t += 20_000;
    expect(await lock.unlock('right-password')).toMatchObject({ ok: true, state: { locked: false, failedUnlocks: 0 } });
    lock.stop();
  });

  it('keeps counting across a restart, so quitting does not reset the wait', async () => {
    const { make, restart } = await setup();
    const lock = make();
    await lock.start();
    await lock.lockNow();
    for (let i = 0; i < FREE_UNLOCK_ATTEMPTS; i += 1) await lock.unlock('nope');
    lock.stop();
    const after = await restart();
    expect(await after.unlock('right-password')).toMatchObject({ ok: false, reason: 'throttled' });
    after.stop();
  });

  it('caps the wait at five minutes', async () => {
    const { make, clock } = await setup();
    const lock = make();
    await lock.start();
    await lock.lockNow();
    let last = 0;
    for (let i = 0; i < 20; i += 1) {
      const r = await lock.unlock('nope');
      if (!r.ok) last = r.retryAfterSeconds;
      clock.t += 10 * 60_000;
    }
    expect(last).toBe(300);
    lock.stop();
  });
});

describe('unlock attempts sent all at once', () => {
  it('are taken one at a time, so parallel guesses meet the throttle too', async () => {
    const { make, audits } = await setup();
    const lock = make();
    await lock.start();
    await lock.lockNow();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => lock.unlock(`guess-${i}`)));
    expect(answers.every((a) => !a.ok)).toBe(true);
    expect(audits.filter((a) => a.startsWith('unlock: failed attempt')).length).toBe(FREE_UNLOCK_ATTEMPTS);
    lock.stop();
  });
});
