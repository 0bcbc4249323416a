import type { Crawler } from '../core/crawler.ts';
import { buildComponent, type ComponentSpec } from '../core/component.ts';
import type { DownloaderMiddleware } from '../core/downloader/downloader-middleware-manager.ts';
import { IgnoreRequest } from '../errors/ignore-request.ts';
import { NotConfigured } from '../errors/not-configured.ts';
import { isConnectionError } from '../errors/connection-error.ts';
import { isDownloadTimeoutError } from '../errors/download-timeout-error.ts';
import type { Request } from '../http/request.ts';
import type { Response } from '../http/response.ts';
import type { Spider } from '../spiders/spider.ts';
import type { HttpCachePolicy } from './cache-policy.ts';
import type { HttpCacheStorage } from './cache-storage.ts';
import { DummyPolicy } from './dummy-policy.ts';
import { RFC2616Policy } from './rfc2616-policy.ts';

/** Meta key holding a stale cached response while the server is asked to revalidate it. */
const CACHED_RESPONSE_META = 'cached_response';

/** Policies HTTPCACHE_POLICY may name instead of giving a class. */
const POLICIES: Record<string, ComponentSpec<HttpCachePolicy>> = { dummy: DummyPolicy, rfc2616: RFC2616Policy };

/**
 * Scrapy's `HttpCacheMiddleware`: answers requests from a cache of earlier responses, so a second
 * run of a crawl sends nothing the cache holds, and stores what it downloads.
 *
 * Enabled by HTTPCACHE_ENABLED (it raises NotConfigured otherwise). HTTPCACHE_POLICY picks what
 * is cached and what is fresh (`'dummy'`, the default: everything, always fresh; `'rfc2616'`: HTTP
 * caching rules; or a policy class); HTTPCACHE_STORAGE picks where (the platform's default: files
 * in Node, IndexedDB in browsers; or your class). `request.meta.dont_cache` bypasses the cache for
 * one request. HTTPCACHE_IGNORE_MISSING drops requests the cache does not have.
 *
 * Responses from the cache carry the `cached` flag. Stats: `httpcache/hit`, `httpcache/miss`,
 * `httpcache/store`, `httpcache/uncacheable`, `httpcache/firsthand`, `httpcache/revalidate`,
 * `httpcache/invalidate`, `httpcache/errorrecovery`, `httpcache/ignore`.
 * Order in DOWNLOADER_MIDDLEWARES_BASE: 900 (closest to the downloader).
 * @see https://docs.scrapy.org/en/latest/topics/downloader-middleware.html#module-scrapy.downloadermiddlewares.httpcache
 */
export class HttpCacheMiddleware implements DownloaderMiddleware {
  #crawler: Crawler;
  #ignoreMissing: boolean;
  #policy: HttpCachePolicy | undefined;
  #storage: HttpCacheStorage | undefined;

  constructor(crawler: Crawler) {
    if (!crawler.settings.getBool('HTTPCACHE_ENABLED')) throw new NotConfigured('HTTPCACHE_ENABLED is false');
    this.#crawler = crawler;
    this.#ignoreMissing = crawler.settings.getBool('HTTPCACHE_IGNORE_MISSING');
  }

  async openSpider(spider: Spider): Promise<void> {
    const s = this.#crawler.settings;
    const policySetting = s.get<string | ComponentSpec<HttpCachePolicy>>('HTTPCACHE_POLICY');
    const policySpec = typeof policySetting === 'string' ? POLICIES[policySetting.toLowerCase()] : policySetting;
    if (!policySpec) {
      throw new TypeError(`[skitter] HttpCacheMiddleware: unknown HTTPCACHE_POLICY ${JSON.stringify(policySetting)}; use 'dummy', 'rfc2616' or a policy class.`);
    }
    const policy = await buildComponent(policySpec, this.#crawler);
    const storageSpec = s.get<ComponentSpec<HttpCacheStorage> | null>('HTTPCACHE_STORAGE');
    if (!storageSpec) {
      throw new TypeError(`[skitter] HttpCacheMiddleware: no HTTPCACHE_STORAGE on the ${this.#crawler.adapter.name} platform; set HTTPCACHE_STORAGE to a storage class with retrieveResponse() and storeResponse().`);
    }
    const storage = await buildComponent(storageSpec, this.#crawler);
    if (!policy || !storage) throw new TypeError('[skitter] HttpCacheMiddleware: the cache policy and storage cannot opt out with NotConfigured; disable the cache with HTTPCACHE_ENABLED = false.');
    this.#policy = policy;
    this.#storage = storage;
    this.#crawler.logger.debug(`Using ${storage.constructor.name} with ${policy.constructor.name} for the HTTP cache`);
    await storage.openSpider?.(spider);
  }

  async closeSpider(spider: Spider): Promise<void> {
    await this.#storage?.closeSpider?.(spider);
  }

  async processRequest(request: Request, spider: Spider): Promise<Response | undefined> {
    if (request.meta['dont_cache']) return undefined;
    const policy = this.#policy!;
    if (!policy.shouldCacheRequest(request)) {
      request.meta['_dont_cache'] = true;
      return undefined;
    }
    const cached = await this.#storage!.retrieveResponse(spider, request);
    const stats = this.#crawler.stats;
    if (!cached) {
      stats.incValue('httpcache/miss');
      if (this.#ignoreMissing) {
        stats.incValue('httpcache/ignore');
        throw new IgnoreRequest(`Ignored request not in cache: ${request}`);
      }
      return undefined;
    }
    cached.flags.push('cached');
    if (policy.isCachedResponseFresh(cached, request)) {
      stats.incValue('httpcache/hit');
      return cached;
    }
    // Stale: keep it while the server is asked; a 304 (or an error) may still make it the answer.
    request.meta[CACHED_RESPONSE_META] = cached;
    return undefined;
  }

  async processResponse(request: Request, response: Response, spider: Spider): Promise<Response> {
    if (request.meta['dont_cache']) return response;
    if (request.meta['_dont_cache']) {
      delete request.meta['_dont_cache'];
      return response;
    }
    if (response.flags.includes('cached')) return response;
    const cached = request.meta[CACHED_RESPONSE_META] as Response | undefined;
    delete request.meta[CACHED_RESPONSE_META];
    const stats = this.#crawler.stats;
    if (!cached) {
      stats.incValue('httpcache/firsthand');
      await this.#store(spider, request, response);
      return response;
    }
    if (this.#policy!.isCachedResponseValid(cached, response, request)) {
      stats.incValue('httpcache/revalidate');
      return cached;
    }
    stats.incValue('httpcache/invalidate');
    await this.#store(spider, request, response);
    return response;
  }

  processException(request: Request, exception: unknown): Response | undefined {
    const cached = request.meta[CACHED_RESPONSE_META] as Response | undefined;
    delete request.meta[CACHED_RESPONSE_META];
    if (cached && (isConnectionError(exception) || isDownloadTimeoutError(exception))) {
      this.#crawler.stats.incValue('httpcache/errorrecovery');
      return cached;
    }
    return undefined;
  }

  async #store(spider: Spider, request: Request, response: Response): Promise<void> {
    if (this.#policy!.shouldCacheResponse(response, request)) {
      this.#crawler.stats.incValue('httpcache/store');
      await this.#storage!.storeResponse(spider, request, response);
    } else {
      this.#crawler.stats.incValue('httpcache/uncacheable');
    }
  }
}
