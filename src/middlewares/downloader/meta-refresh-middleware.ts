import type { Crawler } from '../../core/crawler.ts';
import { HtmlResponse } from '../../http/html-response.ts';
import type { Request } from '../../http/request.ts';
import type { Response } from '../../http/response.ts';
import { BaseRedirectMiddleware } from './base-redirect-middleware.ts';
import { getMetaRefresh } from './meta-refresh.ts';

/**
 * Follows `<meta http-equiv="refresh" content="N; url=...">` redirects of HTML responses whose
 * delay N (seconds) is below METAREFRESH_MAXDELAY. The new request is a GET (no body, no Content-*
 * headers); the hop is recorded in meta with reason `'meta refresh'` (see
 * {@link BaseRedirectMiddleware}); the DEBUG log reads `Redirecting (meta refresh) to <GET b> from <GET a>`.
 *
 * Skipped for meta `dont_redirect: true`, HEAD requests, non-HTML responses, non-http(s) request
 * URLs and targets.
 *
 * Settings: METAREFRESH_ENABLED, METAREFRESH_MAXDELAY (seconds, default 100), METAREFRESH_IGNORE_TAGS
 * (tags whose content is not searched, default []), REDIRECT_MAX_TIMES, REDIRECT_PRIORITY_ADJUST.
 * Order in DOWNLOADER_MIDDLEWARES_BASE: 580.
 * @throws {NotConfigured} when METAREFRESH_ENABLED is false.
 * @see https://docs.scrapy.org/en/latest/topics/downloader-middleware.html#module-scrapy.downloadermiddlewares.redirect
 */
export class MetaRefreshMiddleware extends BaseRedirectMiddleware {
  readonly ignoreTags: readonly string[];
  /** Longest delay followed, in seconds (exclusive). */
  readonly maxDelay: number;

  constructor(crawler: Crawler) {
    super(crawler, 'METAREFRESH_ENABLED');
    this.ignoreTags = crawler.settings.getList<string>('METAREFRESH_IGNORE_TAGS');
    this.maxDelay = crawler.settings.getFloat('METAREFRESH_MAXDELAY');
  }

  processResponse(request: Request, response: Response): Response | Request {
    if (request.meta.dont_redirect || request.method === 'HEAD' || !(response instanceof HtmlResponse) || !/^https?:/i.test(request.url)) {
      return response;
    }
    const refresh = getMetaRefresh(response.text, response.url, this.ignoreTags);
    if (!refresh) return response;
    if (!/^https?:/i.test(refresh.url) || !(refresh.interval < this.maxDelay)) return response;
    return this.redirect(this.redirectRequestUsingGet(request, response, refresh.url), request, 'meta refresh');
  }
}
