import type { Crawler } from '../../core/crawler.ts';
import type { DownloaderMiddleware } from '../../core/downloader/downloader-middleware-manager.ts';
import type { Logger } from '../../core/log.ts';
import { signals } from '../../core/signals.ts';
import { IgnoreRequest } from '../../errors/ignore-request.ts';
import { NotConfigured } from '../../errors/not-configured.ts';
import type { Request, RequestChanges } from '../../http/request.ts';
import type { Response } from '../../http/response.ts';
import { RefererMiddleware } from '../spider/referer-middleware.ts';

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };
const CONTENT_HEADERS = ['Content-Type', 'Content-Length', 'Content-Encoding', 'Content-Language', 'Content-Location'];

/** What a redirect is recorded as in meta `redirect_reasons`: the HTTP status or `'meta refresh'`. */
export type RedirectReason = number | string;

/**
 * What RedirectMiddleware and MetaRefreshMiddleware share (Scrapy's `BaseRedirectMiddleware`):
 * building the new request and keeping the redirect chain in meta.
 *
 * Meta written on the new request: `redirect_times` (hops so far), `redirect_ttl` (hops left),
 * `redirect_urls` (every URL before this one, oldest first) and `redirect_reasons` (status codes or
 * `'meta refresh'`). It keeps `dontFilter` and gets priority + REDIRECT_PRIORITY_ADJUST.
 * Over REDIRECT_MAX_TIMES hops the request is dropped with IgnoreRequest and the DEBUG log
 * `Discarding <GET url>: max redirections reached`.
 *
 * Header rules on the new request: `Cookie` is dropped when the host changes or the scheme changes
 * to anything but https; `Authorization` when scheme, host or port change; `Proxy-Authorization`
 * and meta `proxy` when an environment proxy was used and the scheme changes. `Referer` is set by
 * the crawl's {@link RefererMiddleware} (spider middleware) as for a link from the redirecting
 * response, or removed when there is none.
 * @see https://docs.scrapy.org/en/latest/topics/downloader-middleware.html#module-scrapy.downloadermiddlewares.redirect
 */
export abstract class BaseRedirectMiddleware implements DownloaderMiddleware {
  readonly maxRedirectTimes: number;
  readonly priorityAdjust: number;
  protected readonly crawler: Crawler;
  protected readonly logger: Logger;
  #referer: RefererMiddleware | undefined;

  /**
   * @param enabledSetting the boolean setting that enables the middleware.
   * @throws {NotConfigured} when `enabledSetting` is false.
   */
  constructor(crawler: Crawler, enabledSetting = 'REDIRECT_ENABLED') {
    if (!crawler.settings.getBool(enabledSetting)) throw new NotConfigured(`${enabledSetting} is false`);
    this.crawler = crawler;
    this.logger = crawler.getLogger('skitter.downloadermiddlewares.redirect');
    this.maxRedirectTimes = crawler.settings.getInt('REDIRECT_MAX_TIMES');
    this.priorityAdjust = crawler.settings.getInt('REDIRECT_PRIORITY_ADJUST');
    crawler.signals.connect(signals.engineStarted, () => this.#findRefererMiddleware());
  }

  abstract processResponse(request: Request, response: Response): Response | Request;

  /**
   * Sets or removes the Referer header of `request`, redirected from `response`. Override it to
   * use your own referrer logic.
   */
  protected handleReferer(request: Request, response: Response): void {
    request.headers.delete('Referer');
    this.#referer?.getProcessedRequest(request, response);
  }

  /** Records the hop on `redirected`, or drops the request past REDIRECT_MAX_TIMES. */
  protected redirect(redirected: Request, request: Request, reason: RedirectReason): Request {
    const meta = request.meta;
    if (typeof meta.redirect_ttl !== 'number') meta.redirect_ttl = this.maxRedirectTimes;
    const ttl = meta.redirect_ttl as number;
    const redirects = (typeof meta.redirect_times === 'number' ? meta.redirect_times : 0) + 1;
    if (ttl && redirects <= this.maxRedirectTimes) {
      const out = redirected.meta;
      out.redirect_times = redirects;
      out.redirect_ttl = ttl - 1;
      out.redirect_urls = [...(Array.isArray(meta.redirect_urls) ? meta.redirect_urls : []), request.url];
      out.redirect_reasons = [...(Array.isArray(meta.redirect_reasons) ? meta.redirect_reasons : []), reason];
      redirected.dontFilter = request.dontFilter;
      redirected.priority = request.priority + this.priorityAdjust;
      if (this.crawler.logLevelEnabled('DEBUG')) this.logger.debug(`Redirecting (${reason}) to ${redirected} from ${request}`);
      return redirected;
    }
    if (this.crawler.logLevelEnabled('DEBUG')) this.logger.debug(`Discarding ${request}: max redirections reached`);
    throw new IgnoreRequest('max redirections reached');
  }

  /** A copy of `source` for `url` (cookies emptied: the jar has them), with the header rules above. */
  protected buildRedirectRequest(source: Request, response: Response, url: string, changes: RequestChanges = {}): Request {
    const redirected = source.replace({ ...changes, url, cookies: {} });
    const from = new URL(source.url);
    const to = new URL(redirected.url);
    if ('_scheme_proxy' in redirected.meta && from.protocol !== to.protocol) {
      const meta = redirected.meta;
      delete meta._scheme_proxy;
      delete meta.proxy;
      delete meta._auth_proxy;
      redirected.headers.delete('Proxy-Authorization');
    }
    const headers = redirected.headers;
    if (headers.has('Cookie') && ((to.protocol !== from.protocol && to.protocol !== 'https:') || from.hostname !== to.hostname)) {
      headers.delete('Cookie');
    }
    if (headers.has('Authorization')) {
      const fromPort = from.port || DEFAULT_PORTS[from.protocol];
      const toPort = to.port || DEFAULT_PORTS[to.protocol];
      if (from.protocol !== to.protocol || from.hostname !== to.hostname || fromPort !== toPort) headers.delete('Authorization');
    }
    this.handleReferer(redirected, response);
    return redirected;
  }

  /** The redirect as a GET without body and without Content-* headers (302/303 rules). */
  protected redirectRequestUsingGet(source: Request, response: Response, url: string): Request {
    const redirected = this.buildRedirectRequest(source, response, url, { method: 'GET', body: null });
    for (const name of CONTENT_HEADERS) redirected.headers.delete(name);
    return redirected;
  }

  #findRefererMiddleware(): void {
    const middlewares = this.crawler.engine.scraper.spidermw.middlewares;
    this.#referer = middlewares.find((m): m is RefererMiddleware => m instanceof RefererMiddleware);
    if (this.#referer) return;
    const name = this.constructor.name;
    this.logger.warning(`${name} found no RefererMiddleware instance to handle Referer header handling, so the Referer header will be removed on redirects. To set a Referer header on redirects, enable RefererMiddleware (or a subclass), or replace ${name} with a subclass that overrides the handleReferer() method.`);
  }
}
