import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload } from '../../electron/contract/channels.ts';
import { EVENT_METHODS } from '../../electron/contract/method-names.ts';
import type { Result } from '../../electron/contract/result.ts';
import { LatestRequest, LiveData, Throttle, type EventSubscriber } from '../../renderer/src/lib/live-data.ts';

/** A stand-in for the window API's event half: tests emit events by name, as main would. */
function fakeEvents() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api = Object.fromEntries(
    Object.values(EVENT_METHODS).map((method) => [
      method,
      (listener: (payload: unknown) => void) => {
        const set = listeners.get(method) ?? new Set();
        set.add(listener);
        listeners.set(method, set);
        return () => set.delete(listener);
      },
    ]),
  ) as unknown as EventSubscriber;
  return {
    api,
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      for (const listener of listeners.get(EVENT_METHODS[event]) ?? []) listener(payload);
    },
    count: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
  };
}

const changed = (id: string): EventPayload<'application.changed'> => ({ id, state: 'submitted', dppStatus: 'Approved', applicationId: null });

/** A load whose answers the test releases one by one, in any order. */
function controlledLoads<T>() {
  const pending: { resolve: (r: Result<T>) => void }[] = [];
  const load = () => new Promise<Result<T>>((resolve) => pending.push({ resolve }));
  return { load, pending, answer: (i: number, value: T) => pending[i]!.resolve({ ok: true, value }) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('LatestRequest', () => {
  it('makes every earlier ticket stale once a newer request begins', () => {
    const latest = new LatestRequest();
    const first = latest.begin();
    expect(first()).toBe(true);
    const second = latest.begin();
    expect(first()).toBe(false);
    expect(second()).toBe(true);
    const page = latest.current();
    expect(page()).toBe(true);
    latest.cancel();
    expect(second()).toBe(false);
    expect(page()).toBe(false);
  });
});

describe('Throttle', () => {
  it('turns a burst into one run, after the interval, and runs again for a later burst', () => {
    const run = vi.fn();
    const throttle = new Throttle(run, 250);
    for (let i = 0; i < 20; i += 1) throttle.trigger();
    vi.advanceTimersByTime(249);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
    throttle.trigger();
    vi.advanceTimersByTime(250);
    expect(run).toHaveBeenCalledTimes(2);
    throttle.trigger();
    throttle.cancel();
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(2);
  });
});

describe('LiveData', () => {
  it('never lets the answer to an older request overwrite a newer one', async () => {
    const events = fakeEvents();
    const loads = controlledLoads<string>();
    const shown: string[] = [];
    const live = new LiveData({ api: events.api, events: {}, everyMs: 250, load: loads.load, onValue: (v) => shown.push(v), onError: () => {} });
    const first = live.reload();
    const second = live.reload();
    loads.answer(1, 'new');
    await second;
    loads.answer(0, 'old');
    await first;
    expect(shown).toEqual(['new']);
  });

  it('reloads once per burst of the events it listens to, and only those it wants', async () => {
    const events = fakeEvents();
    const load = vi.fn(async (): Promise<Result<number>> => ({ ok: true, value: load.mock.calls.length }));
    const shown: number[] = [];
    const live = new LiveData({
      api: events.api,
      events: { 'application.changed': (e) => e.id === 'mine', 'outbox.changed': true },
      everyMs: 250,
      load,
      onValue: (v) => shown.push(v),
      onError: () => {},
    });
    const stop = live.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(1);

    for (let i = 0; i < 10; i += 1) events.emit('application.changed', changed('mine'));
    events.emit('outbox.changed', { online: true, queued: 0, sending: 0, unknown: 0 });
    await vi.advanceTimersByTimeAsync(250);
    expect(load).toHaveBeenCalledTimes(2);

    events.emit('application.changed', changed('someone-else'));
    events.emit('lock.changed', { locked: false, idleMinutes: 10, unlockWith: [], failedUnlocks: 0 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(load).toHaveBeenCalledTimes(2);
    expect(shown).toEqual([1, 2]);
    stop();
  });

  it('stops listening and drops an answer in flight when stopped', async () => {
    const events = fakeEvents();
    const loads = controlledLoads<string>();
    const shown: string[] = [];
    const live = new LiveData({ api: events.api, events: { 'application.changed': true }, everyMs: 250, load: loads.load, onValue: (v) => shown.push(v), onError: () => {} });
    const stop = live.start();
    expect(events.count()).toBe(1);
    stop();
    expect(events.count()).toBe(0);
    loads.answer(0, 'too late');
    await vi.advanceTimersByTimeAsync(0);
    events.emit('application.changed', changed('x'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(shown).toEqual([]);
    expect(loads.pending).toHaveLength(1);
  });

  it('passes a refusal to onError, not onValue', async () => {
    const events = fakeEvents();
    const errors: string[] = [];
    const live = new LiveData<string>({
      api: events.api,
      events: {},
      everyMs: 250,
      load: async () => ({ ok: false, error: { code: 'locked', message: 'Unlock TA Desk first.' } }),
      onValue: () => expect.unreachable(),
      onError: (e) => errors.push(e.message),
    });
    await live.reload();
    expect(errors).toEqual(['Unlock TA Desk first.']);
  });
});
