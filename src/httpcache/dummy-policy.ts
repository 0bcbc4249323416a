import type { Crawler } from '../core/crawler.ts';
import type { Request } from '../http/request.ts';
import type { Response } from '../http/response.ts';
import { schemeOf, type HttpCachePolicy } from './cache-policy.ts';

/**
 * Scrapy's `DummyPolicy`, the default: every request whose scheme is not in
 * HTTPCACHE_IGNORE_SCHEMES is cached, every response whose status is not in
 * HTTPCACHE_IGNORE_HTTP_CODES is stored, and a cached response is always fresh (until
 * HTTPCACHE_EXPIRATION_SECS, which the storage enforces). Ignores HTTP caching headers: made for
 * replaying a crawl offline, testing spiders against a frozen site.
 * @see https://docs.scrapy.org/en/latest/topics/downloader-middleware.html#dummy-policy-default
 */
export class DummyPolicy implements HttpCachePolicy {
  #ignoreSchemes: Set<string>;
  #ignoreCodes: Set<number>;

  constructor(crawler: Crawler) {
    this.#ignoreSchemes = new Set(crawler.settings.getList<string>('HTTPCACHE_IGNORE_SCHEMES').map((s) => s.toLowerCase()));
    this.#ignoreCodes = new Set(crawler.settings.getList<number>('HTTPCACHE_IGNORE_HTTP_CODES').map(Number));
  }

  shouldCacheRequest(request: Request): boolean {
    return !this.#ignoreSchemes.has(schemeOf(request));
  }

  shouldCacheResponse(response: Response): boolean {
    return !this.#ignoreCodes.has(response.status);
  }

  isCachedResponseFresh(): boolean {
    return true;
  }

  isCachedResponseValid(): boolean {
    return true;
  }
}
