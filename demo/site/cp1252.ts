/**
 * A windows-1252 encoder for the demo's `/legacy` page, whose bytes must be cp1252 (not UTF-8)
 * so crawlers have to honour `<meta charset>`. `TextEncoder` only speaks UTF-8, hence this table.
 * @module
 */

/** Code points of bytes 0x80-0x9F; the rest of 0xA0-0xFF equals Latin-1. */
const HIGH_TABLE: ReadonlyMap<number, number> = new Map([
  [0x20ac, 0x80], [0x201a, 0x82], [0x0192, 0x83], [0x201e, 0x84], [0x2026, 0x85], [0x2020, 0x86],
  [0x2021, 0x87], [0x02c6, 0x88], [0x2030, 0x89], [0x0160, 0x8a], [0x2039, 0x8b], [0x0152, 0x8c],
  [0x017d, 0x8e], [0x2018, 0x91], [0x2019, 0x92], [0x201c, 0x93], [0x201d, 0x94], [0x2022, 0x95],
  [0x2013, 0x96], [0x2014, 0x97], [0x02dc, 0x98], [0x2122, 0x99], [0x0161, 0x9a], [0x203a, 0x9b],
  [0x0153, 0x9c], [0x017e, 0x9e], [0x0178, 0x9f],
]);

/**
 * Encodes `text` as windows-1252 bytes.
 * @throws {RangeError} when `text` holds a character cp1252 cannot represent.
 */
export function encodeCp1252(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else {
      const mapped = HIGH_TABLE.get(code);
      if (mapped === undefined) throw new RangeError(`[skitter] demo site: U+${code.toString(16)} has no windows-1252 byte`);
      bytes.push(mapped);
    }
  }
  return Uint8Array.from(bytes);
}
