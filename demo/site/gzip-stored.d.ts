/**
 * A synchronous, dependency-free gzip writer for the demo's `/sitemap-products.xml.gz`. It emits
 * "stored" (uncompressed) deflate blocks: a valid gzip file any gunzip reads, without needing
 * `CompressionStream` (asynchronous) or `node:zlib` (Node only) in runtime-neutral code.
 * @module
 */
/** Wraps `data` in a gzip member (RFC 1952) made of stored deflate blocks (RFC 1951 §3.2.4). */
export declare function gzipStored(data: Uint8Array): Uint8Array;
//# sourceMappingURL=gzip-stored.d.ts.map