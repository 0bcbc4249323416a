import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Request, Spider, VirtualLoopAdapter, type Failure, type Response, type VirtualRoute } from '../../../src/node.ts';
import { startDemoSite, type DemoSite } from '../../../demo/site/server.ts';
import { html, startTestServer, type Route, type TestServer } from '../../helpers/http-server.ts';
import { runSpider } from '../../helpers/run-spider.ts';

const to = (status: number, location: string): Route => (_req, res) => {
  res.writeHead(status, { Location: location, 'Content-Type': 'text/html' }).end('moved');
};
const echo: Route = (req, res, body) => {
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({
    method: req.method, body, contentType: req.headers['content-type'] ?? null,
  }));
};

let server: TestServer;
let site: DemoSite;
beforeAll(async () => {
  server = await startTestServer({
    '/hop1': to(301, '/hop2'),
    '/hop2': to(302, 'hop3?x=1'),
    '/hop3': to(307, '/final'),
    '/final': html('<p>final</p>'),
    '/loop-a': to(302, '/loop-b'),
    '/loop-b': to(302, '/loop-a'),
    '/post-302': to(302, '/echo'),
    '/post-301': to(301, '/echo'),
    '/post-303': to(303, '/echo'),
    '/post-307': to(307, '/echo'),
    '/post-308': to(308, '/echo'),
    '/echo': echo,
    '/to-ftp': to(302, 'ftp://127.0.0.1/file'),
    '/no-location': (_req, res) => { res.writeHead(302).end(); },
  });
  site = await startDemoSite({ products: 10 });
});
afterAll(async () => {
  await server.close();
  await site.close();
});

/** Crawls one request and returns what the callback / errback saw. */
async function fetchOne(request: Request, settings: Record<string, unknown> = {}, adapter?: VirtualLoopAdapter) {
  const out: { response?: Response; error?: Error } = {};
  request.callback = (r) => { out.response = r; };
  request.errback = (f: Failure) => { out.error = f.value as Error; };
  class S extends Spider {
    override name = 'redirects';
    override async *start() {
      yield request;
    }
  }
  const run = await runSpider(S, { HTTPERROR_ALLOW_ALL: true, ...settings }, adapter ? { adapter } : {});
  return { ...out, run };
}

describe('RedirectMiddleware', () => {
  it('follows a 3-hop redirect (301, 302, 307) and records redirect_urls, reasons and times exactly', async () => {
    const { response, run } = await fetchOne(new Request(`${server.url}/hop1`));
    expect(response!.url).toBe(`${server.url}/final`);
    expect(response!.status).toBe(200);
    expect(response!.meta.redirect_urls).toEqual([`${server.url}/hop1`, `${server.url}/hop2`, `${server.url}/hop3?x=1`]);
    expect(response!.meta.redirect_reasons).toEqual([301, 302, 307]);
    expect(response!.meta.redirect_times).toBe(3);
    expect(response!.meta.redirect_ttl).toBe(17);
    expect(run.messages('DEBUG').filter((m) => m.startsWith('Redirecting'))).toEqual([
      `Redirecting (301) to <GET ${server.url}/hop2> from <GET ${server.url}/hop1>`,
      `Redirecting (302) to <GET ${server.url}/hop3?x=1> from <GET ${server.url}/hop2>`,
      `Redirecting (307) to <GET ${server.url}/final> from <GET ${server.url}/hop3?x=1>`,
    ]);
  });

  it('stops a redirect loop at REDIRECT_MAX_TIMES with IgnoreRequest', async () => {
    server.seen.length = 0;
    const { response, error, run } = await fetchOne(new Request(`${server.url}/loop-a`, { dontFilter: true }), { REDIRECT_MAX_TIMES: 3 });
    expect(response).toBeUndefined();
    expect(error!.name).toBe('IgnoreRequest');
    expect(error!.message).toBe('max redirections reached');
    expect(server.seen.map((s) => s.path)).toEqual(['/loop-a', '/loop-b', '/loop-a', '/loop-b']);
    expect(run.messages('DEBUG')).toContain(`Discarding <GET ${server.url}/loop-b>: max redirections reached`);
  });

  it('turns POST + 302 into a GET without body and Content-* headers', async () => {
    const post = new Request(`${server.url}/post-302`, { method: 'POST', body: 'a=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    const { response } = await fetchOne(post);
    expect(JSON.parse(response!.text)).toEqual({ method: 'GET', body: '', contentType: null });
    expect(response!.request!.method).toBe('GET');
  });

  it('turns POST + 301 and POST + 303 into GET, keeps POST and body on 307 and 308', async () => {
    const results: unknown[] = [];
    for (const path of ['/post-301', '/post-303', '/post-307', '/post-308']) {
      const post = new Request(`${server.url}${path}`, { method: 'POST', body: 'a=1', headers: { 'Content-Type': 'text/plain' } });
      const { response } = await fetchOne(post);
      results.push([path, JSON.parse(response!.text)]);
    }
    expect(results).toEqual([
      ['/post-301', { method: 'GET', body: '', contentType: null }],
      ['/post-303', { method: 'GET', body: '', contentType: null }],
      ['/post-307', { method: 'POST', body: 'a=1', contentType: 'text/plain' }],
      ['/post-308', { method: 'POST', body: 'a=1', contentType: 'text/plain' }],
    ]);
  });

  it('keeps HEAD on 302 and 303', async () => {
    server.seen.length = 0;
    await fetchOne(new Request(`${server.url}/post-303`, { method: 'HEAD' }));
    expect(server.seen.map((s) => `${s.method} ${s.path}`)).toEqual(['HEAD /post-303', 'HEAD /echo']);
  });

  it('is skipped for meta dont_redirect, handle_httpstatus_list and handle_httpstatus_all', async () => {
    const statuses: unknown[] = [];
    for (const meta of [{ dont_redirect: true }, { handle_httpstatus_list: [301] }, { handle_httpstatus_all: true }]) {
      const { response } = await fetchOne(new Request(`${server.url}/hop1`, { meta }));
      statuses.push([response!.status, response!.headers.get('Location')]);
    }
    expect(statuses).toEqual([[301, '/hop2'], [301, '/hop2'], [301, '/hop2']]);
  });

  it('does not follow non-http(s) Locations nor 3xx without Location', async () => {
    const a = await fetchOne(new Request(`${server.url}/to-ftp`));
    const b = await fetchOne(new Request(`${server.url}/no-location`));
    expect([a.response!.status, b.response!.status]).toEqual([302, 302]);
  });

  it('follows the demo site /old-home 301 to /', async () => {
    const { response } = await fetchOne(new Request(`${site.url}/old-home`));
    expect([response!.url, response!.status, response!.meta.redirect_urls]).toEqual([`${site.url}/`, 200, [`${site.url}/old-home`]]);
  });

  it('drops Authorization and Cookie on cross-domain redirects, keeps them on the same host', async () => {
    const adapter = new VirtualLoopAdapter({
      routes: {
        'http://a.test/same': { status: 302, headers: { Location: '/other' } },
        'http://a.test/other': 'ok',
        'http://a.test/cross': { status: 302, headers: { Location: 'http://b.test/landing' } },
        'http://b.test/landing': 'ok',
      },
    });
    const headers = { Authorization: 'Basic eDp5', Cookie: 'k=v' };
    const settings = { COOKIES_ENABLED: false };
    await fetchOne(new Request('http://a.test/same', { headers }), settings, adapter);
    await fetchOne(new Request('http://a.test/cross', { headers }), settings, adapter);
    const seen = adapter.requests.map((r) => [r.url, r.headers.authorization ?? null, r.headers.cookie ?? null]);
    expect(seen).toEqual([
      ['http://a.test/same', 'Basic eDp5', 'k=v'],
      ['http://a.test/other', 'Basic eDp5', 'k=v'],
      ['http://a.test/cross', 'Basic eDp5', 'k=v'],
      ['http://b.test/landing', null, null],
    ]);
  });

  it('keeps the fragment, dontFilter, and raises priority by REDIRECT_PRIORITY_ADJUST', async () => {
    const table: Record<string, VirtualRoute> = { 'http://a.test/from': { status: 301, headers: { Location: '/to' } }, 'http://a.test/to': 'ok' };
    // fetch never sends the fragment: route on the URL without it.
    const adapter = new VirtualLoopAdapter({ routes: (req) => table[req.url.split('#')[0]!] });
    const { response } = await fetchOne(new Request('http://a.test/from#part', { priority: 1 }), { REDIRECT_PRIORITY_ADJUST: 5 }, adapter);
    expect([response!.request!.url, response!.request!.priority, response!.request!.dontFilter]).toEqual(['http://a.test/to#part', 6, false]);
  });

  it('sets the Referer of the redirected request from the redirecting response (RefererMiddleware)', async () => {
    const adapter = new VirtualLoopAdapter({
      routes: { 'http://a.test/from': { status: 301, headers: { Location: '/to' } }, 'http://a.test/to': 'ok' },
    });
    await fetchOne(new Request('http://a.test/from', { headers: { Referer: 'http://a.test/start' } }), {}, adapter);
    expect(adapter.requests.map((r) => [r.url, r.headers.referer])).toEqual([
      ['http://a.test/from', 'http://a.test/start'],
      ['http://a.test/to', 'http://a.test/from'],
    ]);
  });

  it('removes the Referer on redirects and warns when RefererMiddleware is disabled', async () => {
    const adapter = new VirtualLoopAdapter({
      routes: { 'http://a.test/from': { status: 301, headers: { Location: '/to' } }, 'http://a.test/to': 'ok' },
    });
    const { run } = await fetchOne(new Request('http://a.test/from', { headers: { Referer: 'http://a.test/start' } }), { REFERER_ENABLED: false }, adapter);
    expect(adapter.requests.map((r) => [r.url, r.headers.referer ?? null])).toEqual([
      ['http://a.test/from', 'http://a.test/start'],
      ['http://a.test/to', null],
    ]);
    expect(run.messages('WARNING')).toContain('RedirectMiddleware found no RefererMiddleware instance to handle Referer header handling, so the Referer header will be removed on redirects. To set a Referer header on redirects, enable RefererMiddleware (or a subclass), or replace RedirectMiddleware with a subclass that overrides the handleReferer() method.');
  });

  it('is disabled by REDIRECT_ENABLED=false', async () => {
    const { response } = await fetchOne(new Request(`${server.url}/hop1`), { REDIRECT_ENABLED: false });
    expect(response!.status).toBe(301);
  });
});
