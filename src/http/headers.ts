/**
 * What {@link Headers} accepts: another skitter `Headers`, a web `Headers`, a record whose values
 * are a string, a list of strings or a number, or an iterable of `[name, value]` pairs (repeated
 * names add values).
 */
export type HeadersInput =
  | Headers
  | globalThis.Headers
  | Record<string, string | string[] | number>
  | Iterable<[string, string]>;

interface Entry {
  /** The name as first set, for output. */
  name: string;
  values: string[];
}

/**
 * HTTP headers: a case-insensitive map from a header name to one or more values, kept in
 * insertion order. Unlike web `Headers` it keeps repeated headers (such as `Set-Cookie`) as
 * separate values and the name's original casing, and it has no forbidden-header rules, so
 * middlewares can set `Cookie` or `Referer` and the downloader decides what the platform allows.
 * @example
 * const h = new Headers({ Accept: 'text/html' });
 * h.append('set-cookie', 'a=1'); h.append('Set-Cookie', 'b=2');
 * h.getAll('SET-COOKIE'); // ['a=1', 'b=2']
 * @see Scrapy's `scrapy.http.headers.Headers`
 */
export class Headers {
  /** Keyed by the lower-case name. */
  #map = new Map<string, Entry>();

  /** @param init initial headers, copied. */
  constructor(init?: HeadersInput) {
    if (init == null) return;
    if (init instanceof Headers) {
      for (const [key, entry] of init.#map) this.#map.set(key, { name: entry.name, values: entry.values.slice() });
    } else if (typeof globalThis.Headers === 'function' && init instanceof globalThis.Headers) {
      // Web Headers join repeated values, except Set-Cookie which only getSetCookie() keeps apart.
      const splitCookies = typeof init.getSetCookie === 'function';
      // forEach rather than iteration: the worker lib types web Headers without an iterator.
      init.forEach((value, name) => {
        if (!(splitCookies && name === 'set-cookie')) this.append(name, value);
      });
      if (splitCookies) for (const cookie of init.getSetCookie()) this.append('set-cookie', cookie);
    } else if (typeof (init as Iterable<[string, string]>)[Symbol.iterator] === 'function') {
      for (const [name, value] of init as Iterable<[string, string]>) this.append(name, value);
    } else {
      for (const name of Object.keys(init)) {
        const value = (init as Record<string, string | string[] | number>)[name]!;
        this.set(name, typeof value === 'number' ? String(value) : value);
      }
    }
  }

  /** Number of distinct header names. */
  get size(): number {
    return this.#map.size;
  }

  /**
   * The header's values joined with `", "` (as web `Headers.get`), or `null` when absent.
   * Use {@link Headers.getAll} for `Set-Cookie`, whose values may contain commas.
   */
  get(name: string): string | null {
    const entry = this.#map.get(name.toLowerCase());
    if (entry === undefined) return null;
    return entry.values.length === 1 ? entry.values[0]! : entry.values.join(', ');
  }

  /** Every value of the header, in order; an empty array when absent. A copy. */
  getAll(name: string): string[] {
    const entry = this.#map.get(name.toLowerCase());
    return entry === undefined ? [] : entry.values.slice();
  }

  /** Replaces the header's values. The name keeps the casing it was first set with. */
  set(name: string, value: string | string[]): void {
    const values = typeof value === 'string' ? [value] : value.map(String);
    const key = name.toLowerCase();
    const entry = this.#map.get(key);
    if (entry === undefined) this.#map.set(key, { name, values });
    else entry.values = values;
  }

  /** Adds a value after the existing ones. */
  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const entry = this.#map.get(key);
    if (entry === undefined) this.#map.set(key, { name, values: [String(value)] });
    else entry.values.push(String(value));
  }

  /**
   * Sets the header only if it is absent; returns its (possibly pre-existing) joined value.
   * @see Scrapy's `Headers.setdefault`
   */
  setDefault(name: string, value: string | string[]): string {
    const existing = this.get(name);
    if (existing !== null) return existing;
    this.set(name, value);
    return this.get(name)!;
  }

  /** True if the header is present (case-insensitive). */
  has(name: string): boolean {
    return this.#map.has(name.toLowerCase());
  }

  /** Removes the header; true if it was present. */
  delete(name: string): boolean {
    return this.#map.delete(name.toLowerCase());
  }

  /** The header names, one per header, in their original casing. */
  *keys(): IterableIterator<string> {
    for (const entry of this.#map.values()) yield entry.name;
  }

  /** One `[name, value]` pair per value (repeated headers give several pairs), names in original casing. */
  *entries(): IterableIterator<[string, string]> {
    for (const entry of this.#map.values()) {
      for (const value of entry.values) yield [entry.name, value];
    }
  }

  /** Same as {@link Headers.entries}. */
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  /** A plain record with values joined by `", "`, ready for `fetch`'s `headers` option. */
  toRecord(): Record<string, string> {
    const record: Record<string, string> = {};
    for (const entry of this.#map.values()) {
      record[entry.name] = entry.values.length === 1 ? entry.values[0]! : entry.values.join(', ');
    }
    return record;
  }

  /** An independent copy. */
  copy(): Headers {
    return new Headers(this);
  }

  /** `Name: value` lines, one per value. */
  toString(): string {
    let out = '';
    for (const [name, value] of this.entries()) out += (out ? '\r\n' : '') + `${name}: ${value}`;
    return out;
  }
}
