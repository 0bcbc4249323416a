import type { Crawler } from '../../core/crawler.ts';
import type { DownloaderMiddleware } from '../../core/downloader/downloader-middleware-manager.ts';
import { signals } from '../../core/signals.ts';
import type { Request } from '../../http/request.ts';
import { splitUserinfo } from '../../http/redact-url.ts';
import { basicCredentials, hostnameOf, urlIsFromAnyDomain } from './url-parts.ts';

/**
 * Sends HTTP Basic credentials: `Authorization: Basic base64(user:pass)` (UTF-8), on requests
 * that do not carry an Authorization header already.
 *
 * - Spider-wide: the spider's `httpUser` / `httpPass` properties (Scrapy's `http_user` /
 *   `http_pass`), sent to `httpAuthDomain` and its subdomains. When `httpAuthDomain` is
 *   `undefined`, the host of the first request is used (so credentials never leak to other
 *   sites); `null` sends them everywhere.
 * - Per request: meta `http_user` / `http_pass` / `http_auth_domain` override the spider's.
 * - In the URL (`http://user:pass@host/`): the request is replaced by one without the userinfo
 *   that sends it as the Authorization header (unless it has one), for that URL only; it is not
 *   filtered as a duplicate. Log lines, stats and errors show such URLs as `http://***@host/`
 *   (fetch refuses URLs with credentials, so they never go on the wire).
 *
 * The port is not part of the domain match. Order in DOWNLOADER_MIDDLEWARES_BASE: 300.
 * @see https://docs.scrapy.org/en/latest/topics/downloader-middleware.html#module-scrapy.downloadermiddlewares.httpauth
 */
export class HttpAuthMiddleware implements DownloaderMiddleware {
  #auth: string | undefined;
  #domain: string | null | undefined;

  constructor(crawler: Crawler) {
    crawler.signals.connect(signals.spiderOpened, ({ spider }) => {
      const s = spider as { httpUser?: unknown; httpPass?: unknown; httpAuthDomain?: unknown };
      const user = typeof s.httpUser === 'string' ? s.httpUser : '';
      const pass = typeof s.httpPass === 'string' ? s.httpPass : '';
      if (!user && !pass) return;
      this.#auth = `Basic ${basicCredentials(user, pass)}`;
      this.#domain = typeof s.httpAuthDomain === 'string' || s.httpAuthDomain === null ? s.httpAuthDomain : undefined;
    });
  }

  processRequest(request: Request): Request | undefined {
    const inUrl = splitUserinfo(request.url);
    if (inUrl) {
      const headers = request.headers.copy();
      if (!headers.has('Authorization')) headers.set('Authorization', `Basic ${basicCredentials(inUrl.user, inUrl.password)}`);
      return request.replace({ url: inUrl.url, headers, dontFilter: true });
    }
    if (request.headers.has('Authorization')) return undefined;
    const meta = request.meta;
    const user = typeof meta.http_user === 'string' ? meta.http_user : '';
    const pass = typeof meta.http_pass === 'string' ? meta.http_pass : '';
    if (user || pass) {
      const domain = meta.http_auth_domain;
      if (typeof domain !== 'string' || !domain || urlIsFromAnyDomain(request.url, [domain])) {
        request.headers.set('Authorization', `Basic ${basicCredentials(user, pass)}`);
      }
      return undefined;
    }
    if (this.#auth === undefined) return undefined;
    if (this.#domain === undefined) {
      // A first request without a host (data:) must not open the credentials to every domain.
      const host = hostnameOf(request.url);
      if (!host) return undefined;
      this.#domain = host;
    }
    if (!this.#domain || urlIsFromAnyDomain(request.url, [this.#domain])) request.headers.set('Authorization', this.#auth);
    return undefined;
  }
}
