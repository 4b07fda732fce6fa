/**
 * The history index's storage: what search, filters and sorts need for each application, kept
 * in columns by position instead of one small object (and four small strings) per application.
 *
 * Why: with 100,000 applications the per-entry objects and strings were 35 MB of small objects
 * that all survived the load, and V8 answers many survivors by growing its young generation to
 * 64–128 MB, which then stays resident (measured with test/bench/rss-child.ts: 166–174 MB RSS, of
 * which 41 MB heap in use). Keeping them as joined strings halved the heap in use but not the
 * young generation (the joined strings and the ones waiting to be joined still passed through
 * it). Here the text of every 2,048 entries is written into one Buffer as UTF-8 and the ids into
 * another (outside the JS heap: the row's own strings die young), codes and dates live in typed
 * arrays, and search is one native `indexOf` over each Buffer.
 *
 * Entries added or changed after the load (a new submission, a status change) are kept apart
 * in small maps; a changed entry's old text stays in its chunk, marked stale, and is skipped.
 */
const CHUNK = 2048;
/** Between entries in a chunk's text; never in a search (the needle is refused if it holds one). */
const SEP = '\u0000';
const ID_WIDTH = 36;
/** Matches in one chunk after which its search switches from the Buffer to a string of it. */
const DENSE_HITS = 32;

export interface ColumnEntry {
  id: string;
  /** Lower-cased "name\naddress\napplicationId". */
  haystack: string;
  environmentId: string;
  dppStatus: string;
  /** ISO 8601 or '' (none yet). */
  statusDate: string;
  submittedAt: string;
  certificateType: string;
  /** YYYY-MM-DD or '' (not issued, or unknown). */
  expiresOn: string;
  autoRenew: boolean;
}

interface Chunk {
  /** ID_WIDTH bytes (latin1) per entry. */
  ids: Buffer;
  /**
   * Each entry's lower-cased text as UTF-8, followed by SEP. (Kept as a Buffer: converted to
   * strings, these 8 MB passed through the young generation again and it grew back to 32 MB.)
   */
  text: Buffer;
  /** Where each entry's text starts in `text` (one more at the end); `count` of them used. */
  starts: Uint32Array;
  count: number;
  /** Bytes of `text` used. */
  used: number;
}

const ms = (iso: string) => (iso ? Date.parse(iso) : Number.NaN);

function grow<T extends Float64Array | Uint16Array | Uint8Array>(array: T, need: number, make: (n: number) => T): T {
  if (need <= array.length) return array;
  const next = make(Math.max(need, array.length * 2, 1024));
  next.set(array);
  return next;
}

const newChunk = (): Chunk => ({ ids: Buffer.alloc(CHUNK * ID_WIDTH), text: Buffer.alloc(64 * 1024), starts: new Uint32Array(CHUNK + 1), count: 0, used: 0 });

export function createHistoryColumns() {
  const chunks: Chunk[] = [];
  /** Entries that could not join a chunk (an id of another width) or changed since: kept apart. */
  const loose = new Map<number, { id: string; haystack: string }>();
  /** Positions 0…chunked-1 are in chunks, in order; later ones are loose. */
  let chunked = 0;
  let open = true;
  let size = 0;
  let alive = new Uint8Array(0);
  let environment = new Uint16Array(0);
  let status = new Uint16Array(0);
  let statusDate = new Float64Array(0);
  let submittedAt = new Float64Array(0);
  let certificateType = new Uint16Array(0);
  let expires = new Float64Array(0);
  let renews = new Uint8Array(0);
  // Few distinct values repeat 100,000 times (environment ids, statuses): a table and a code each.
  const names: string[] = [];
  const codes = new Map<string, number>();
  const codeOf = (value: string) => codes.get(value) ?? (codes.set(value, names.length), names.push(value), names.length - 1);

  function setValues(n: number, e: ColumnEntry): void {
    alive[n] = 1;
    environment[n] = codeOf(e.environmentId);
    status[n] = codeOf(e.dppStatus);
    statusDate[n] = ms(e.statusDate);
    submittedAt[n] = ms(e.submittedAt);
    certificateType[n] = codeOf(e.certificateType);
    expires[n] = e.expiresOn ? Date.parse(`${e.expiresOn}T00:00:00Z`) : Number.NaN;
    renews[n] = e.autoRenew ? 1 : 0;
  }

  /** Write an entry into the last chunk (a new one when it is full). */
  function chunkIn(e: ColumnEntry): void {
    let chunk = chunks.at(-1);
    if (!chunk || chunk.count === CHUNK) chunks.push((chunk = newChunk()));
    const bytes = Buffer.byteLength(e.haystack, 'utf8') + 1;
    if (chunk.used + bytes > chunk.text.length) {
      const bigger = Buffer.alloc(Math.max(chunk.text.length * 2, chunk.used + bytes));
      chunk.text.copy(bigger, 0, 0, chunk.used);
      chunk.text = bigger;
    }
    chunk.ids.write(e.id, chunk.count * ID_WIDTH, 'latin1');
    chunk.text.write(e.haystack + SEP, chunk.used, 'utf8');
    chunk.starts[chunk.count] = chunk.used;
    chunk.used += bytes;
    chunk.count += 1;
    chunk.starts[chunk.count] = chunk.used;
    chunked += 1;
    if (chunk.count === CHUNK) trim(chunk);
  }

  /** A full chunk (or the last, after the load) keeps only the bytes it uses (its Buffer grew by doubling). */
  function trim(chunk: Chunk): void {
    if (chunk.used < chunk.text.length) chunk.text = Buffer.from(chunk.text.subarray(0, chunk.used));
  }

  /** The bytes of entry i of a chunk, one character per byte (latin1). */
  const bytesOf = (chunk: Chunk, i: number) => chunk.text.toString('latin1', chunk.starts[i], (chunk.starts[i + 1] as number) - 1);

  const at = (n: number) => ({ chunk: chunks[Math.floor(n / CHUNK)] as Chunk, i: n % CHUNK });

  return {
    get size(): number {
      return size;
    },

    /** Add an entry at the end (during the load, or a new submission); answers its position. */
    append(e: ColumnEntry): number {
      const n = size++;
      alive = grow(alive, size, (k) => new Uint8Array(k));
      environment = grow(environment, size, (k) => new Uint16Array(k));
      status = grow(status, size, (k) => new Uint16Array(k));
      statusDate = grow(statusDate, size, (k) => new Float64Array(k));
      submittedAt = grow(submittedAt, size, (k) => new Float64Array(k));
      certificateType = grow(certificateType, size, (k) => new Uint16Array(k));
      expires = grow(expires, size, (k) => new Float64Array(k));
      renews = grow(renews, size, (k) => new Uint8Array(k));
      setValues(n, e);
      // Only while loading, and only ids of the usual width (a position is then found by arithmetic).
      if (open && n === chunked && e.id.length === ID_WIDTH && /^[\x20-\x7e]+$/.test(e.id) && !e.haystack.includes(SEP)) chunkIn(e);
      else loose.set(n, { id: e.id, haystack: e.haystack });
      return n;
    },

    /** The load is over: the last chunk's text is trimmed to size; later entries stay loose. */
    sealAll(): void {
      open = false;
      const last = chunks.at(-1);
      if (last) trim(last);
    },

    update(n: number, e: ColumnEntry): void {
      setValues(n, e);
      if (this.haystack(n) !== e.haystack || this.id(n) !== e.id) loose.set(n, { id: e.id, haystack: e.haystack });
    },

    remove(n: number): void {
      alive[n] = 0;
      loose.delete(n);
    },

    alive: (n: number): boolean => alive[n] === 1,

    id(n: number): string {
      const own = loose.get(n);
      if (own || n >= chunked) return own?.id ?? '';
      const { chunk, i } = at(n);
      return chunk.ids.toString('latin1', i * ID_WIDTH, (i + 1) * ID_WIDTH);
    },

    haystack(n: number): string {
      const own = loose.get(n);
      if (own || n >= chunked) return own?.haystack ?? '';
      const { chunk, i } = at(n);
      return Buffer.from(bytesOf(chunk, i), 'latin1').toString('utf8');
    },

    /**
     * One line of an entry's text (0 name, 1 address, 2 Application ID) for sorting: as UTF-8
     * bytes one per character (byte order is code point order), a slice rather than a copy.
     */
    sortLine(n: number, which: 0 | 1 | 2): string {
      const own = loose.get(n);
      const text = own || n >= chunked ? Buffer.from(own?.haystack ?? '', 'utf8').toString('latin1') : bytesOf(at(n).chunk, at(n).i);
      const first = text.indexOf('\n');
      const second = text.indexOf('\n', first + 1);
      return which === 0 ? text.slice(0, first) : which === 1 ? text.slice(first + 1, second) : text.slice(second + 1);
    },

    environmentId: (n: number): string => names[environment[n] as number] ?? '',
    dppStatus: (n: number): string => names[status[n] as number] ?? '',
    /** Milliseconds since 1970, NaN when there is none. */
    statusDateMs: (n: number): number => statusDate[n] as number,
    submittedAtMs: (n: number): number => submittedAt[n] as number,
    /** The code of a status or environment id (for comparing without strings), -1 if never seen. */
    code: (value: string): number => codes.get(value) ?? -1,
    environmentCode: (n: number): number => environment[n] as number,
    statusCode: (n: number): number => status[n] as number,
    certificateTypeCode: (n: number): number => certificateType[n] as number,
    /** The start of the expiry day in ms (UTC), NaN when not issued or unknown. */
    expiresMs: (n: number): number => expires[n] as number,
    renewsByItself: (n: number): boolean => renews[n] === 1,

    /** The position of an application id, if it is here. */
    positionOf(id: string): number | undefined {
      for (const [n, own] of loose) if (own.id === id && alive[n] === 1) return n;
      if (id.length !== ID_WIDTH) return undefined;
      const wanted = Buffer.from(id, 'latin1');
      for (let c = 0; c < chunks.length; c++) {
        const ids = (chunks[c] as Chunk).ids;
        for (let hit = ids.indexOf(wanted); hit >= 0; hit = ids.indexOf(wanted, hit + 1)) {
          if (hit % ID_WIDTH !== 0) continue;
          const n = c * CHUNK + hit / ID_WIDTH;
          if (n < chunked && alive[n] === 1 && !loose.has(n)) return n;
        }
      }
      return undefined;
    },

    /** Mark in `mask` every live entry whose text holds `needle` (lower-cased already). */
    search(needle: string, mask: Uint8Array): void {
      if (!needle || needle.includes(SEP)) return;
      const wantedBytes = Buffer.from(needle, 'utf8');
      // UTF-8 bytes, one character per byte: offsets in the string are offsets in the Buffer.
      const wanted = wantedBytes.toString('latin1');
      for (let c = 0; c < chunks.length; c++) {
        const { text: bytes, starts, used } = chunks[c] as Chunk;
        // Few matches: Buffer#indexOf straight on the bytes. Many (a search for "e"): a
        // short-lived string of the chunk, as String#indexOf costs far less per call.
        let text: string | undefined;
        let hits = 0;
        const next = (from: number) => (text !== undefined ? text.indexOf(wanted, from) : bytes.indexOf(wantedBytes, from));
        // Matches come in order: walk the entries alongside instead of searching for each.
        let i = 0;
        for (let hit = next(0); hit >= 0 && hit < used; ) {
          while ((starts[i + 1] as number) <= hit) i++;
          const n = c * CHUNK + i;
          if (alive[n] === 1 && !loose.has(n)) mask[n] = 1;
          if (text === undefined && ++hits === DENSE_HITS) text = bytes.toString('latin1', 0, used);
          hit = next(starts[i + 1] as number);
        }
      }
      for (const [n, own] of loose) if (alive[n] === 1 && own.haystack.includes(needle)) mask[n] = 1;
    },
  };
}

export type HistoryColumns = ReturnType<typeof createHistoryColumns>;
