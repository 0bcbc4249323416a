/**
 * Body decoding with the web-standard DecompressionStream, for HttpCompressionMiddleware.
 * @module
 */

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

/** The formats DecompressionStream decodes. */
export type DecompressionFormat = 'gzip' | 'deflate' | 'deflate-raw';

/**
 * Decodes `body` in `format`, stopping with {@link DecompressionSizeExceeded} past `maxSizeBytes`
 * (0: no limit).
 * @throws {TypeError} on corrupt data (the stream's own error).
 */
export async function decompress(body: Uint8Array, format: DecompressionFormat, maxSizeBytes: number): Promise<Uint8Array> {
  const stream = new Blob([body as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream(format));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (maxSizeBytes > 0 && total > maxSizeBytes) {
      await reader.cancel();
      throw new DecompressionSizeExceeded(total, maxSizeBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
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
