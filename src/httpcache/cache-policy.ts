import type { Request } from '../http/request.ts';
import type { Response } from '../http/response.ts';

/**
 * A cache policy (HTTPCACHE_POLICY): decides what is cached, what is fresh and when a stale
 * cached response may still be used. Scrapy's `DummyPolicy` and `RFC2616Policy` are the built-in ones.
 */
export interface HttpCachePolicy {
  /** Whether a request may be answered from, and stored in, the cache. */
  shouldCacheRequest(request: Request): boolean;
  /** Whether a downloaded response is stored. */
  shouldCacheResponse(response: Response, request: Request): boolean;
  /**
   * Whether a cached response can be used without asking the server. A policy may add
   * conditional headers (`If-None-Match`, `If-Modified-Since`) to `request` when it returns false.
   */
  isCachedResponseFresh(cachedResponse: Response, request: Request): boolean;
  /** Whether a stale cached response is still good, given the server's new response (e.g. a 304). */
  isCachedResponseValid(cachedResponse: Response, response: Response, request: Request): boolean;
}

/** The URL scheme of a request, without the colon (`http`). */
export function schemeOf(request: Request): string {
  const colon = request.url.indexOf(':');
  return colon < 0 ? '' : request.url.slice(0, colon).toLowerCase();
}
