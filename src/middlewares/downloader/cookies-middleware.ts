import { CookieJar } from 'tough-cookie';
import type { Crawler } from '../../core/crawler.ts';
import type { DownloaderMiddleware } from '../../core/downloader/downloader-middleware-manager.ts';
import type { Logger } from '../../core/log.ts';
import { NotConfigured } from '../../errors/not-configured.ts';
import type { Request } from '../../http/request.ts';
import type { Response } from '../../http/response.ts';

/** One cookie of `Request.cookies` in its list form. */
interface VerboseCookie {
  name?: unknown;
  value?: unknown;
  domain?: unknown;
  path?: unknown;
  secure?: unknown;
}

/**
 * Keeps cookies like a browser: `Set-Cookie` headers of responses go into a cookie jar (tough-cookie,
 * RFC 6265), and each request gets a `Cookie` header with the jar's cookies for its URL (any
 * Cookie header the request had is replaced). A request's own `cookies` (`{ name: value }`, or
 * `[{ name, value, domain?, path?, secure? }]`) are added to the jar first; they are secure when the
 * request URL is https, unless `secure` says otherwise.
 *
 * - meta `cookiejar`: any value naming a separate jar (sessions that must not share cookies);
 *   requests without it share the default jar. Set it again on follow-up requests.
 * - meta `dont_merge_cookies: true`: the request's cookies and the response's Set-Cookie are left
 *   alone (the request's own Cookie header is sent as is).
 * - COOKIES_DEBUG: DEBUG logs `Sending cookies to: <GET url>\nCookie: a=1\n` and
 *   `Received cookies from: <200 url>\nSet-Cookie: a=1\n`.
 *
 * Only where the platform's fetch keeps no jar of its own (the `cookieJar` capability: Node, the
 * virtual adapter). Browsers and MV3 service workers forbid the Cookie header and use the
 * browser's own cookie jar (with `credentials`), so there it raises NotConfigured.
 *
 * Settings: COOKIES_ENABLED, COOKIES_DEBUG. Order in DOWNLOADER_MIDDLEWARES_BASE: 700.
 * @throws {NotConfigured} when COOKIES_ENABLED is false or the platform uses the browser's cookie jar.
 * @see https://docs.scrapy.org/en/latest/topics/downloader-middleware.html#module-scrapy.downloadermiddlewares.cookies
 */
export class CookiesMiddleware implements DownloaderMiddleware {
  /** The jars by meta `cookiejar` value (`undefined`: the default jar). */
  readonly jars = new Map<unknown, CookieJar>();
  readonly debug: boolean;
  #logger: Logger;

  constructor(crawler: Crawler) {
    if (!crawler.settings.getBool('COOKIES_ENABLED')) throw new NotConfigured('COOKIES_ENABLED is false');
    if (!crawler.adapter.capabilities.has('cookieJar')) {
      throw new NotConfigured(`the ${crawler.adapter.name} platform's fetch uses the browser's own cookie jar`);
    }
    this.debug = crawler.settings.getBool('COOKIES_DEBUG');
    this.#logger = crawler.getLogger('skitter.downloadermiddlewares.cookies');
  }

  /** The jar for a meta `cookiejar` value, created on first use. */
  jar(key: unknown): CookieJar {
    let jar = this.jars.get(key);
    if (!jar) this.jars.set(key, (jar = new CookieJar()));
    return jar;
  }

  processRequest(request: Request): void {
    if (request.meta.dont_merge_cookies) return;
    const jar = this.jar(request.meta.cookiejar);
    for (const cookie of this.#requestCookies(request)) jar.setCookieSync(cookie, request.url, { ignoreError: true });
    request.headers.delete('Cookie');
    const header = jar.getCookieStringSync(request.url);
    if (header) request.headers.set('Cookie', header);
    if (this.debug && header) this.#logger.debug(`Sending cookies to: ${request}\nCookie: ${header}\n`);
  }

  processResponse(request: Request, response: Response): Response {
    if (request.meta.dont_merge_cookies) return response;
    const cookies = response.headers.getAll('Set-Cookie');
    if (cookies.length === 0) return response;
    const jar = this.jar(request.meta.cookiejar);
    for (const cookie of cookies) jar.setCookieSync(cookie, request.url, { ignoreError: true });
    if (this.debug) this.#logger.debug(`Received cookies from: ${response}\n${cookies.map((c) => `Set-Cookie: ${c}\n`).join('\n')}`);
    return response;
  }

  /** `Request.cookies` as Set-Cookie strings (Scrapy's `_get_request_cookies` / `_format_cookie`). */
  #requestCookies(request: Request): string[] {
    const raw = request.cookies;
    const list: VerboseCookie[] = Array.isArray(raw)
      ? raw
      : Object.entries(raw ?? {}).map(([name, value]) => ({ name, value }));
    if (list.length === 0) return [];
    const https = request.url.startsWith('https:');
    const out: string[] = [];
    for (const cookie of list) {
      const missing = cookie.name == null ? 'name' : cookie.value == null ? 'value' : undefined;
      if (missing) {
        this.#logger.warning(`Invalid cookie found in request ${request}: ${JSON.stringify(cookie)} ('${missing}' is missing)`);
        continue;
      }
      let text = `${String(cookie.name)}=${String(cookie.value)}`;
      if (cookie.path != null) text += `; Path=${String(cookie.path)}`;
      if (cookie.domain != null) text += `; Domain=${String(cookie.domain)}`;
      if (cookie.secure ?? https) text += '; Secure';
      out.push(text);
    }
    return out;
  }
}
