/**
 * The HTTP cache: Scrapy's `HttpCacheMiddleware`, its two policies and the runtime-neutral
 * IndexedDB storage (the Node file storage is exported by `skitter/node`).
 * @module
 */
export { HttpCacheMiddleware } from './http-cache-middleware.ts';
export type { HttpCachePolicy } from './cache-policy.ts';
export { DummyPolicy } from './dummy-policy.ts';
export { RFC2616Policy } from './rfc2616-policy.ts';
export type { HttpCacheStorage, CachedResponseRecord } from './cache-storage.ts';
export { IndexedDbCacheStorage } from './indexeddb-cache-storage.ts';
