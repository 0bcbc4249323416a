import type { Crawler } from '../../core/crawler.ts';
import type { Request } from '../../http/request.ts';
import type { Response } from '../../http/response.ts';
import { isRefusedLocalRequest, reportRefusedLocalRequest } from '../local-scheme.ts';
import { BaseSpiderMiddleware } from './base-spider-middleware.ts';

/**
 * Keeps remote pages from making the crawler read local files: drops requests for `file:` (and the
 * browser's `blob:` / `filesystem:`) URLs that a callback yields from a response that is not local
 * itself, so a link to `file:///etc/passwd` on an http page is never followed. Start requests and
 * links between local pages are kept. Each refused URL is logged once as a warning
 * (`Refused <GET file:///etc/passwd> linked from <200 http://...>: ...`) and every refusal counts
 * in `localscheme/refused`. Redirects to local URLs are refused by the redirect middlewares with
 * the same rule.
 *
 * Disable it (`SPIDER_MIDDLEWARES: { LocalSchemeMiddleware: null }`) only for crawls of trusted
 * sites. Order in SPIDER_MIDDLEWARES_BASE: 30 (low, so it sees the output of every other
 * middleware).
 * @see Scrapy's OffsiteMiddleware, which filters requests by domain the same way
 */
export class LocalSchemeMiddleware extends BaseSpiderMiddleware {
  #seen = new Set<string>();

  constructor(crawler: Crawler) {
    super(crawler);
  }

  override getProcessedRequest(request: Request, response: Response | null): Request | null {
    if (response === null || !isRefusedLocalRequest(request, response.url)) return request;
    reportRefusedLocalRequest(this.crawler, request, response, 'linked from', this.#seen);
    return null;
  }
}
