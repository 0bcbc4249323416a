import { decompressBytes } from '../utils/bytes.ts';

/** True when `body` starts with the gzip magic number and the deflate method byte (`1f 8b 08`). */
export function isGzip(body: Uint8Array): boolean {
  return body.length >= 3 && body[0] === 0x1f && body[1] === 0x8b && body[2] === 0x08;
}

/**
 * Decompresses gzip data with the web-standard `DecompressionStream`, stopping as soon as the
 * output exceeds `maxSizeBytes`. Truncated or corrupt input gives what was decompressed before the
 * error, as Scrapy's `gunzip` does.
 * @param maxSizeBytes largest output allowed, in bytes; 0 for no limit.
 * @returns the bytes, or `null` when the output is larger than `maxSizeBytes`.
 * @throws {TypeError} when the data is not gzip at all (nothing could be decompressed).
 * @see Scrapy's `scrapy.utils.gz.gunzip`
 */
export async function gunzip(data: Uint8Array, maxSizeBytes = 0): Promise<Uint8Array | null> {
  const result = await decompressBytes(data, 'gzip', { maxSizeBytes, keepPartialOnError: true });
  return result.tooLarge ? null : result.bytes;
}
