import { describe, expect, it } from 'vitest';
import { Crawler, Request, Spider, VirtualLoopAdapter } from '../../../src/node.ts';
import { HttpProxyMiddleware } from '../../../src/middlewares/downloader/index.ts';
import { parseProxy, proxyBypass } from '../../../src/middlewares/downloader/proxy-env.ts';
import { runSpider } from '../../helpers/run-spider.ts';

const withProxies = () => new VirtualLoopAdapter({ capabilities: ['manualRedirects', 'forbiddenHeaders', 'cookieJar', 'proxies'] });
const middleware = (env: Record<string, string> = {}, settings: Record<string, unknown> = {}) =>
  new HttpProxyMiddleware(new Crawler(Spider, settings, { adapter: withProxies() }), env);
const basic = (s: string) => `Basic ${Buffer.from(s, 'latin1').toString('base64')}`;

/** Runs `request` through `mw` and returns what Scrapy users look at. */
function apply(mw: HttpProxyMiddleware, request: Request) {
  mw.processRequest(request);
  return { proxy: request.meta.proxy, auth: request.headers.get('Proxy-Authorization') };
}

describe('HttpProxyMiddleware', () => {
  it('uses meta proxy, moving its credentials to Proxy-Authorization', () => {
    const got = apply(middleware(), new Request('http://a.test/', { meta: { proxy: 'http://us%40r:p%C3%A4ss@proxy.test:3128' } }));
    expect(got).toEqual({ proxy: 'http://proxy.test:3128', auth: basic('us@r:päss') });
  });

  it('uses http_proxy / https_proxy from the environment by request scheme, honouring no_proxy', () => {
    const mw = middleware({ http_proxy: 'http://u:p@proxy.test:8080', HTTPS_PROXY: 'proxy2.test:8443', no_proxy: 'internal.test, .corp' });
    expect(apply(mw, new Request('http://a.test/'))).toEqual({ proxy: 'http://proxy.test:8080', auth: basic('u:p') });
    expect(apply(mw, new Request('https://a.test/'))).toEqual({ proxy: 'https://proxy2.test:8443', auth: null });
    expect(apply(mw, new Request('http://internal.test/'))).toEqual({ proxy: undefined, auth: null });
    expect(apply(mw, new Request('http://x.corp/'))).toEqual({ proxy: undefined, auth: null });
  });

  it('meta proxy null disables the environment proxy', () => {
    const mw = middleware({ http_proxy: 'http://proxy.test:8080' });
    expect(apply(mw, new Request('http://a.test/', { meta: { proxy: null } }))).toEqual({ proxy: null, auth: null });
  });

  it('removes Proxy-Authorization when the proxy changes, keeps a user-set one for the same proxy', () => {
    const mw = middleware();
    const request = new Request('http://a.test/', { meta: { proxy: 'http://u:p@one.test:1' } });
    mw.processRequest(request);
    request.meta.proxy = 'http://two.test:2';
    expect(apply(mw, request)).toEqual({ proxy: 'http://two.test:2', auth: null });
    const own = new Request('http://a.test/', { meta: { proxy: 'http://three.test:3' }, headers: { 'Proxy-Authorization': 'Basic abc' } });
    expect(apply(mw, own)).toEqual({ proxy: 'http://three.test:3', auth: 'Basic abc' });
    expect(apply(mw, new Request('http://a.test/', { headers: { 'Proxy-Authorization': 'Basic abc' } }))).toEqual({ proxy: undefined, auth: null });
  });

  it('sets meta proxy and Proxy-Authorization in a crawl; the HTTP handler refuses to send them to the origin', async () => {
    const adapter = new VirtualLoopAdapter({
      capabilities: ['manualRedirects', 'forbiddenHeaders', 'cookieJar', 'proxies'],
      routes: { 'http://a.test/': 'ok' },
    });
    const seen: unknown[] = [];
    const failures: string[] = [];
    class S extends Spider {
      override name = 'p';
      override async *start() {
        yield new Request('http://a.test/', { callback: () => {}, errback: (f) => { failures.push(f.getErrorMessage()); } });
      }
    }
    const recorder = { processRequest: (r: Request) => { seen.push([r.url, r.meta.proxy, r.headers.get('Proxy-Authorization')]); } };
    const env = { http_proxy: 'http://u:p@proxy.test:8080' };
    const mw = { fromCrawler: (c: Crawler) => new HttpProxyMiddleware(c, env) };
    await runSpider(S, { RETRY_ENABLED: false, DOWNLOADER_MIDDLEWARES: { HttpProxyMiddleware: { use: mw, order: 750 }, recorder: { use: recorder, order: 800 } } }, { adapter });
    expect(seen).toEqual([['http://a.test/', 'http://proxy.test:8080', basic('u:p')]]);
    // No proxy routing in the handler yet: never leak the credentials to the origin.
    expect(adapter.requests).toEqual([]);
    expect(failures).toEqual(['[skitter] HttpDownloadHandler is not supported with proxies on virtual: fetch here cannot route through meta proxy "http://proxy.test:8080"; remove it or use a DOWNLOAD_HANDLERS entry that can.']);
  });

  it('raises NotConfigured without per-request proxies, or with HTTPPROXY_ENABLED=false', () => {
    expect(() => new HttpProxyMiddleware(new Crawler(Spider, {}, { adapter: new VirtualLoopAdapter() }), {}))
      .toThrow('the virtual platform has no per-request proxies; configure the proxy in the browser instead');
    expect(() => middleware({}, { HTTPPROXY_ENABLED: false })).toThrow('HTTPPROXY_ENABLED is false');
  });

  it('parses proxy URLs and no_proxy lists like Python urllib', () => {
    expect(parseProxy('http://u:p@h:1/path')).toEqual({ scheme: 'http', user: 'u', password: 'p', hostPort: 'h:1' });
    expect(parseProxy('h:1')).toEqual({ scheme: '', user: '', password: '', hostPort: 'h:1' });
    expect(() => parseProxy('/var/run/docker.sock')).toThrow('proxy URL with no authority');
    expect([proxyBypass('a.example.com', 'example.com'), proxyBypass('example.community', 'example.com'), proxyBypass('x', '*')]).toEqual([true, false, true]);
  });
});
