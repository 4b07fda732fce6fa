import { describe, expect, it } from 'vitest';
import { startTestCore } from '../helpers/core.ts';

// The type picker's last choice is a setting in main (not the browser's storage): a new
// application after a restart starts as the type the TA last picked.

describe('the last certificate type picked', () => {
  it('is unset at first, remembered across a restart, and refuses a type that does not exist', async () => {
    const first = await startTestCore();
    const fresh = await first.dispatch('app.info', undefined);
    expect(fresh).toMatchObject({ ok: true, value: { environmentName: 'Practice' } });
    expect(fresh).not.toHaveProperty('value.lastCertificateType');

    expect(await first.dispatch('app.rememberCertificateType', { certificateType: 'organization' })).toEqual({ ok: true, value: { done: true } });
    const bad = await first.dispatch('app.rememberCertificateType', { certificateType: 'wildcard' });
    expect(bad.ok).toBe(false);
    await first.close(false);

    const again = await startTestCore({ dataDir: first.dataDir, prefix: first.prefix });
    try {
      expect(await again.dispatch('app.info', undefined)).toMatchObject({ ok: true, value: { lastCertificateType: 'organization' } });
    } finally {
      await again.close();
    }
  });
});
