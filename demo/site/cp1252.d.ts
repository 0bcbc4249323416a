/**
 * A windows-1252 encoder for the demo's `/legacy` page, whose bytes must be cp1252 (not UTF-8)
 * so crawlers have to honour `<meta charset>`. `TextEncoder` only speaks UTF-8, hence this table.
 * @module
 */
/**
 * Encodes `text` as windows-1252 bytes.
 * @throws {RangeError} when `text` holds a character cp1252 cannot represent.
 */
export declare function encodeCp1252(text: string): Uint8Array;
//# sourceMappingURL=cp1252.d.ts.map