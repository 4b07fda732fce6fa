import { describe, expect, it } from 'vitest';
import { createPacer } from '../../electron/core/dpp/pacer.ts';

/**
 * The pacer decides when the outbox's next send may leave. What a TA notices: a burst of
 * applications is not answered with a wall of "slow down" (429) replies, and once the DPP stops
 * complaining the outbox speeds up again. Time is a plain counter here: the pacer takes `now`.
 */
function pacerAt(start = 1_000_000) {
  let t = start;
  const pacer = createPacer(() => t);
  const starts: number[] = [];
  return {
    pacer,
    now: () => t,
    advance: (ms: number) => void (t += ms),
    /** Start a send now, as the outbox does when delayMs() says go. */
    send: async () => {
      expect(pacer.delayMs()).toBe(0);
      const at = await pacer.acquire(() => Promise.reject(new Error('the pacer made a send wait')));
      starts.push(at);
      return at;
    },
    /** When the latest send started. */
    lastStart: () => starts.at(-1) ?? Number.NaN,
    /** How many sends the pacer lets start in the next `ms`, asking every millisecond. */
    async sendsWithin(ms: number): Promise<number> {
      let sent = 0;
      for (const end = t + ms; t < end; t += 1) {
        if (pacer.delayMs() === 0) {
          starts.push(await pacer.acquire(() => Promise.reject(new Error('unexpected wait'))));
          sent += 1;
        }
      }
      return sent;
    },
  };
}

describe('pacer', () => {
  it('lets every send go at once until the DPP has said "slow down"', async () => {
    const p = pacerAt();
    for (let i = 0; i < 50; i++) await p.send();
    expect(p.pacer.delayMs()).toBe(0);
    expect(p.pacer.rate).toBeUndefined();
  });

  it('after a 429, waits out Retry-After, then keeps to the rate that got through', async () => {
    const p = pacerAt();
    // Five sends got in during one second; the sixth was answered 429 "retry after 2 s".
    for (let i = 0; i < 5; i++) {
      await p.send();
      p.advance(150);
    }
    const refused = await p.send();
    p.pacer.limited(2_000, refused);

    expect(p.pacer.rate).toBe(5);
    // Paused as told: nothing leaves for two seconds.
    expect(p.pacer.delayMs()).toBe(2_000);
    p.advance(1_999);
    expect(p.pacer.delayMs()).toBe(1);
    p.advance(1);

    // Then no more than five per second, second after second, however eagerly the outbox asks.
    expect(await p.sendsWithin(1_000)).toBe(5);
    expect(await p.sendsWithin(1_000)).toBe(5);
    expect(await p.sendsWithin(1_000)).toBe(5);
  });

  it('makes a waiting sender sleep until a slot is free, then takes it', async () => {
    const p = pacerAt();
    const first = await p.send();
    p.advance(10);
    p.pacer.limited(0, await p.send()); // learned: one send per second

    const slept: number[] = [];
    const started = await p.pacer.acquire(async (ms) => {
      slept.push(ms);
      p.advance(ms);
    });
    expect(slept.length).toBeGreaterThan(0);
    // The next send starts only once a whole second has passed since the one that got through.
    expect(started).toBeGreaterThanOrEqual(first + 1_000);
    expect(started).toBe(p.now());
  });

  it('creeps back up by one send per second for every 60 s without a 429', async () => {
    const p = pacerAt();
    for (let i = 0; i < 3; i++) {
      await p.send();
      p.advance(300);
    }
    p.pacer.limited(0, await p.send());
    expect(p.pacer.rate).toBe(3);

    p.advance(59_000);
    expect(await p.sendsWithin(1_000)).toBe(3); // not yet
    p.advance(1_001);
    expect(await p.sendsWithin(1_000)).toBe(4);
    expect(p.pacer.rate).toBe(4);

    p.advance(60_001);
    expect(await p.sendsWithin(1_000)).toBe(5);
  });

  /** Learn a rate of `perSecond` from a first 429, then move well past that second. */
  async function learned(perSecond: number) {
    const p = pacerAt();
    for (let i = 0; i < perSecond; i++) {
      await p.send();
      p.advance(Math.floor(900 / perSecond));
    }
    p.pacer.limited(0, await p.send());
    expect(p.pacer.rate).toBe(perSecond);
    p.advance(5_000); // well under the 60 s after which the rate creeps up
    return p;
  }

  it('on a later 429 steps the rate down by one, even after a busier second', async () => {
    const p = await learned(6);
    // Sending at the learned pace, second after second: six, then six more.
    expect(await p.sendsWithin(1_036)).toBe(12);
    // The DPP lowered its limit: the last of those six got a 429.
    p.pacer.limited(0, p.lastStart());
    expect(p.pacer.rate).toBe(5);
  });

  it('on a later 429 drops to what got through in the second before, when that was fewer', async () => {
    const p = await learned(6);
    await p.send();
    p.advance(500);
    await p.send();
    p.advance(100);
    p.pacer.limited(0, await p.send());
    expect(p.pacer.rate).toBe(2);
    p.advance(1_000);
    expect(await p.sendsWithin(1_000)).toBe(2);
  });

  it('ignores 429s for sends that were already on their way when it last learned the rate', async () => {
    const p = pacerAt();
    for (let i = 0; i < 4; i++) {
      await p.send();
      p.advance(200);
    }
    const early = await p.send();
    p.advance(1);
    const late = await p.send();
    p.pacer.limited(0, late); // the 429 for the later send happens to arrive first
    const rate = p.pacer.rate;
    p.pacer.limited(0, early); // then the one for the send started before: nothing new learned
    expect(p.pacer.rate).toBe(rate);
  });

  it('never learns a rate below one send per second', async () => {
    const p = pacerAt();
    p.pacer.limited(1_000, await p.send()); // the very first send was refused
    expect(p.pacer.rate).toBe(1);
    p.advance(1_000);
    expect(await p.sendsWithin(1_000)).toBe(1);
  });
});
