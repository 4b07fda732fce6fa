import { describe, expect, it } from 'vitest';
import { daysUntilExpiry, expiryDay } from '../../electron/contract/certificate-expiry.ts';

describe('certificate expiry', () => {
  it('is the issue day plus the duration in years', () => {
    expect(expiryDay('2026-11-28T08:14:00Z', 1)).toBe('2027-11-28');
    expect(expiryDay('2026-01-31T23:59:59Z', 3)).toBe('2029-01-31');
  });

  it('lapses on 28 February for a certificate issued on 29 February (never a day late)', () => {
    expect(expiryDay('2028-02-29T12:00:00Z', 1)).toBe('2029-02-28');
    expect(expiryDay('2028-02-29T12:00:00Z', 4)).toBe('2032-02-29');
  });

  it('is unknown without a readable date or a duration', () => {
    expect(expiryDay('not a date', 1)).toBeNull();
    expect(expiryDay('2026-11-28T08:14:00Z', 0)).toBeNull();
  });

  it('counts whole days to the expiry day', () => {
    const now = new Date('2026-11-28T10:00:00Z');
    expect(daysUntilExpiry('2026-12-28', now)).toBe(30);
    expect(daysUntilExpiry('2026-11-29', now)).toBe(1);
    expect(daysUntilExpiry('2026-11-27', now)).toBeLessThan(0);
  });
});
