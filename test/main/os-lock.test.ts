import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockWithOs } from '../../electron/main/os-lock.ts';
import { startTestCore } from '../helpers/core.ts';
import { startPracticeServer } from '../helpers/practice-server.ts';
import { powerMonitor, resetFakeElectron } from '../fakes/electron.ts';

/**
 * electron/main/os-lock.ts under the fake `electron`, wired to the real core (real store and
 * keychain: run under test/with-keyring.sh) as main wires it.
 */
let practice: Awaited<ReturnType<typeof startPracticeServer>>;
let app: Awaited<ReturnType<typeof startTestCore>>;
let locking: Promise<unknown>[];

beforeEach(async () => {
  resetFakeElectron();
  practice = await startPracticeServer();
  app = await startTestCore({ dppUrl: practice.url });
  locking = [];
  lockWithOs(() => void locking.push(Promise.resolve(app.core.handlers['lock.lock'](undefined))));
});

afterEach(async () => {
  await Promise.all(locking); // the lock's audit entry lands before the store closes
  await app.close();
  await practice.close();
});

const historyAnswer = async () => (await app.dispatch('history.query', {})) as { ok: boolean; error?: { code: string } };

describe('the OS lock', () => {
  it('locks TA Desk when the OS screen locks: PHI is refused until the TA unlocks', async () => {
    expect((await historyAnswer()).ok).toBe(true);
    powerMonitor.emit('lock-screen');
    await expect.poll(() => app.core.isLocked()).toBe(true);
    expect(await historyAnswer()).toMatchObject({ ok: false, error: { code: 'locked' } });
  });

  it('locks TA Desk when the machine goes to sleep', async () => {
    powerMonitor.emit('suspend');
    await expect.poll(() => app.core.isLocked()).toBe(true);
    expect(await historyAnswer()).toMatchObject({ ok: false, error: { code: 'locked' } });
  });

  it('does not lock on other power events', async () => {
    powerMonitor.emit('resume');
    powerMonitor.emit('unlock-screen');
    powerMonitor.emit('on-ac');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(app.core.isLocked()).toBe(false);
  });
});
