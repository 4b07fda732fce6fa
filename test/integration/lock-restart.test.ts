import { describe, expect, it } from 'vitest';
import { PRACTICE_CREDENTIALS } from '../../electron/practice/environment.ts';
import { startTestCore } from '../helpers/core.ts';

/**
 * Issue 12, finding 1, as the reviewer did it: lock the app, quit, start it again on the same
 * data directory and keychain. It must come up locked with drafts unreadable; and an app that
 * quit unlocked comes up locked once the idle time has passed since the last activity.
 */
const HOUR = 3_600_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the lock across a restart', () => {
  it('comes up locked after quitting locked, and drafts stay unreadable', async () => {
    const first = await startTestCore({ idleLockMs: HOUR });
    await first.dispatch('drafts.save', { values: { firstName: 'Secretia' } });
    expect(await first.dispatch('lock.lock', undefined)).toMatchObject({ ok: true, value: { locked: true } });
    await first.close(false);

    const again = await startTestCore({ dataDir: first.dataDir, prefix: first.prefix, idleLockMs: HOUR });
    try {
      expect(await again.dispatch('lock.state', undefined)).toMatchObject({ ok: true, value: { locked: true } });
      const drafts = await again.dispatch('drafts.list', undefined);
      expect(drafts).toMatchObject({ ok: false, error: { code: 'locked' } });
      expect(JSON.stringify(drafts)).not.toContain('Secretia');
      expect(await again.dispatch('lock.unlock', { password: PRACTICE_CREDENTIALS.password })).toMatchObject({ ok: true, value: { locked: false } });
      expect(JSON.stringify(await again.dispatch('drafts.list', undefined))).toContain('Secretia');
    } finally {
      await again.close();
    }
  });

  it('comes up locked when the idle time passed while it was closed, though it quit unlocked', async () => {
    const first = await startTestCore({ idleLockMs: HOUR });
    expect(await first.dispatch('lock.state', undefined)).toMatchObject({ ok: true, value: { locked: false } });
    await first.dispatch('app.activity', undefined);
    await first.close(false);
    await sleep(400);

    const again = await startTestCore({ dataDir: first.dataDir, prefix: first.prefix, idleLockMs: 300 });
    try {
      expect(await again.dispatch('lock.state', undefined)).toMatchObject({ ok: true, value: { locked: true } });
      const audit = await again.parts.repo.listAudit({ limit: 5 });
      expect(audit.map((e) => e.detail).join('\n')).toMatch(/idle time passed since the last activity/);
    } finally {
      await again.close();
    }
  });
});
