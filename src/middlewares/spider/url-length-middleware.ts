import type { Crawler } from '../../core/crawler.ts';
import { NotConfigured } from '../../errors/not-configured.ts';
import type { Request } from '../../http/request.ts';
import type { Response } from '../../http/response.ts';
import { BaseSpiderMiddleware } from './base-spider-middleware.ts';

/**
 * Drops requests whose URL is longer than URLLENGTH_LIMIT characters (start requests included),
 * logging each at INFO (as Scrapy) and counting them in `urllength/request_ignored_count`.
 *
 * Settings: URLLENGTH_LIMIT (characters, default 2083; 0 raises NotConfigured).
 * Order in SPIDER_MIDDLEWARES_BASE: 800.
 * @throws {NotConfigured} when URLLENGTH_LIMIT is 0.
 * @see https://docs.scrapy.org/en/latest/topics/spider-middleware.html#module-scrapy.spidermiddlewares.urllength
 */
export class UrlLengthMiddleware extends BaseSpiderMiddleware {
  /** The longest URL kept, in characters. */
  readonly maxLength: number;

  constructor(crawler: Crawler) {
    super(crawler);
    this.maxLength = crawler.settings.getInt('URLLENGTH_LIMIT');
    if (!this.maxLength) throw new NotConfigured('URLLENGTH_LIMIT is 0');
  }

  override getProcessedRequest(request: Request, _response: Response | null): Request | null {
    if (request.url.length <= this.maxLength) return request;
    this.crawler.logger.info(`Ignoring link (url length > ${this.maxLength}): ${request.url}`);
    this.crawler.stats.incValue('urllength/request_ignored_count');
    return null;
  }
}
