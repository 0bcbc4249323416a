import type { Crawler } from '../../core/crawler.ts';
import type { Request } from '../../http/request.ts';
import type { Response } from '../../http/response.ts';
import { BaseSpiderMiddleware } from './base-spider-middleware.ts';

/** URL schemes that read from the machine running the crawl rather than from the network. */
export const LOCAL_SCHEMES: ReadonlySet<string> = new Set(['file:', 'blob:', 'filesystem:']);

/** Stat counting the requests LocalSchemeMiddleware refused. */
export const LOCAL_SCHEME_REFUSED_STAT = 'localscheme/refused';

function schemeOf(url: string): string {
  const colon = url.indexOf(':');
  return colon < 0 ? '' : url.slice(0, colon + 1).toLowerCase();
}

/** True if `url` has a local scheme ({@link LOCAL_SCHEMES}). */
export function isLocalUrl(url: string): boolean {
  return LOCAL_SCHEMES.has(schemeOf(url));
}

/**
 * Keeps remote pages from making the crawler read local files: drops requests for `file:` (and the
 * browser's `blob:` / `filesystem:`) URLs that a callback yields from a response that is not local
 * itself, so a link to `file:///etc/passwd` on an http page is never followed, whatever
 * `allowedDomains` says. Local URLs are downloaded only when they start the crawl (`start()`,
 * start URLs) or come from a page that is local too. Each refused URL is logged once as a warning
 * (`Refused <GET file:///etc/passwd> linked from <200 http://...>: ...`) and every refusal counts
 * in `localscheme/refused`. Redirects need no check: RedirectMiddleware and MetaRefreshMiddleware
 * follow only http(s) targets, as Scrapy's do.
 *
 * Disable it (`SPIDER_MIDDLEWARES: { LocalSchemeMiddleware: null }`) only for crawls of trusted
 * sites. Order in SPIDER_MIDDLEWARES_BASE: 30 (low, so it sees the output of every other
 * middleware).
 * @see Scrapy's OffsiteMiddleware, which filters requests by domain the same way
 */
export class LocalSchemeMiddleware extends BaseSpiderMiddleware {
  #warned = new Set<string>();

  constructor(crawler: Crawler) {
    super(crawler);
  }

  override getProcessedRequest(request: Request, response: Response | null): Request | null {
    if (response === null || !isLocalUrl(request.url) || isLocalUrl(response.url)) return request;
    this.crawler.stats.incValue(LOCAL_SCHEME_REFUSED_STAT);
    if (!this.#warned.has(request.url)) {
      this.#warned.add(request.url);
      this.crawler.logger.warning(`Refused ${request} linked from ${response}: ${schemeOf(request.url)} URLs are downloaded only from start requests or from pages that are local themselves, never from remote pages.`);
    }
    return null;
  }
}
