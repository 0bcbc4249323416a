import type { Crawler } from '../../core/crawler.ts';
import type { DownloaderMiddleware } from '../../core/downloader/downloader-middleware-manager.ts';
import { signals } from '../../core/signals.ts';
import type { Request } from '../../http/request.ts';

/**
 * Sets the `User-Agent` header of requests that have none: the spider's `userAgent` property
 * (Scrapy's `user_agent` attribute) when set, else the USER_AGENT setting. An empty value adds
 * nothing. Browsers and MV3 service workers drop the header (the platform sends its own).
 *
 * Settings: USER_AGENT. Order in DOWNLOADER_MIDDLEWARES_BASE: 500.
 * @see https://docs.scrapy.org/en/latest/topics/downloader-middleware.html#module-scrapy.downloadermiddlewares.useragent
 */
export class UserAgentMiddleware implements DownloaderMiddleware {
  /** The User-Agent in force (after the spider opened, the spider's `userAgent` if it has one). */
  userAgent: string;

  constructor(crawler: Crawler) {
    this.userAgent = crawler.settings.get<string>('USER_AGENT', 'skitter');
    crawler.signals.connect(signals.spiderOpened, ({ spider }) => {
      const own = (spider as { userAgent?: unknown }).userAgent;
      if (typeof own === 'string') this.userAgent = own;
    });
  }

  processRequest(request: Request): void {
    if (this.userAgent) request.headers.setDefault('User-Agent', this.userAgent);
  }
}
