import type { Crawler } from '../../core/crawler.ts';
import type { SpiderMiddleware } from '../../core/scraper/spider-middleware-manager.ts';
import { Request } from '../../http/request.ts';
import type { Response } from '../../http/response.ts';
import type { Spider } from '../../spiders/spider.ts';

/**
 * A base class for spider middlewares that look at each output value on its own: override
 * {@link BaseSpiderMiddleware.getProcessedRequest} and/or {@link BaseSpiderMiddleware.getProcessedItem}
 * and return the value (possibly changed) to keep it, or `null` to drop it. Both are called for
 * the spider's `start()` output (with `response` null) and for callback output.
 *
 * It is universal (a sync `processSpiderOutput` plus `processSpiderOutputAsync`, and an async
 * `processStart`), so it never causes an async-to-sync conversion of the output.
 *
 * @see Scrapy 2.13's `scrapy.spidermiddlewares.base.BaseSpiderMiddleware`
 * @example
 * class NoDrafts extends BaseSpiderMiddleware {
 *   override getProcessedItem(item: unknown) {
 *     return (item as { draft?: boolean }).draft ? null : item;
 *   }
 * }
 * // SPIDER_MIDDLEWARES: { NoDrafts: { use: NoDrafts, order: 500 } }
 */
export class BaseSpiderMiddleware implements SpiderMiddleware {
  /** The crawler this middleware was built for. */
  readonly crawler: Crawler;

  constructor(crawler: Crawler) {
    this.crawler = crawler;
  }

  /** Maps each value of the spider's `start()` output, with `response` null. */
  async *processStart(start: AsyncIterable<unknown>, _spider: Spider): AsyncGenerator<unknown> {
    for await (const value of start) {
      const out = this.#processed(value, null);
      if (out != null) yield out;
    }
  }

  /** Maps each value of a callback's sync output. */
  *processSpiderOutput(response: Response | null, result: Iterable<unknown>, _spider: Spider): Generator<unknown> {
    for (const value of result) {
      const out = this.#processed(value, response);
      if (out != null) yield out;
    }
  }

  /** Maps each value of a callback's async output. */
  async *processSpiderOutputAsync(response: Response | null, result: AsyncIterable<unknown>, _spider: Spider): AsyncGenerator<unknown> {
    for await (const value of result) {
      const out = this.#processed(value, response);
      if (out != null) yield out;
    }
  }

  /**
   * Called for each request the spider outputs.
   * @param response the response whose callback produced it, or `null` for `start()` output.
   * @returns the request to keep (this one or another), or `null` (or `undefined`) to drop it.
   * @default returns `request` unchanged.
   */
  getProcessedRequest(request: Request, _response: Response | null): Request | null | undefined {
    return request;
  }

  /**
   * Called for each item (any non-request value) the spider outputs.
   * @param response the response whose callback produced it, or `null` for `start()` output.
   * @returns the item to keep, or `null` (or `undefined`) to drop it.
   * @default returns `item` unchanged.
   */
  getProcessedItem(item: unknown, _response: Response | null): unknown {
    return item;
  }

  #processed(value: unknown, response: Response | null): unknown {
    return value instanceof Request ? this.getProcessedRequest(value, response) : this.getProcessedItem(value, response);
  }
}
