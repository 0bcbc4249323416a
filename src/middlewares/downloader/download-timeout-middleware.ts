import type { Crawler } from '../../core/crawler.ts';
import type { DownloaderMiddleware } from '../../core/downloader/downloader-middleware-manager.ts';
import { signals } from '../../core/signals.ts';
import type { Request } from '../../http/request.ts';

/**
 * Sets the `download_timeout` meta key (seconds) of requests that lack it, from the spider's
 * `downloadTimeout` property (Scrapy's `download_timeout` attribute) or DOWNLOAD_TIMEOUT. The HTTP
 * download handler cancels the transfer after that long with a DownloadTimeoutError. A timeout of
 * 0 sets nothing.
 *
 * Settings: DOWNLOAD_TIMEOUT (seconds, default 180). Order in DOWNLOADER_MIDDLEWARES_BASE: 350.
 * @see https://docs.scrapy.org/en/latest/topics/downloader-middleware.html#module-scrapy.downloadermiddlewares.downloadtimeout
 */
export class DownloadTimeoutMiddleware implements DownloaderMiddleware {
  /** The timeout in force, in seconds. */
  timeout: number;

  constructor(crawler: Crawler) {
    this.timeout = crawler.settings.getFloat('DOWNLOAD_TIMEOUT');
    crawler.signals.connect(signals.spiderOpened, ({ spider }) => {
      const own = (spider as { downloadTimeout?: unknown }).downloadTimeout;
      if (typeof own === 'number') this.timeout = own;
    });
  }

  processRequest(request: Request): void {
    if (this.timeout && request.meta.download_timeout === undefined) request.meta.download_timeout = this.timeout;
  }
}
