import type { Crawler } from '../../core/crawler.ts';
import type { Request } from '../../http/request.ts';
import type { Response } from '../../http/response.ts';
import type { Spider } from '../../spiders/spider.ts';
import { BaseSpiderMiddleware } from './base-spider-middleware.ts';

/**
 * Tracks how deep each request is from the start requests (`meta.depth`: 0 for start requests,
 * the parent response's depth + 1 for requests a callback yields), drops requests deeper than
 * DEPTH_LIMIT (DEBUG log), and adjusts priorities by depth: `priority -= depth * DEPTH_PRIORITY`
 * (a positive DEPTH_PRIORITY favours shallow pages: breadth-first-like; negative favours deep ones).
 *
 * Stats: `request_depth_max` (deepest request kept); with DEPTH_STATS_VERBOSE,
 * `request_depth_count/<depth>` (requests kept per depth; depth 0 counts start requests).
 *
 * Settings: DEPTH_LIMIT (0 = no limit, default), DEPTH_PRIORITY (default 0), DEPTH_STATS_VERBOSE (default false).
 * Order in SPIDER_MIDDLEWARES_BASE: 900.
 * @see https://docs.scrapy.org/en/latest/topics/spider-middleware.html#module-scrapy.spidermiddlewares.depth
 */
export class DepthMiddleware extends BaseSpiderMiddleware {
  /** DEPTH_LIMIT; 0 means no limit. */
  readonly maxDepth: number;
  /** DEPTH_PRIORITY. */
  readonly priorityPerDepth: number;
  /** DEPTH_STATS_VERBOSE. */
  readonly verboseStats: boolean;

  constructor(crawler: Crawler) {
    super(crawler);
    const s = crawler.settings;
    this.maxDepth = s.getInt('DEPTH_LIMIT');
    this.priorityPerDepth = s.getInt('DEPTH_PRIORITY');
    this.verboseStats = s.getBool('DEPTH_STATS_VERBOSE');
  }

  override *processSpiderOutput(response: Response | null, result: Iterable<unknown>, spider: Spider): Generator<unknown> {
    this.#initDepth(response);
    yield* super.processSpiderOutput(response, result, spider);
  }

  override async *processSpiderOutputAsync(response: Response | null, result: AsyncIterable<unknown>, spider: Spider): AsyncGenerator<unknown> {
    this.#initDepth(response);
    yield* super.processSpiderOutputAsync(response, result, spider);
  }

  override getProcessedRequest(request: Request, response: Response | null): Request | null {
    if (response === null) {
      // A start request: depth 0, unless the spider set one (e.g. when resuming a crawl).
      if (typeof request.meta.depth !== 'number') {
        request.meta.depth = 0;
        if (this.verboseStats) this.crawler.stats.incValue('request_depth_count/0');
      }
      return request;
    }
    const parent = response.request?.meta.depth;
    const depth = (typeof parent === 'number' ? parent : 0) + 1;
    request.meta.depth = depth;
    if (this.priorityPerDepth) request.priority -= depth * this.priorityPerDepth;
    if (this.maxDepth && depth > this.maxDepth) {
      if (this.crawler.logLevelEnabled('DEBUG')) this.crawler.logger.debug(`Ignoring link (depth > ${this.maxDepth}): ${request.url}`);
      return null;
    }
    if (this.verboseStats) this.crawler.stats.incValue(`request_depth_count/${depth}`);
    this.crawler.stats.maxValue('request_depth_max', depth);
    return request;
  }

  /** A response whose request bypassed `processStart` (e.g. sent with `engine.crawl`) is at depth 0. */
  #initDepth(response: Response | null): void {
    const request = response?.request;
    if (!request || typeof request.meta.depth === 'number') return;
    request.meta.depth = 0;
    if (this.verboseStats) this.crawler.stats.incValue('request_depth_count/0');
  }
}
