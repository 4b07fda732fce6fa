import { describe, expect, it } from 'vitest';
import { createPacer } from '../../electron/core/dpp/pacer.ts';

/**
 * The pacer decides when the outbox's next send may leave. What a TA notices: a burst of
 * applications is not answered with a wall of "slow down" (429) replies, and once the DPP stops
 * complaining the outbox speeds up again. Time is a plain counter here: the pacer takes `now`.
 */
function pacerAt(start = 1_000_000, { autoAnswer = true } = {}) {
  let t = start;
  const pacer = createPacer(() => t);
  const starts: number[] = [];
  // Sends still waiting for their answer; unless told otherwise, answers come back (admitted) as
  // soon as time moves on, so a send's latest possible arrival is its start.
  let outstanding: number[] = [];
  const answerAll = () => {
    for (const slot of outstanding) pacer.answered(slot);
    outstanding = [];
  };
  const track = (at: number) => {
    starts.push(at);
    outstanding.push(at);
    return at;
  };
  return {
    pacer,
    now: () => t,
    advance: (ms: number) => {
      if (autoAnswer) answerAll();
      t += ms;
    },
    /** Start a send now, as the outbox does when delayMs() says go. */
    send: async () => {
      expect(pacer.delayMs()).toBe(0);
      return track(await pacer.acquire(() => Promise.reject(new Error('the pacer made a send wait'))));
    },
    /** When the latest send started. */
    lastStart: () => starts.at(-1) ?? Number.NaN,
    /** How many sends the pacer lets start in the next `ms`, asking every millisecond. */
    async sendsWithin(ms: number): Promise<number> {
      let sent = 0;
      for (const end = t + ms; t < end; t += 1) {
        if (pacer.delayMs() === 0) {
          track(await pacer.acquire(() => Promise.reject(new Error('unexpected wait'))));
          answerAll();
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
    for (let i = 0; i < 4; i++) {
      p.advance(10);
      await p.send();
    }
    p.advance(10);
    p.pacer.limited(0, await p.send()); // learned: five sends per second
    expect(p.pacer.rate).toBe(5);

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

  it('tries one send per second more after 10 minutes without a 429 (a raised limit)', async () => {
    const p = pacerAt();
    for (let i = 0; i < 5; i++) {
      await p.send();
      p.advance(180);
    }
    p.pacer.limited(0, await p.send());
    expect(p.pacer.rate).toBe(5);

    p.advance(599_000);
    expect(await p.sendsWithin(1_000)).toBe(5); // not yet
    p.advance(1_001);
    expect(await p.sendsWithin(1_000)).toBe(6);
    expect(p.pacer.rate).toBe(6);
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

  it('at the widest margin, a later 429 steps the rate down by one (the DPP lowered its limit)', async () => {
    const p = await learned(6);
    // Each 429 while paced first widens the margin (10 → 20 → 40 → 80 → 100 ms) and keeps the rate.
    for (let i = 0; i < 4; i++) {
      p.pacer.limited(0, await p.pacer.acquire(async (ms) => p.advance(ms)));
      p.advance(1);
      expect(p.pacer.delayMs()).toBeGreaterThanOrEqual(0); // the pause is over: learned from it
      expect(p.pacer.rate).toBe(6);
    }
    p.pacer.limited(0, await p.pacer.acquire(async (ms) => p.advance(ms)));
    p.advance(1);
    p.pacer.delayMs();
    expect(p.pacer.rate).toBe(5);
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

  it('learns only what the DPP admitted: sends refused alongside the first 429 do not count', async () => {
    const p = pacerAt(1_000_000, { autoAnswer: false });
    for (let i = 0; i < 5; i++) {
      p.pacer.answered(await p.send());
      p.advance(150);
    }
    // Three sends left together (three workers); the DPP admitted none of them. Their 429s come
    // back in any order: here the last one's first.
    const wave: number[] = [];
    for (let i = 0; i < 3; i++) {
      wave.push(await p.send());
      p.advance(1);
    }
    p.advance(40);
    for (const slot of wave.reverse()) p.pacer.limited(1_000, slot);
    p.advance(1_000);
    expect(await p.sendsWithin(1_000)).toBe(5);
    expect(p.pacer.rate).toBe(5);
  });

  it('judges "the second before a 429" by when answers came back: the DPP counts arrivals, not departures', async () => {
    const p = pacerAt(1_000_000, { autoAnswer: false });
    // A slow start on a busy machine: 25 sends leave over 1.2 s, but the first ten reach the DPP
    // late, so it saw all 25 within its one second (their answers came back together).
    const slots: number[] = [];
    for (let i = 0; i < 25; i++) {
      slots.push(await p.send());
      if (i >= 10) p.pacer.answered(slots[i]!);
      p.advance(50);
    }
    for (const slot of slots.slice(0, 10)) p.pacer.answered(slot);
    p.pacer.limited(1_000, await p.send());
    p.advance(1_000);
    p.pacer.delayMs();
    expect(p.pacer.rate).toBe(25);
  });

  it('counts a send whose answer came back late as arriving late: it holds its place in the window longer', async () => {
    const p = pacerAt(1_000_000, { autoAnswer: false });
    for (let i = 0; i < 5; i++) {
      p.pacer.answered(await p.send());
      p.advance(150);
    }
    p.pacer.limited(0, await p.send());
    p.advance(5_000);
    expect(p.pacer.delayMs()).toBe(0);
    expect(p.pacer.rate).toBe(5);

    const first = await p.send(); // its answer will be slow
    for (let i = 0; i < 4; i++) {
      p.advance(110);
      p.pacer.answered(await p.send());
    }
    p.advance(160);
    p.pacer.answered(first); // 600 ms after it left: the DPP may have counted it only then
    p.advance(420);
    // 1,020 ms after the first left: by departures a slot is free, but the DPP may still count it.
    expect(p.now() - first).toBe(1_020);
    expect(p.pacer.delayMs()).toBe(100);
  });

  it('a later 429 after a slow second keeps the learned rate (it widens the margin instead)', async () => {
    const p = await learned(6);
    await p.send();
    p.advance(500);
    await p.send();
    p.advance(100);
    // Arrivals bunched up on the way (a busy machine): the DPP saw a full second where we did not.
    p.pacer.limited(0, await p.send());
    p.advance(2_000);
    expect(p.pacer.rate).toBe(6);
    expect(await p.sendsWithin(2_200)).toBeGreaterThanOrEqual(12);
  });

  it('spaces the sends of a second out instead of sending them in one burst', async () => {
    const p = await learned(5);
    // Five workers asking at once, each sleeping as told.
    const starts = await Promise.all(Array.from({ length: 5 }, () => p.pacer.acquire(async (ms) => p.advance(ms))));
    starts.sort((a, b) => a - b);
    // They reach the DPP at an even pace: no two closer than half the spacing of five a second.
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(100);
  });

  it('never learns a rate below one send per second', async () => {
    const p = pacerAt();
    // A DPP that admits one a second: after more than a second of our own sends, the 429 is ours.
    await p.send();
    p.advance(1_200);
    p.pacer.limited(1_000, await p.send());
    p.advance(1_000);
    expect(p.pacer.delayMs()).toBe(0);
    expect(p.pacer.rate).toBe(1);
    expect(await p.sendsWithin(1_000)).toBe(1);
  });

  it('after a restart, a 429 before a second of its own sends (the DPP still counting the last run) only pauses: the rate comes from the next 429', async () => {
    const p = pacerAt();
    // The DPP's second is still full of the previous run's sends: our very first is refused.
    p.pacer.limited(1_000, await p.send());
    expect(p.pacer.delayMs()).toBe(1_000); // paused as told
    expect(p.pacer.rate).toBeUndefined(); // not "1 per second" for the next 10 minutes
    p.advance(1_000);
    expect(p.pacer.delayMs()).toBe(0);
    expect(p.pacer.rate).toBeUndefined();
    expect(await p.sendsWithin(200)).toBe(200); // sends go at once again: nothing learned yet

    // Then the real limit: 20 admitted in the second before this 429.
    const q = pacerAt();
    await q.send();
    q.advance(1_000); // a second of our own traffic: from now on a 429 is ours to learn from
    for (let i = 0; i < 20; i++) {
      await q.send();
      q.advance(40);
    }
    q.pacer.limited(1_000, await q.send());
    q.advance(1_000);
    expect(q.pacer.delayMs()).toBe(0);
    expect(q.pacer.rate).toBe(20);
  });
});
