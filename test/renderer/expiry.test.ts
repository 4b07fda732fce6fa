import { describe, expect, it } from 'vitest';
import { daysUntil, expiryWords } from '../../renderer/src/lib/expiry.ts';

// What History says about a certificate's expiry, counted in the TA's own days.

const today = new Date(2026, 10, 28, 23, 30); // 28 Nov 2026, late evening local time

describe('expiry in words', () => {
  it('counts whole local days, whatever the hour', () => {
    expect(daysUntil('2026-11-28', today)).toBe(0);
    expect(daysUntil('2026-11-29', today)).toBe(1);
    expect(daysUntil('2027-01-27', today)).toBe(60);
    expect(daysUntil('2026-11-01', today)).toBe(-27);
  });

  it('says when and how soon, or that it lapsed, or that it renews by itself', () => {
    expect(expiryWords('2026-12-05', false, today)).toMatch(/^Expires .*2026 \(in 7 days\)$/);
    expect(expiryWords('2026-11-29', false, today)).toMatch(/\(in 1 day\)$/);
    expect(expiryWords('2026-11-28', false, today)).toMatch(/^Expires today/);
    expect(expiryWords('2026-11-01', false, today)).toMatch(/^Expired /);
    expect(expiryWords('2027-11-28', true, today)).toMatch(/^Renews automatically on .*2027$/);
  });
});
