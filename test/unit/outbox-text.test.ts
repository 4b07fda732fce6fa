import { describe, expect, it } from 'vitest';
import { outboxRowText } from '../../renderer/src/lib/outbox-text.ts';

/** Issue 12, finding 4: a row whose outcome is being checked says when it was last tried and when next. */
describe('outbox row text', () => {
  const format = (iso: string | null | undefined) => `<${(iso ?? '').slice(11, 16)}>`;
  it('says what is being checked, when it was last tried and when it will be next', () => {
    const text = outboxRowText({ state: 'unknown-outcome', updatedAt: '2026-02-02T08:00:00Z', nextAttemptAt: '2026-02-02T08:15:00Z' }, format);
    expect(text).toBe('Checking whether the DPP received it — last tried <08:00>, next <08:15>. It is never sent twice.');
  });
  it('keeps the other states as they were', () => {
    expect(outboxRowText({ state: 'sending', updatedAt: 'x', nextAttemptAt: null }, format)).toBe('Sending now');
    expect(outboxRowText({ state: 'queued', updatedAt: 'x', nextAttemptAt: null }, format)).toBe('Waiting to be sent');
  });
});
