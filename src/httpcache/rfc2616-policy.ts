import type { Crawler } from '../core/crawler.ts';
import type { Request } from '../http/request.ts';
import type { Response } from '../http/response.ts';
import { directiveSeconds, httpDateSeconds, parseCacheControl, type CacheControl } from './cache-control.ts';
import { schemeOf, type HttpCachePolicy } from './cache-policy.ts';

/** Freshness of responses that may be cached forever (permanent redirects): one year, in seconds. */
const MAX_AGE_SECONDS = 365 * 24 * 3600;

/**
 * Scrapy's `RFC2616Policy`: an HTTP cache that honours `Cache-Control` (`no-store`, `no-cache`,
 * `max-age`, `max-stale`, `must-revalidate`), `Expires`, `Date`, `Age` and `Last-Modified` (a
 * tenth of the document's age as a heuristic freshness), and revalidates stale entries with
 * `If-None-Match` / `If-Modified-Since` (a 304 keeps the cached response; a 5xx keeps it unless
 * it said `must-revalidate`).
 *
 * Settings: HTTPCACHE_IGNORE_SCHEMES, HTTPCACHE_ALWAYS_STORE (store every response, even without
 * caching headers), HTTPCACHE_IGNORE_RESPONSE_CACHE_CONTROLS (directives to ignore, e.g. `no-store`).
 * @see https://docs.scrapy.org/en/latest/topics/downloader-middleware.html#rfc2616-policy
 */
export class RFC2616Policy implements HttpCachePolicy {
  #ignoreSchemes: Set<string>;
  #alwaysStore: boolean;
  #ignoredDirectives: Set<string>;
  #now: () => number;

  constructor(crawler: Crawler) {
    const s = crawler.settings;
    this.#ignoreSchemes = new Set(s.getList<string>('HTTPCACHE_IGNORE_SCHEMES').map((x) => x.toLowerCase()));
    this.#alwaysStore = s.getBool('HTTPCACHE_ALWAYS_STORE');
    this.#ignoredDirectives = new Set(s.getList<string>('HTTPCACHE_IGNORE_RESPONSE_CACHE_CONTROLS').map((x) => x.toLowerCase()));
    // The wall clock of the crawl's adapter, so virtual-time tests control ages.
    this.#now = () => crawler.adapter.wallClock() / 1000;
  }

  shouldCacheRequest(request: Request): boolean {
    if (this.#ignoreSchemes.has(schemeOf(request))) return false;
    return !parseCacheControl(request.headers.get('Cache-Control')).has('no-store');
  }

  shouldCacheResponse(response: Response): boolean {
    const cc = this.#responseCc(response);
    if (cc.has('no-store')) return false;
    // A 304 only says "what you have is still good": there is nothing in it to store.
    if (response.status === 304) return false;
    if (this.#alwaysStore) return true;
    if (cc.has('max-age') || response.headers.has('Expires')) return true;
    if (response.status === 300 || response.status === 301 || response.status === 308) return true;
    if (response.status === 200 || response.status === 203 || response.status === 401) {
      return response.headers.has('Last-Modified') || response.headers.has('ETag');
    }
    return false;
  }

  isCachedResponseFresh(cached: Response, request: Request): boolean {
    const cc = this.#responseCc(cached);
    const requestCc = parseCacheControl(request.headers.get('Cache-Control'));
    if (cc.has('no-cache') || requestCc.has('no-cache')) return false;
    const now = this.#now();
    let lifetime = this.#freshnessLifetime(cached, cc, now);
    const age = this.#currentAge(cached, now);
    const requestMaxAge = directiveSeconds(requestCc, 'max-age');
    if (requestMaxAge !== undefined) lifetime = Math.min(lifetime, requestMaxAge);
    if (age < lifetime) return true;
    if (requestCc.has('max-stale') && !cc.has('must-revalidate')) {
      // `max-stale` without a value accepts any staleness.
      if (requestCc.get('max-stale') == null) return true;
      const stale = directiveSeconds(requestCc, 'max-stale');
      if (stale !== undefined && age < lifetime + stale) return true;
    }
    this.#setValidators(request, cached);
    return false;
  }

  isCachedResponseValid(cached: Response, response: Response): boolean {
    if (response.status >= 500 && !this.#responseCc(cached).has('must-revalidate')) return true;
    return response.status === 304;
  }

  #responseCc(response: Response): CacheControl {
    const cc = parseCacheControl(response.headers.get('Cache-Control'));
    for (const name of this.#ignoredDirectives) cc.delete(name);
    return cc;
  }

  #freshnessLifetime(response: Response, cc: CacheControl, now: number): number {
    const maxAge = directiveSeconds(cc, 'max-age');
    if (maxAge !== undefined) return maxAge;
    const date = httpDateSeconds(response.headers.get('Date')) ?? now;
    if (response.headers.has('Expires')) {
      // An Expires that cannot be read means "already expired" (RFC 2616, 14.21).
      const expires = httpDateSeconds(response.headers.get('Expires'));
      return expires === undefined ? 0 : Math.max(0, expires - date);
    }
    const lastModified = httpDateSeconds(response.headers.get('Last-Modified'));
    if (lastModified !== undefined && lastModified <= date) return (date - lastModified) / 10;
    if (response.status === 300 || response.status === 301 || response.status === 308) return MAX_AGE_SECONDS;
    return 0;
  }

  #currentAge(response: Response, now: number): number {
    const date = httpDateSeconds(response.headers.get('Date')) ?? now;
    let age = now > date ? now - date : 0;
    const header = response.headers.get('Age');
    if (header !== null && /^\s*\d+\s*$/.test(header)) age = Math.max(age, Number.parseInt(header, 10));
    return age;
  }

  #setValidators(request: Request, cached: Response): void {
    const lastModified = cached.headers.get('Last-Modified');
    if (lastModified !== null) request.headers.set('If-Modified-Since', lastModified);
    const etag = cached.headers.get('ETag');
    if (etag !== null) request.headers.set('If-None-Match', etag);
  }
}
