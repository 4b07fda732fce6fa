import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LockState } from '../../electron/contract/lock.ts';
import { createLockService, type LockServiceOptions } from '../../electron/core/lock.ts';

/**
 * The idle lock (HIPAA automatic logoff), on fake timers: what the TA notices is when patient
 * data disappears behind the lock screen, what brings it back, and that each step is audited.
 * One factory builds the service, so new options (persistence, unlock throttling) are added here.
 */
const PASSWORD = 'the-dpp-password';
const MINUTE = 60_000;

function lockService(overrides: Partial<LockServiceOptions> & { storedIdleMinutes?: number } = {}) {
  const changes: LockState[] = [];
  const audit: { action: string; detail: string }[] = [];
  let storedIdleMinutes = overrides.storedIdleMinutes;
  // The settings table the lock persists to (locked, last activity, throttle), kept in memory here.
  const settings = new Map<string, string>();
  const service = createLockService({
    settings: { getSetting: async (key) => settings.get(key), setSetting: async (key, value) => void settings.set(key, value) },
    verifyPassword: async (password) => password === PASSWORD,
    loadIdleMinutes: async () => storedIdleMinutes,
    saveIdleMinutes: async (minutes) => void (storedIdleMinutes = minutes),
    onChange: (state) => void changes.push(state),
    onAudit: async (action, detail) => void audit.push({ action, detail }),
    ...overrides,
  });
  services.push(service);
  return { service, changes, audit, settings, stored: () => storedIdleMinutes };
}

const services: ReturnType<typeof createLockService>[] = [];

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-03-10T14:00:00Z') });
});

afterEach(() => {
  for (const s of services.splice(0)) s.stop();
  vi.useRealTimers();
});

describe('idle lock', () => {
  it('locks after ten minutes without activity by default, and not before', async () => {
    const { service, changes, audit } = lockService();
    await service.start();
    await vi.advanceTimersByTimeAsync(9 * MINUTE + 55_000);
    expect(service.isLocked()).toBe(false);
    expect(changes).toEqual([]);

    await vi.advanceTimersByTimeAsync(10_000); // the check runs every 5 s
    expect(service.isLocked()).toBe(true);
    expect(changes).toEqual([{ locked: true, idleMinutes: 10, unlockWith: [], failedUnlocks: 0 }]);
    expect(audit).toEqual([{ action: 'lock', detail: 'idle' }]);
  });

  it('uses the idle time the TA chose, as stored', async () => {
    const { service } = lockService({ storedIdleMinutes: 2 });
    await service.start();
    expect(service.state()).toEqual({ locked: false, idleMinutes: 2, unlockWith: [], failedUnlocks: 0 });
    await vi.advanceTimersByTimeAsync(2 * MINUTE + 5_000);
    expect(service.isLocked()).toBe(true);
  });

  it('activity restarts the idle time', async () => {
    const { service } = lockService();
    await service.start();
    await vi.advanceTimersByTimeAsync(9 * MINUTE);
    service.activity();
    await vi.advanceTimersByTimeAsync(9 * MINUTE);
    expect(service.isLocked()).toBe(false); // 18 minutes in, but only 9 idle
    await vi.advanceTimersByTimeAsync(MINUTE + 5_000);
    expect(service.isLocked()).toBe(true);
  });

  it('a new idle time takes effect at once, is saved, and is announced', async () => {
    const { service, changes, stored } = lockService();
    await service.start();
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    expect(await service.setIdleMinutes(1)).toEqual({ locked: false, idleMinutes: 1, unlockWith: [], failedUnlocks: 0 });
    expect(stored()).toBe(1);
    expect(changes).toEqual([{ locked: false, idleMinutes: 1, unlockWith: [], failedUnlocks: 0 }]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(service.isLocked()).toBe(true); // already idle for more than the new minute
  });

  it('"Lock now" locks at once, and locking again changes nothing', async () => {
    const { service, changes, audit } = lockService();
    await service.start();
    expect(await service.lockNow()).toEqual({ locked: true, idleMinutes: 10, unlockWith: [], failedUnlocks: 0 });
    await service.lockNow();
    await vi.advanceTimersByTimeAsync(20 * MINUTE);
    expect(changes).toEqual([{ locked: true, idleMinutes: 10, unlockWith: [], failedUnlocks: 0 }]);
    expect(audit).toEqual([{ action: 'lock', detail: 'manual' }]);
  });

  it('the lock comes down even when its audit entry cannot be written', async () => {
    const { service, changes } = lockService({ onAudit: () => Promise.reject(new Error('the store is closing')) });
    await service.start();
    await vi.advanceTimersByTimeAsync(10 * MINUTE + 5_000);
    expect(service.isLocked()).toBe(true);
    expect(changes).toEqual([{ locked: true, idleMinutes: 10, unlockWith: [], failedUnlocks: 0 }]);
  });
});

describe('unlock', () => {
  async function locked() {
    const l = lockService();
    await l.service.start();
    await l.service.lockNow();
    l.changes.length = 0;
    l.audit.length = 0;
    return l;
  }

  it('a wrong password keeps the data hidden, and each failed attempt is audited with its count', async () => {
    const { service, changes, audit } = await locked();
    expect(await service.unlock('guess-1')).toMatchObject({ ok: false, reason: 'wrong' });
    expect(await service.unlock('guess-2')).toMatchObject({ ok: false, reason: 'wrong' });
    expect(service.isLocked()).toBe(true);
    expect(changes).toEqual([]);
    expect(audit).toEqual([
      { action: 'unlock', detail: 'failed attempt 1' },
      { action: 'unlock', detail: 'failed attempt 2' },
    ]);
  });

  it('the DPP password unlocks, is audited, and the failure count starts over', async () => {
    const { service, changes, audit } = await locked();
    await service.unlock('guess');
    expect(await service.unlock(PASSWORD)).toEqual({ ok: true, state: { locked: false, idleMinutes: 10, unlockWith: [], failedUnlocks: 0 } });
    expect(service.isLocked()).toBe(false);
    expect(changes).toEqual([{ locked: false, idleMinutes: 10, unlockWith: [], failedUnlocks: 0 }]);
    expect(audit.at(-1)).toEqual({ action: 'unlock', detail: 'unlocked' });

    await service.lockNow();
    await service.unlock('guess');
    expect(audit.at(-1)).toEqual({ action: 'unlock', detail: 'failed attempt 1' });
  });

  it('the idle time restarts at unlock, whatever happened behind the lock screen', async () => {
    const { service } = await locked();
    await vi.advanceTimersByTimeAsync(30 * MINUTE);
    service.activity(); // the pointer moving over the lock screen
    await service.unlock(PASSWORD);
    await vi.advanceTimersByTimeAsync(9 * MINUTE);
    expect(service.isLocked()).toBe(false);
    await vi.advanceTimersByTimeAsync(MINUTE + 5_000);
    expect(service.isLocked()).toBe(true);
  });

  it('unlocking an unlocked app changes nothing', async () => {
    const { service, changes, audit } = lockService();
    await service.start();
    expect(await service.unlock('anything')).toEqual({ ok: true, state: { locked: false, idleMinutes: 10, unlockWith: [], failedUnlocks: 0 } });
    expect(changes).toEqual([]);
    expect(audit).toEqual([]);
  });
});
