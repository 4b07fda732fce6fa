/** A clock the tests can move forward, so the review lifecycle needs no waiting. */
export interface PracticeClock {
  now(): number;
  advance(ms: number): void;
}

export function createClock(start = Date.now(), controllable = false): PracticeClock {
  let offset = 0;
  return {
    now: () => (controllable ? start : Date.now()) + offset,
    advance: (ms) => {
      offset += ms;
    },
  };
}
