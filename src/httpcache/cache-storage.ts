import type { Request } from '../http/request.ts';
import { responseFor } from '../http/response-types.ts';
import type { Response } from '../http/response.ts';
import type { Spider } from '../spiders/spider.ts';
import type { MaybePromise } from '../utils/maybe-async.ts';

/**
 * A cache storage (HTTPCACHE_STORAGE): where cached responses live. Scrapy's storage interface
 * with async methods, so storages can sit on IndexedDB, files or a remote store.
 */
export interface HttpCacheStorage {
  openSpider?(spider: Spider): MaybePromise<void>;
  closeSpider?(spider: Spider): MaybePromise<void>;
  /** The cached response for `request`, or `undefined` on a miss (absent or older than HTTPCACHE_EXPIRATION_SECS). */
  retrieveResponse(spider: Spider, request: Request): MaybePromise<Response | undefined>;
  /** Stores `response` as the answer to `request`. */
  storeResponse(spider: Spider, request: Request, response: Response): MaybePromise<void>;
}

/** What storages keep of a response: everything needed to rebuild it, plus when it was stored. */
export interface CachedResponseRecord {
  url: string;
  status: number;
  /** `[name, value]` pairs, repeated headers kept apart. */
  headers: Array<[string, string]>;
  /** The request's URL and method, for humans reading the cache. */
  requestUrl: string;
  requestMethod: string;
  /** When it was stored, ms since the epoch. */
  storedAtMs: number;
}

/** The record of a response (its body is stored beside it). */
export function recordOf(request: Request, response: Response, storedAtMs: number): CachedResponseRecord {
  return {
    url: response.url,
    status: response.status,
    headers: [...response.headers.entries()],
    requestUrl: request.url,
    requestMethod: request.method,
    storedAtMs,
  };
}

/** Rebuilds a response (of the class its headers call for) from a record and its body. */
export function responseFromRecord(record: CachedResponseRecord, body: Uint8Array): Response {
  return responseFor({ url: record.url, status: record.status, headers: record.headers, body });
}

/** True when a record stored at `storedAtMs` is older than `expirationSecs` (0: never expires). */
export function isExpired(storedAtMs: number, expirationSecs: number, nowMs: number): boolean {
  return expirationSecs > 0 && nowMs - storedAtMs > expirationSecs * 1000;
}
