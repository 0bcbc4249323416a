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
  const source = new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(data as Uint8Array<ArrayBuffer>);
      controller.close();
    },
  });
  const reader = source.pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (maxSizeBytes > 0 && size > maxSizeBytes) {
        await reader.cancel();
        return null;
      }
      chunks.push(value);
    }
  } catch (error) {
    if (size === 0) throw error;
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
