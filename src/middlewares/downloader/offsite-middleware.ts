import type { Crawler } from '../../core/crawler.ts';
import type { DownloaderMiddleware } from '../../core/downloader/downloader-middleware-manager.ts';
import type { Logger } from '../../core/log.ts';
import { signals } from '../../core/signals.ts';
import { IgnoreRequest } from '../../errors/ignore-request.ts';
import type { Request } from '../../http/request.ts';
import type { Spider } from '../../spiders/spider.ts';
import { hostnameOf } from './url-parts.ts';

const URL_ENTRY = /^https?:\/\/.*$/;
const PORT_ENTRY = /:\d+$/;

/**
 * Drops requests to hosts outside the spider's `allowedDomains` (Scrapy 2.11+'s downloader
 * OffsiteMiddleware). A host is allowed if it is an allowed domain or a subdomain of one
 * (`example.com` allows `www.example.com`, not `notexample.com`). No `allowedDomains` allows
 * everything. Entries with a scheme or a port are ignored with a warning, as in Scrapy.
 *
 * Requests are checked when scheduled (the `request_scheduled` signal, so they never enter the
 * scheduler) and again on their way to the downloader. Requests with `dontFilter: true` or meta
 * `allow_offsite: true` pass.
 *
 * A filtered request fails with IgnoreRequest; stats `offsite/filtered` (each request) and
 * `offsite/domains` (each new domain); DEBUG log `Filtered offsite request to 'host': <GET url>`
 * once per domain. Order in DOWNLOADER_MIDDLEWARES_BASE: 50.
 * @see https://docs.scrapy.org/en/latest/topics/downloader-middleware.html#module-scrapy.downloadermiddlewares.offsite
 */
export class OffsiteMiddleware implements DownloaderMiddleware {
  #crawler: Crawler;
  #logger: Logger;
  #domainsSeen = new Set<string>();
  #allowedKey: string | undefined;
  #allowed: string[] = [];
  #allowAll = true;

  constructor(crawler: Crawler) {
    this.#crawler = crawler;
    this.#logger = crawler.getLogger('skitter.downloadermiddlewares.offsite');
    crawler.signals.connect(signals.spiderOpened, ({ spider }) => this.#updateDomains(spider));
    crawler.signals.connect(signals.requestScheduled, ({ request }) => this.processRequest(request));
  }

  processRequest(request: Request): void {
    if (request.dontFilter || request.meta.allow_offsite || this.shouldFollow(request, this.#crawler.spider)) return;
    const domain = hostnameOf(request.url);
    const stats = this.#crawler.stats;
    if (domain && !this.#domainsSeen.has(domain)) {
      this.#domainsSeen.add(domain);
      this.#logger.debug(`Filtered offsite request to '${domain}': ${request}`);
      stats.incValue('offsite/domains');
    }
    stats.incValue('offsite/filtered');
    throw new IgnoreRequest(`Filtered offsite request to '${domain}'`);
  }

  /**
   * True if `request` is on site. Override in a subclass for another policy.
   * @see Scrapy's `OffsiteMiddleware.should_follow`
   */
  shouldFollow(request: Request, spider: Spider): boolean {
    this.#updateDomains(spider);
    if (this.#allowAll) return true;
    const host = hostnameOf(request.url);
    return this.#allowed.some((d) => host === d || host.endsWith(`.${d}`));
  }

  #updateDomains(spider: Spider): void {
    const list = (spider.allowedDomains ?? []).filter((d): d is string => typeof d === 'string');
    const key = list.join('\n');
    if (key === this.#allowedKey) return;
    this.#allowedKey = key;
    this.#allowed = [];
    // Like Scrapy, a list of only invalid entries allows nothing (not everything).
    this.#allowAll = list.length === 0;
    for (const domain of list) {
      if (URL_ENTRY.test(domain)) {
        this.#logger.warning(`allowed_domains accepts only domains, not URLs. Ignoring URL entry ${domain} in allowed_domains.`);
      } else if (PORT_ENTRY.test(domain)) {
        this.#logger.warning(`allowed_domains accepts only domains without ports. Ignoring entry ${domain} in allowed_domains.`);
      } else {
        this.#allowed.push(domain.toLowerCase());
      }
    }
  }
}
