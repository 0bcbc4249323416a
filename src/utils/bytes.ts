/**
 * Reading byte streams with a size limit, and decompressing with the web-standard
 * DecompressionStream: shared by the HTTP handler, HttpCompressionMiddleware and SitemapSpider.
 * @module
 */

/** Joins chunks into one array (no copy for a single chunk). */
export function concatBytes(chunks: readonly Uint8Array[], totalBytes: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(totalBytes);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** What {@link readBytes} read: the bytes, or how far it got before the size limit. */
export type ReadResult = { tooLarge: false; bytes: Uint8Array } | { tooLarge: true; sizeBytes: number };

/** Options of {@link readBytes}. */
export interface ReadBytesOptions {
  /** Largest size allowed, in bytes; past it the stream is cancelled. 0: no limit. */
  maxSizeBytes: number;
  /** Called with the running total after each chunk (for warn sizes). */
  onProgress?: (totalBytes: number) => void;
  /** When the stream errors after some bytes arrived, return them instead of throwing (gunzip of a truncated file). */
  keepPartialOnError?: boolean;
}

/** Reads a byte stream to its end, within a size limit. */
export async function readBytes(stream: ReadableStream<Uint8Array>, options: ReadBytesOptions): Promise<ReadResult> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (options.maxSizeBytes > 0 && total > options.maxSizeBytes) {
        await reader.cancel();
        return { tooLarge: true, sizeBytes: total };
      }
      chunks.push(value);
      options.onProgress?.(total);
    }
  } catch (error) {
    if (!options.keepPartialOnError || total === 0) throw error;
  }
  return { tooLarge: false, bytes: concatBytes(chunks, total) };
}

/** The formats DecompressionStream decodes. */
export type DecompressionFormat = 'gzip' | 'deflate' | 'deflate-raw';

/**
 * Decompresses `body` within `options.maxSizeBytes` of output.
 * @throws {TypeError} on corrupt data (the stream's own error), unless `keepPartialOnError`.
 */
export function decompressBytes(body: Uint8Array, format: DecompressionFormat, options: ReadBytesOptions): Promise<ReadResult> {
  const stream = new Blob([body as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream(format));
  return readBytes(stream, options);
}
