import type { EventName, EventPayload } from '$contract/channels.ts';
import { EVENT_METHODS } from '$contract/method-names.ts';
import type { AppError, Result } from '$contract/result.ts';
import type { WindowApi } from '$contract/window-api.ts';

/**
 * The one way a data view keeps itself current (docs/architecture.md, "add a view"): load now,
 * reload when one of the typed events it cares about arrives, at most once per `everyMs`, and
 * never let the answer to an older request overwrite a newer one. Plain TypeScript (no runes),
 * so it is tested under vitest; the view controllers (`*.svelte.ts`) hold the reactive state.
 */

/** Hands out request tickets: only the newest ticket's answer counts. */
export class LatestRequest {
  #issued = 0;

  /** A ticket for a new request; every earlier ticket goes stale. */
  begin(): () => boolean {
    const id = ++this.#issued;
    return () => id === this.#issued;
  }

  /** A check for the request now newest, without starting one (a page added to its answer). */
  current(): () => boolean {
    const id = this.#issued;
    return () => id === this.#issued;
  }

  /** Every request in flight goes stale (the view went away). */
  cancel(): void {
    this.#issued += 1;
  }
}

/**
 * Runs `run` at most once per `everyMs`. The first trigger waits too, so a burst (a poll round,
 * a batch of sends) ends in one reload, not two.
 */
export class Throttle {
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #run: () => void;
  readonly #everyMs: number;

  constructor(run: () => void, everyMs: number) {
    this.#run = run;
    this.#everyMs = everyMs;
  }

  trigger(): void {
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.#run();
    }, this.#everyMs);
  }

  get pending(): boolean {
    return this.#timer !== undefined;
  }

  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/** The events a view listens to; a function narrows one to the payloads that matter to it. */
export type EventInterest = { [E in EventName]?: true | ((payload: EventPayload<E>) => boolean) };

/** The subscribing half of the window API (what `onEvents` needs, so tests pass a small fake). */
export type EventSubscriber = Pick<WindowApi, (typeof EVENT_METHODS)[EventName]>;

/** Subscribe `handler` to the events in `interest`; returns one function that unsubscribes all. */
export function onEvents(api: EventSubscriber, interest: EventInterest, handler: () => void): () => void {
  const offs = (Object.entries(interest) as [EventName, true | ((payload: unknown) => boolean)][]).map(([event, wanted]) =>
    (api[EVENT_METHODS[event]] as (listener: (payload: unknown) => void) => () => void)((payload) => {
      if (wanted === true || wanted(payload)) handler();
    }),
  );
  return () => {
    for (const off of offs) off();
  };
}

export interface LiveDataOptions<T> {
  api: EventSubscriber;
  /** What makes this data old. */
  events: EventInterest;
  /** Reload at most this often on events. */
  everyMs: number;
  load: () => Promise<Result<T>>;
  onValue: (value: T) => void;
  onError: (error: AppError) => void;
}

/** One view's data, kept live: `start()` loads and listens, its return stops both. */
export class LiveData<T> {
  readonly #options: LiveDataOptions<T>;
  readonly #latest = new LatestRequest();
  readonly #throttle: Throttle;

  constructor(options: LiveDataOptions<T>) {
    this.#options = options;
    this.#throttle = new Throttle(() => void this.reload(), options.everyMs);
  }

  /** Load now and reload on events; the returned function stops listening and drops answers in flight. */
  start(): () => void {
    const stop = this.listen();
    void this.reload();
    return stop;
  }

  /** Reload on events only (the owner loads itself, e.g. whenever its query changes). */
  listen(): () => void {
    const off = onEvents(this.#options.api, this.#options.events, () => this.#throttle.trigger());
    return () => {
      off();
      this.#throttle.cancel();
      this.#latest.cancel();
    };
  }

  /** Load now (the TA asked, or the query changed); an older load still on its way is dropped. */
  async reload(): Promise<void> {
    const fresh = this.#latest.begin();
    const result = await this.#options.load();
    if (!fresh()) return;
    if (result.ok) this.#options.onValue(result.value);
    else this.#options.onError(result.error);
  }

  /** Reload soon, throttled like an event. */
  schedule(): void {
    this.#throttle.trigger();
  }

  /** A check that stays true until the next reload starts (for answers that extend this one). */
  stillCurrent(): () => boolean {
    return this.#latest.current();
  }
}
