import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localTimeWithOffset } from '../../electron/contract/local-time.ts';

/** Node re-reads TZ when it is assigned: each test runs in a zone of its own, then the old one returns. */
let saved: string | undefined;
beforeEach(() => {
  saved = process.env.TZ;
});
afterEach(() => {
  if (saved === undefined) delete process.env.TZ;
  else process.env.TZ = saved;
});

describe('local time with its offset, for exports', () => {
  it('shows wall time and offset: 08:14 UTC is 09:14 in Berlin in November', () => {
    process.env.TZ = 'Europe/Berlin';
    expect(localTimeWithOffset('2026-11-28T08:14:30.000Z')).toBe('2026-11-28 09:14 +01:00');
  });

  it('negative and half-hour offsets', () => {
    process.env.TZ = 'America/New_York';
    expect(localTimeWithOffset('2026-11-28T08:14:00.000Z')).toBe('2026-11-28 03:14 -05:00');
    process.env.TZ = 'Asia/Kolkata';
    expect(localTimeWithOffset('2026-11-28T08:14:00.000Z')).toBe('2026-11-28 13:44 +05:30');
  });

  it('leaves a date without a time as it is, and says nothing for no time', () => {
    process.env.TZ = 'America/New_York';
    expect(localTimeWithOffset('2026-11-28')).toBe('2026-11-28');
    expect(localTimeWithOffset(null)).toBe('');
    expect(localTimeWithOffset('soon')).toBe('soon');
  });
});
