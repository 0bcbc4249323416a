import type { Crawler } from '../../core/crawler.ts';
import type { Request } from '../../http/request.ts';
import type { Response } from '../../http/response.ts';
import { BaseRedirectMiddleware } from './base-redirect-middleware.ts';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Follows HTTP redirects (301, 302, 303, 307, 308 with a Location header) with Scrapy's rules:
 *
 * - the Location is resolved against the request URL and keeps the request's `#fragment` when it
 *   has none; a redirect to anything but http(s) is not followed (the 3xx response goes on);
 * - 301/302 after POST, and 303 after anything but GET/HEAD, become a GET without body and
 *   without Content-* headers; every other case keeps the method and body (307/308 always);
 * - the hop is recorded in meta as described in {@link BaseRedirectMiddleware}, the DEBUG log reads
 *   `Redirecting (301) to <GET b> from <GET a>`.
 *
 * Skipped for meta `dont_redirect: true`, a status in meta `handle_httpstatus_list` or in the
 * spider's `handleHttpstatusList`, and meta `handle_httpstatus_all: true`.
 *
 * Where the platform hides redirects (browsers and MV3: no `manualRedirects` capability) fetch
 * follows them itself and the HTTP download handler records `redirect_urls`; this middleware then
 * never sees a 3xx.
 *
 * Settings: REDIRECT_ENABLED, REDIRECT_MAX_TIMES (default 20), REDIRECT_PRIORITY_ADJUST (default 2).
 * Order in DOWNLOADER_MIDDLEWARES_BASE: 600.
 * @throws {NotConfigured} when REDIRECT_ENABLED is false.
 * @see https://docs.scrapy.org/en/latest/topics/downloader-middleware.html#module-scrapy.downloadermiddlewares.redirect
 */
export class RedirectMiddleware extends BaseRedirectMiddleware {
  constructor(crawler: Crawler) {
    super(crawler, 'REDIRECT_ENABLED');
  }

  processResponse(request: Request, response: Response): Response | Request {
    const meta = request.meta;
    const spiderList = (this.crawler.spider as { handleHttpstatusList?: unknown }).handleHttpstatusList;
    if (
      meta.dont_redirect
      || (Array.isArray(spiderList) && spiderList.includes(response.status))
      || (Array.isArray(meta.handle_httpstatus_list) && meta.handle_httpstatus_list.includes(response.status))
      || meta.handle_httpstatus_all
    ) {
      return response;
    }
    const location = response.headers.get('Location');
    if (location === null || !REDIRECT_STATUSES.has(response.status)) return response;

    let target: URL;
    try {
      target = new URL(location.trim(), request.url);
    } catch {
      return response;
    }
    if (!target.hash) target.hash = new URL(request.url).hash;
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return response;
    const url = target.href;
    const status = response.status;
    const method = request.method;
    const toGet = ((status === 301 || status === 302) && method === 'POST') || (status === 303 && method !== 'GET' && method !== 'HEAD');
    const redirected = toGet ? this.redirectRequestUsingGet(request, response, url) : this.buildRedirectRequest(request, response, url);
    return this.redirect(redirected, request, status);
  }
}
