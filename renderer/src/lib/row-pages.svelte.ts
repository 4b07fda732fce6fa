import { keepNearest } from './virtual-window.ts';

/**
 * The pages of rows a virtualized table has fetched: fetched once each, the farthest from view let
 * go, and after a refresh the old pages kept on screen until their new values arrive (so a fixed
 * cell never blinks to "Loading…"). An answer to a request made before a reset or refresh is dropped.
 */
export class RowPages<T> {
  #pages: Record<number, T[]> = $state.raw({});
  #stale: Record<number, T[]> = $state.raw({});
  #generation = 0;
  #inFlight: number[] = [];
  readonly #pageSize: number;
  readonly #maxPages: number;

  constructor(pageSize: number, maxPages: number) {
    this.#pageSize = pageSize;
    this.#maxPages = maxPages;
  }

  at(index: number): T | undefined {
    const page = Math.floor(index / this.#pageSize);
    return (this.#pages[page] ?? this.#stale[page])?.[index % this.#pageSize];
  }

  /** Another query: forget every row. */
  reset(): void {
    this.#generation += 1;
    this.#inFlight = [];
    this.#pages = {};
    this.#stale = {};
  }

  /** The same query, new values: keep showing the old rows near `index` until their pages come again. */
  refresh(index: number): void {
    this.#generation += 1;
    this.#inFlight = [];
    this.#stale = keepNearest({ ...this.#stale, ...this.#pages }, Math.floor(index / this.#pageSize), this.#maxPages);
    this.#pages = {};
  }

  /** Fetch pages `from`..`to` (inclusive) that are neither here nor on their way. */
  fetch(from: number, to: number, load: (offset: number, limit: number) => Promise<T[] | undefined>): void {
    const gen = this.#generation;
    for (let page = from; page <= to; page += 1) {
      if (page in this.#pages || this.#inFlight.includes(page)) continue;
      this.#inFlight.push(page);
      void load(page * this.#pageSize, this.#pageSize)
        .then((rows) => {
          if (gen !== this.#generation || !rows) return;
          this.#pages = keepNearest({ ...this.#pages, [page]: rows }, page, this.#maxPages);
          if (page in this.#stale) this.#stale = keepNearest(this.#stale, page, this.#maxPages, page);
        })
        .finally(() => {
          if (gen === this.#generation) this.#inFlight = this.#inFlight.filter((p) => p !== page);
        });
    }
  }
}
