import type { Crawler } from '../crawler.ts';
import { Failure } from '../failure.ts';
import { signals } from '../signals.ts';
import { Request } from '../../http/request.ts';
import { Response } from '../../http/response.ts';
import { isCloseSpider } from '../../errors/close-spider.ts';
import { isDropItem } from '../../errors/drop-item.ts';
import { isIgnoreRequest } from '../../errors/ignore-request.ts';
import { forEachOutput, isPromiseLike, resolveOutput, type AnyIterable, type MaybePromise } from '../../utils/maybe-async.ts';
import { levelEnabled } from '../log.ts';
import { DeferredOutput, SpiderMiddlewareManager } from './spider-middleware-manager.ts';
import { ItemPipelineManager } from './item-pipeline-manager.ts';
import { malformedLinkReporter } from './malformed-links.ts';

/** Bytes a response (or failure) counts for at least, as Scrapy's MIN_RESPONSE_SIZE. */
const MIN_RESPONSE_SIZE = 1024;

/** Where the scraper sends requests it finds (the engine). */
export interface ScraperEngine {
  /** Schedules a request; `parent` is the request whose output it was. */
  crawl(request: Request, parent?: Request): void;
  closeSpider(reason: string): Promise<void>;
}

/**
 * Scrapy's Scraper: calls callbacks and errbacks through the spider middlewares, processes their
 * output as it is produced (up to CONCURRENT_ITEMS outputs of one response at once), sends items
 * through the pipelines and reports spider errors. Tracks the bytes being scraped for backout.
 */
export class Scraper {
  readonly spidermw: SpiderMiddlewareManager;
  readonly itemproc: ItemPipelineManager;
  #crawler: Crawler;
  #engine: ScraperEngine;
  #activeSize = 0;
  #maxActiveSize: number;
  #active = 0;
  #itemsInProgress = 0;
  #concurrentItems: number;
  #logItems: boolean;
  #reportMalformedLink: ReturnType<typeof malformedLinkReporter>;

  constructor(crawler: Crawler, engine: ScraperEngine, spidermw: SpiderMiddlewareManager, itemproc: ItemPipelineManager) {
    this.#crawler = crawler;
    this.#engine = engine;
    this.spidermw = spidermw;
    this.itemproc = itemproc;
    this.#maxActiveSize = crawler.settings.getInt('SCRAPER_SLOT_MAX_ACTIVE_SIZE');
    this.#concurrentItems = crawler.settings.getInt('CONCURRENT_ITEMS');
    this.#logItems = crawler.logLevelEnabled('DEBUG');
    this.#reportMalformedLink = malformedLinkReporter(crawler);
  }

  async openSpider(): Promise<void> {
    await this.spidermw.openSpider(this.#crawler.spider);
    await this.itemproc.openSpider(this.#crawler.spider);
  }

  async closeSpider(): Promise<void> {
    await this.itemproc.closeSpider(this.#crawler.spider);
    await this.spidermw.closeSpider(this.#crawler.spider);
  }

  /** True when the bytes being scraped exceed SCRAPER_SLOT_MAX_ACTIVE_SIZE. */
  needsBackout(): boolean {
    return this.#activeSize > this.#maxActiveSize;
  }

  /** True when nothing is being scraped and no item is in the pipelines. */
  isIdle(): boolean {
    return this.#active === 0 && this.#itemsInProgress === 0;
  }

  /** Bytes of responses being scraped. */
  get activeSize(): number {
    return this.#activeSize;
  }

  /** Scrapes a response (callback) or a download failure (errback). Never rejects. */
  async enqueueScrape(result: Response | Failure, request: Request): Promise<void> {
    const size = result instanceof Response ? Math.max(result.body.byteLength, MIN_RESPONSE_SIZE) : MIN_RESPONSE_SIZE;
    this.#activeSize += size;
    this.#active++;
    try {
      if (result instanceof Response) await this.#scrapeResponse(result, request);
      else await this.#scrapeFailure(result, request);
    } catch (error) {
      this.#crawler.logger.error(`Scraper bug processing ${request}`, error);
    } finally {
      this.#activeSize -= size;
      this.#active--;
    }
  }

  /** Sends an item yielded by `start()` through the pipelines (response is null). */
  startItemproc(item: unknown): MaybePromise<void> {
    return this.#processItem(item, null, null);
  }

  async #scrapeResponse(response: Response, request: Request): Promise<void> {
    const spider = this.#crawler.spider;
    response.onMalformedLink ??= this.#reportMalformedLink;
    let output: AnyIterable<unknown>;
    try {
      output = await this.spidermw.scrapeResponse(
        response,
        () => {
          const callback = request.callback ?? spider.parse;
          return resolveOutput(callback.call(spider, response, request.cbKwargs));
        },
        (error) => {
          // A processSpiderInput error goes to the errback, as a download failure would.
          if (!request.errback) throw error;
          return resolveOutput(request.errback.call(spider, new Failure(error, request)));
        },
      );
    } catch (error) {
      this.#handleSpiderError(error, request, response);
      return;
    }
    await this.#consume(output, request, response);
  }

  async #scrapeFailure(failure: Failure, request: Request): Promise<void> {
    const spider = this.#crawler.spider;
    if (!request.errback) {
      this.#logDownloadError(failure, request);
      return;
    }
    let output: AnyIterable<unknown>;
    try {
      output = await resolveOutput(request.errback.call(spider, failure));
    } catch (error) {
      if (error === failure.value || error === failure) this.#logDownloadError(failure, request);
      else this.#handleSpiderError(error, request, null);
      return;
    }
    await this.#consume(output, request, null);
  }

  /** Processes every output value as it is produced, up to CONCURRENT_ITEMS at once. */
  async #consume(output: AnyIterable<unknown>, request: Request, response: Response | null): Promise<void> {
    const inflight = new Set<Promise<void>>();
    const limit = this.#concurrentItems;
    const onValue = (value: unknown): MaybePromise<void> => {
      const r = this.#handleOutput(value, request, response);
      if (!isPromiseLike(r)) return;
      const p: Promise<void> = Promise.resolve(r).then(() => {
        inflight.delete(p);
      });
      inflight.add(p);
      if (inflight.size >= limit) return Promise.race(inflight);
    };
    try {
      await forEachOutput(output, onValue);
    } catch (error) {
      this.#handleSpiderError(error, request, response);
    }
    if (inflight.size > 0) await Promise.all(inflight);
  }

  #handleOutput(value: unknown, request: Request, response: Response | null): MaybePromise<void> {
    if (value instanceof Request) {
      this.#engine.crawl(value, request);
      return;
    }
    if (value == null) return;
    if (value instanceof DeferredOutput) {
      return value.output.then(
        (out) => this.#consume(out, request, response),
        (error: unknown) => this.#handleSpiderError(error, request, response),
      );
    }
    if (typeof value !== 'object' || value instanceof Response) {
      const kind = value instanceof Response ? 'Response' : typeof value;
      this.#crawler.logger.error(`Spider must return request, item, or nothing, got ${kind} in ${request}`);
      return;
    }
    return this.#processItem(value, request, response);
  }

  /** `request` is the request whose callback or errback yielded the item (null for start items). */
  #processItem(item: unknown, request: Request | null, response: Response | null): MaybePromise<void> {
    this.#itemsInProgress++;
    let out: MaybePromise<unknown>;
    try {
      out = this.itemproc.processItem(item);
    } catch (error) {
      return this.#itemFailed(item, error, request, response);
    }
    if (isPromiseLike(out)) {
      return Promise.resolve(out).then(
        (final) => this.#itemPassed(final, request, response),
        (error: unknown) => this.#itemFailed(item, error, request, response),
      );
    }
    return this.#itemPassed(out, request, response);
  }

  #itemPassed(item: unknown, request: Request | null, response: Response | null): MaybePromise<void> {
    if (this.#logItems) this.#crawler.logger.debug(`Scraped from ${response ?? '<start>'}\n${safeJson(item)}`);
    const s = this.#crawler.signals;
    if (!s.hasHandlers(signals.itemScraped)) {
      this.#itemsInProgress--;
      return;
    }
    return s.sendAsync(signals.itemScraped, { item, response, request, spider: this.#crawler.spider }).then(() => {
      this.#itemsInProgress--;
    });
  }

  async #itemFailed(item: unknown, error: unknown, request: Request | null, response: Response | null): Promise<void> {
    const spider = this.#crawler.spider;
    try {
      if (isDropItem(error)) {
        this.#crawler.logger.warning(`Dropped: ${(error as Error).message}\n${safeJson(item)}`);
        await this.#crawler.signals.sendAsync(signals.itemDropped, { item, response, request, exception: error, spider });
      } else {
        this.#crawler.logger.error(`Error processing ${safeJson(item)}`, error);
        await this.#crawler.signals.sendAsync(signals.itemError, { item, response, request, failure: error, spider });
      }
    } finally {
      this.#itemsInProgress--;
    }
  }

  #handleSpiderError(error: unknown, request: Request, response: Response | null): void {
    if (isCloseSpider(error)) {
      void this.#engine.closeSpider(error.reason);
      return;
    }
    const referer = request.headers.get('Referer');
    this.#crawler.logger.error(`Spider error processing ${request} (referer: ${referer ?? 'None'})`, error);
    const spider = this.#crawler.spider;
    this.#crawler.signals.send(signals.spiderError, { failure: new Failure(error, request), response: response as Response, spider });
    const stats = this.#crawler.stats;
    stats.incValue('spider_exceptions/count');
    stats.incValue(`spider_exceptions/${error instanceof Error ? error.name : typeof error}`);
  }

  #logDownloadError(failure: Failure, request: Request): void {
    if (isIgnoreRequest(failure.value)) {
      if (levelEnabled('DEBUG', this.#crawler.logLevel)) this.#crawler.logger.debug(`Ignoring request ${request}: ${failure.getErrorMessage()}`);
      return;
    }
    this.#crawler.logger.error(`Error downloading ${request}: ${failure.getErrorMessage()}`);
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
