/**
 * Body decoding with the web-standard DecompressionStream, for HttpCompressionMiddleware.
 * @module
 */
import { decompressBytes, type DecompressionFormat } from '../../utils/bytes.ts';

export type { DecompressionFormat } from '../../utils/bytes.ts';

/** The body grew past the size limit while being decoded. */
export class DecompressionSizeExceeded extends Error {
  override name = 'DecompressionSizeExceeded';
  /** Bytes decoded when the limit was hit. */
  readonly decodedBytes: number;

  constructor(decodedBytes: number, maxSizeBytes: number) {
    super(`[skitter] decoded body exceeded ${maxSizeBytes} bytes (${decodedBytes} bytes so far)`);
    this.decodedBytes = decodedBytes;
  }
}

/**
 * Decodes `body` in `format`, stopping with {@link DecompressionSizeExceeded} past `maxSizeBytes`
 * (0: no limit).
 * @throws {TypeError} on corrupt data (the stream's own error).
 */
export async function decompress(body: Uint8Array, format: DecompressionFormat, maxSizeBytes: number): Promise<Uint8Array> {
  const result = await decompressBytes(body, format, { maxSizeBytes });
  if (result.tooLarge) throw new DecompressionSizeExceeded(result.sizeBytes, maxSizeBytes);
  return result.bytes;
}

/**
 * Decodes a `Content-Encoding: deflate` body: zlib-wrapped as the standard says, or raw deflate as
 * some servers send (Scrapy tries both too).
 */
export async function inflate(body: Uint8Array, maxSizeBytes: number): Promise<Uint8Array> {
  try {
    return await decompress(body, 'deflate', maxSizeBytes);
  } catch (error) {
    if (error instanceof DecompressionSizeExceeded) throw error;
    return decompress(body, 'deflate-raw', maxSizeBytes);
  }
}
