import { describe, expect, it } from 'vitest';
import { FingerprintSet } from '../../src/core/scheduler/fingerprint-set.ts';
import { sha1Hex } from '../../src/utils/sha1.ts';

describe('FingerprintSet', () => {
  it('adds each fingerprint once, across growth, and tells repeats apart', () => {
    const set = new FingerprintSet(16);
    const encoder = new TextEncoder();
    const fps = Array.from({ length: 50_000 }, (_, i) => sha1Hex(encoder.encode(`https://x/${i}`)));
    expect(fps.every((fp) => set.add(fp))).toBe(true);
    expect(set.size).toBe(50_000);
    expect(fps.some((fp) => set.add(fp))).toBe(false);
    expect(set.size).toBe(50_000);
    set.clear();
    expect(set.size).toBe(0);
    expect(set.add(fps[0]!)).toBe(true);
  });

  it('keeps the all-zero fingerprint distinct from empty slots', () => {
    const set = new FingerprintSet();
    expect(set.add('0000000000000000')).toBe(true);
    expect(set.add('0000000000000000')).toBe(false);
    expect(set.size).toBe(1);
  });

  it('rejects a fingerprint that is not hex', () => {
    expect(() => new FingerprintSet().add('not-a-fingerprint')).toThrow('[skitter] FingerprintSet: fingerprints are hex strings of at least 16 digits, got "not-a-fingerprint"');
  });
});
