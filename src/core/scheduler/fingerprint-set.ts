/**
 * A compact set of request fingerprints: the first 64 bits of each SHA-1 fingerprint in an
 * open-addressing hash table of two Uint32Arrays (8 bytes an entry at most 50 % full, against
 * ~100 bytes for a Set of 40-character strings). A 1,000,000-request crawl keeps 16 MB of
 * fingerprints instead of ~100 MB. Two different requests share 64 bits with a probability of
 * about 3e-8 at a million requests (the birthday bound), a risk Scrapy users accept with any
 * hash-based dupefilter.
 */
export class FingerprintSet {
  #hi: Uint32Array;
  #lo: Uint32Array;
  #mask: number;
  #size = 0;

  /** @param initialCapacity slots to start with (rounded up to a power of two). */
  constructor(initialCapacity = 1 << 14) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity <<= 1;
    this.#hi = new Uint32Array(capacity);
    this.#lo = new Uint32Array(capacity);
    this.#mask = capacity - 1;
  }

  /** Fingerprints held. */
  get size(): number {
    return this.#size;
  }

  /**
   * Adds a fingerprint (hex, at least 16 digits). Returns false when it was already there.
   * @throws {TypeError} for a fingerprint that is not hex.
   */
  add(fingerprint: string): boolean {
    const hi = parseHex(fingerprint, 0);
    // (0, 0) marks an empty slot: the one fingerprint with those bits is stored as (0, 1).
    const lo = parseHex(fingerprint, 8) || (hi === 0 ? 1 : 0);
    if (this.#insert(hi, lo)) {
      this.#size++;
      if (this.#size * 2 > this.#hi.length) this.#grow();
      return true;
    }
    return false;
  }

  /** Forgets every fingerprint. */
  clear(): void {
    this.#hi.fill(0);
    this.#lo.fill(0);
    this.#size = 0;
  }

  #insert(hi: number, lo: number): boolean {
    const his = this.#hi;
    const los = this.#lo;
    const mask = this.#mask;
    // The low bits of a SHA-1 are already uniform: they index the table directly.
    let i = lo & mask;
    for (;;) {
      const h = his[i]!;
      const l = los[i]!;
      if (h === 0 && l === 0) {
        his[i] = hi;
        los[i] = lo;
        return true;
      }
      if (h === hi && l === lo) return false;
      i = (i + 1) & mask;
    }
  }

  #grow(): void {
    const oldHi = this.#hi;
    const oldLo = this.#lo;
    this.#hi = new Uint32Array(oldHi.length * 2);
    this.#lo = new Uint32Array(oldLo.length * 2);
    this.#mask = this.#hi.length - 1;
    for (let i = 0; i < oldHi.length; i++) {
      if (oldHi[i] !== 0 || oldLo[i] !== 0) this.#insert(oldHi[i]!, oldLo[i]!);
    }
  }
}

function parseHex(text: string, start: number): number {
  const value = Number.parseInt(text.slice(start, start + 8), 16);
  if (Number.isNaN(value) || text.length < start + 8) {
    throw new TypeError(`[skitter] FingerprintSet: fingerprints are hex strings of at least 16 digits, got ${JSON.stringify(text)}`);
  }
  return value >>> 0;
}
