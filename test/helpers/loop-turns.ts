import { setImmediate } from 'node:timers';

/**
 * Counts the event loop's turns until stopped: a probe that re-arms itself once per turn. Tests
 * that main's work lets the loop turn (IPC answers, the idle lock and the outbox wait otherwise)
 * count turns rather than milliseconds, so a busy machine cannot make them flake.
 */
export function loopTurns(): { stop: () => number } {
  let turns = 0;
  let running = true;
  const turn = () => {
    if (!running) return;
    turns++;
    setImmediate(turn);
  };
  setImmediate(turn);
  return {
    stop: () => {
      running = false;
      return turns;
    },
  };
}
