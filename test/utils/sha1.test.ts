import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sha1, sha1Hex } from '../../src/utils/sha1.ts';

const enc = new TextEncoder();

describe('sha1Hex', () => {
  it('matches the FIPS 180 test vectors', () => {
    expect(sha1Hex(enc.encode('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(sha1Hex(new Uint8Array())).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(sha1Hex(enc.encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))
      .toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
    expect(sha1Hex(enc.encode('a'.repeat(1_000_000)))).toBe('34aa973cd4c4daa4f61eeb2bdbad27316534016f');
  });

  it('agrees with node:crypto on every length around the block and padding boundaries', () => {
    for (let n = 0; n <= 200; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff);
      expect(sha1Hex(bytes)).toBe(createHash('sha1').update(bytes).digest('hex'));
    }
  });

  it('gives the same digest when fed in pieces', () => {
    const bytes = new Uint8Array(300).map((_, i) => i & 0xff);
    const h = new Sha1();
    for (const cut of [[0, 1], [1, 63], [63, 64], [64, 200], [200, 300]] as const) h.update(bytes.subarray(cut[0], cut[1]));
    expect(h.hexDigest()).toBe(sha1Hex(bytes));
    expect(h.hexDigest()).toBe(sha1Hex(bytes));
    expect(() => h.update(bytes)).toThrow('[skitter] Sha1: update() after hexDigest(); create a new Sha1');
  });
});
