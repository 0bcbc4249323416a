/**
 * A small synchronous SHA-1 (FIPS 180-4, section 6.1). Web Crypto's `crypto.subtle.digest` is
 * async only, and request fingerprints are computed synchronously on the crawl's hot path, so
 * skitter carries its own. SHA-1 is used for identity (deduplication, cache keys), never for
 * security.
 * @module
 */

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, '0'));

/**
 * An incremental SHA-1 hasher: feed bytes with {@link Sha1.update}, read the digest once with
 * {@link Sha1.hexDigest}. Lets callers hash data in pieces without concatenating it first.
 * @example
 * const h = new Sha1(); h.update(a); h.update(b); h.hexDigest(); // 40 hex chars
 * @see FIPS 180-4, Secure Hash Standard, section 6.1
 */
export class Sha1 {
  #h0 = 0x67452301;
  #h1 = 0xefcdab89;
  #h2 = 0x98badcfe;
  #h3 = 0x10325476;
  #h4 = 0xc3d2e1f0;
  /** The pending partial block. */
  #block = new Uint8Array(64);
  #blockLength = 0;
  /** Total message length in bytes (a double is exact up to 2^53 bytes). */
  #length = 0;
  #w = new Uint32Array(80);
  #done = false;

  /** Starts over with an empty message, so one hasher can be reused without allocating. */
  reset(): this {
    this.#h0 = 0x67452301;
    this.#h1 = 0xefcdab89;
    this.#h2 = 0x98badcfe;
    this.#h3 = 0x10325476;
    this.#h4 = 0xc3d2e1f0;
    this.#blockLength = 0;
    this.#length = 0;
    this.#done = false;
    return this;
  }

  /**
   * Adds `bytes` to the message.
   * @throws {Error} after {@link Sha1.hexDigest} was called (until {@link Sha1.reset}).
   */
  update(bytes: Uint8Array): this {
    if (this.#done) throw new Error('[skitter] Sha1: update() after hexDigest(); create a new Sha1');
    let offset = 0;
    const n = bytes.length;
    this.#length += n;
    if (this.#blockLength > 0) {
      const take = Math.min(64 - this.#blockLength, n);
      this.#block.set(bytes.subarray(0, take), this.#blockLength);
      this.#blockLength += take;
      offset = take;
      if (this.#blockLength < 64) return this;
      this.#compress(this.#block, 0);
      this.#blockLength = 0;
    }
    while (offset + 64 <= n) {
      this.#compress(bytes, offset);
      offset += 64;
    }
    if (offset < n) {
      this.#block.set(bytes.subarray(offset), 0);
      this.#blockLength = n - offset;
    }
    return this;
  }

  /**
   * Finishes the hash and returns the 160-bit digest as 40 lower-case hex characters.
   * The hasher cannot be updated afterwards.
   */
  hexDigest(): string {
    if (!this.#done) {
      this.#done = true;
      const bitLength = this.#length * 8;
      const block = this.#block;
      let i = this.#blockLength;
      block[i++] = 0x80;
      if (i > 56) {
        block.fill(0, i);
        this.#compress(block, 0);
        i = 0;
      }
      block.fill(0, i, 56);
      // 64-bit big-endian bit length, split because bitwise ops are 32-bit.
      const high = Math.floor(bitLength / 0x100000000);
      const low = bitLength >>> 0;
      block[56] = high >>> 24; block[57] = (high >>> 16) & 0xff; block[58] = (high >>> 8) & 0xff; block[59] = high & 0xff;
      block[60] = low >>> 24; block[61] = (low >>> 16) & 0xff; block[62] = (low >>> 8) & 0xff; block[63] = low & 0xff;
      this.#compress(block, 0);
    }
    return word(this.#h0) + word(this.#h1) + word(this.#h2) + word(this.#h3) + word(this.#h4);
  }

  #compress(bytes: Uint8Array, offset: number): void {
    const w = this.#w;
    for (let t = 0; t < 16; t++) {
      const j = offset + t * 4;
      w[t] = (bytes[j]! << 24) | (bytes[j + 1]! << 16) | (bytes[j + 2]! << 8) | bytes[j + 3]!;
    }
    for (let t = 16; t < 80; t++) {
      const x = w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!;
      w[t] = (x << 1) | (x >>> 31);
    }
    let a = this.#h0, b = this.#h1, c = this.#h2, d = this.#h3, e = this.#h4, temp: number;
    // The four rounds of 20 steps each, split so the step function is not chosen per step.
    let t = 0;
    for (; t < 20; t++) {
      temp = (((a << 5) | (a >>> 27)) + ((b & c) | (~b & d)) + e + 0x5a827999 + w[t]!) | 0;
      e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = temp;
    }
    for (; t < 40; t++) {
      temp = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + w[t]!) | 0;
      e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = temp;
    }
    for (; t < 60; t++) {
      temp = (((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d)) + e + 0x8f1bbcdc + w[t]!) | 0;
      e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = temp;
    }
    for (; t < 80; t++) {
      temp = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0xca62c1d6 + w[t]!) | 0;
      e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = temp;
    }
    this.#h0 = (this.#h0 + a) | 0;
    this.#h1 = (this.#h1 + b) | 0;
    this.#h2 = (this.#h2 + c) | 0;
    this.#h3 = (this.#h3 + d) | 0;
    this.#h4 = (this.#h4 + e) | 0;
  }
}

function word(x: number): string {
  return HEX[(x >>> 24) & 0xff]! + HEX[(x >>> 16) & 0xff]! + HEX[(x >>> 8) & 0xff]! + HEX[x & 0xff]!;
}

/**
 * SHA-1 of `bytes` as 40 lower-case hex characters.
 * @example sha1Hex(new TextEncoder().encode('abc')) // 'a9993e364706816aba3e25717850c26c9cd0d89d'
 * @see FIPS 180-4, Secure Hash Standard, section 6.1
 */
export function sha1Hex(bytes: Uint8Array): string {
  return new Sha1().update(bytes).hexDigest();
}
