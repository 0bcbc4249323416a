import type { Crawler } from '../../core/crawler.ts';
import type { DownloaderMiddleware } from '../../core/downloader/downloader-middleware-manager.ts';
import type { Request } from '../../http/request.ts';

/**
 * Adds DEFAULT_REQUEST_HEADERS to every request that does not set them already (a header the
 * request has, in any letter case, wins). List values add every value.
 *
 * Settings: DEFAULT_REQUEST_HEADERS (`{ name: value | value[] }`). Order in
 * DOWNLOADER_MIDDLEWARES_BASE: 400.
 * @see https://docs.scrapy.org/en/latest/topics/downloader-middleware.html#module-scrapy.downloadermiddlewares.defaultheaders
 */
export class DefaultHeadersMiddleware implements DownloaderMiddleware {
  #headers: Array<[string, string | string[]]>;

  constructor(crawler: Crawler) {
    const headers = crawler.settings.getDict<unknown>('DEFAULT_REQUEST_HEADERS');
    this.#headers = Object.entries(headers)
      .filter(([, v]) => v != null)
      .map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]);
  }

  processRequest(request: Request): void {
    for (const [name, value] of this.#headers) request.headers.setDefault(name, value);
  }
}
