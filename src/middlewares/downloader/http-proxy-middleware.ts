import type { Crawler } from '../../core/crawler.ts';
import type { DownloaderMiddleware } from '../../core/downloader/downloader-middleware-manager.ts';
import { NotConfigured } from '../../errors/not-configured.ts';
import type { Request } from '../../http/request.ts';
import { basicCredentials, hostnameOf } from './url-parts.ts';
import { hostEnv, parseProxy, proxiesFromEnv, proxyBypass, type Env } from './proxy-env.ts';

interface ProxyEntry {
  /** `Basic ...` value, or undefined without credentials. */
  auth: string | undefined;
  /** Proxy URL without credentials: `http://host:port`. */
  url: string;
}

/**
 * Chooses the HTTP proxy of each request, as Scrapy does: meta `proxy` (a URL, maybe with
 * `user:pass@`; `null` for none), else the `<scheme>_proxy` environment variables (`http_proxy`,
 * `https_proxy`..., honouring `no_proxy`). It leaves meta `proxy` as the proxy URL without
 * credentials and sends them as `Proxy-Authorization: Basic ...` (HTTPPROXY_AUTH_ENCODING); the
 * header is removed when the proxy changes or goes away. Meta `_auth_proxy` / `_scheme_proxy`
 * track this between redirects, as in Scrapy.
 *
 * The download handler routes a request through meta `proxy` where the platform can (the
 * `proxies` capability: Node); browsers and MV3 service workers use the browser's proxy settings,
 * so there it raises NotConfigured.
 *
 * Settings: HTTPPROXY_ENABLED, HTTPPROXY_AUTH_ENCODING (default `latin-1`). Order in
 * DOWNLOADER_MIDDLEWARES_BASE: 750.
 * @throws {NotConfigured} when HTTPPROXY_ENABLED is false or the platform has no per-request proxies.
 * @see https://docs.scrapy.org/en/latest/topics/downloader-middleware.html#module-scrapy.downloadermiddlewares.httpproxy
 */
export class HttpProxyMiddleware implements DownloaderMiddleware {
  /** Proxies from the environment, by URL scheme. */
  readonly proxies = new Map<string, ProxyEntry>();
  readonly authEncoding: string;
  #noProxy: string;

  /**
   * @param env environment variables to read proxies from. @default the host's environment variables where there are some (Node), else none
   */
  constructor(crawler: Crawler, env: Env = hostEnv()) {
    if (!crawler.settings.getBool('HTTPPROXY_ENABLED')) throw new NotConfigured('HTTPPROXY_ENABLED is false');
    if (!crawler.adapter.capabilities.has('proxies')) {
      throw new NotConfigured(`the ${crawler.adapter.name} platform has no per-request proxies; configure the proxy in the browser instead`);
    }
    this.authEncoding = crawler.settings.get<string>('HTTPPROXY_AUTH_ENCODING', 'latin-1');
    const { proxies, noProxy } = proxiesFromEnv(env);
    this.#noProxy = noProxy;
    for (const [scheme, url] of proxies) {
      try {
        this.proxies.set(scheme, this.#getProxy(url, scheme));
      } catch {
        // Values such as a socket path are not proxy URLs: skipped, as in Scrapy.
      }
    }
  }

  processRequest(request: Request): void {
    const meta = request.meta;
    let entry: ProxyEntry | undefined;
    let scheme: string | undefined;
    if ('proxy' in meta) {
      if (meta.proxy != null) entry = this.#getProxy(String(meta.proxy), '');
    } else if (this.proxies.size > 0) {
      const urlScheme = request.url.slice(0, request.url.indexOf(':')).toLowerCase();
      const host = hostnameOf(request.url);
      const httpLike = urlScheme === 'http' || urlScheme === 'https';
      if ((!httpLike || (host && !proxyBypass(host, this.#noProxy))) && this.proxies.has(urlScheme)) {
        scheme = urlScheme;
        entry = this.proxies.get(urlScheme);
      }
    }
    this.#setProxyAndCreds(request, entry, scheme);
  }

  #getProxy(url: string, fallbackScheme: string): ProxyEntry {
    const { scheme, user, password, hostPort } = parseProxy(url);
    const auth = user ? `Basic ${basicCredentials(safeDecode(user), safeDecode(password), this.authEncoding)}` : undefined;
    return { auth, url: `${scheme || fallbackScheme}://${hostPort}` };
  }

  #setProxyAndCreds(request: Request, entry: ProxyEntry | undefined, scheme: string | undefined): void {
    const meta = request.meta;
    const headers = request.headers;
    if (scheme) meta._scheme_proxy = true;
    if (entry) meta.proxy = entry.url;
    else if (meta.proxy != null) meta.proxy = null;
    if (entry?.auth) {
      headers.set('Proxy-Authorization', entry.auth);
      meta._auth_proxy = entry.url;
    } else if ('_auth_proxy' in meta) {
      if (entry?.url !== meta._auth_proxy) {
        headers.delete('Proxy-Authorization');
        delete meta._auth_proxy;
      }
    } else if (headers.has('Proxy-Authorization')) {
      if (entry) meta._auth_proxy = entry.url;
      else headers.delete('Proxy-Authorization');
    }
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
