/**
 * A synchronous, dependency-free gzip writer for the demo's `/sitemap-products.xml.gz`. It emits
 * "stored" (uncompressed) deflate blocks: a valid gzip file any gunzip reads, without needing
 * `CompressionStream` (asynchronous) or `node:zlib` (Node only) in runtime-neutral code.
 * @module
 */

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309), as gzip and PNG use it. */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Largest payload of one stored deflate block (its LEN field is 16 bits). */
const MAX_BLOCK_BYTES = 0xffff;

/** `data` as raw deflate (RFC 1951) made of stored blocks (§3.2.4). */
export function deflateStored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / MAX_BLOCK_BYTES));
  const out = new Uint8Array(blocks * 5 + data.length);
  const view = new DataView(out.buffer);
  let at = 0;
  for (let i = 0; i < blocks; i++) {
    const chunk = data.subarray(i * MAX_BLOCK_BYTES, (i + 1) * MAX_BLOCK_BYTES);
    out[at] = i === blocks - 1 ? 1 : 0;
    view.setUint16(at + 1, chunk.length, true);
    view.setUint16(at + 3, ~chunk.length & 0xffff, true);
    out.set(chunk, at + 5);
    at += 5 + chunk.length;
  }
  return out;
}

/** Wraps `data` in a gzip member (RFC 1952) made of stored deflate blocks. */
export function gzipStored(data: Uint8Array): Uint8Array {
  const deflated = deflateStored(data);
  const out = new Uint8Array(10 + deflated.length + 8);
  const view = new DataView(out.buffer);
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  out.set(deflated, 10);
  view.setUint32(10 + deflated.length, crc32(data), true);
  view.setUint32(10 + deflated.length + 4, data.length >>> 0, true);
  return out;
}
