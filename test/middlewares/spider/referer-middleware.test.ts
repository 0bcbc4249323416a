import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Request, SettingsError, Spider, VirtualLoopAdapter, type Response } from '../../../src/node.ts';
import { REFERRER_POLICIES, resolveReferrerPolicy } from '../../../src/middlewares/spider/referrer-policies.ts';
import { html, startTestServer, type TestServer } from '../../helpers/http-server.ts';
import { runSpider } from '../../helpers/run-spider.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    '/': html('<a href="/child?x=1#frag">child</a>'),
    '/no-referrer-page': html('<a href="/child">child</a>', 200, { 'Referrer-Policy': 'unsafe-url, no-referrer' }),
    '/child': html('child'),
  });
});
afterAll(() => server.close());

/** Runs a spider from `startPath` following its links (with `meta`), returns path -> Referer seen by the server. */
async function referersFrom(startPath: string, settings: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) {
  server.seen.length = 0;
  const base = server.url;
  class Follow extends Spider {
    override name = 'follow';
    override startUrls = [`${base}${startPath}`];
    override *parse(response: Response) {
      for (const href of response.css('a::attr(href)').getall()) yield response.follow(href, { meta, callback: () => {} });
    }
  }
  await runSpider(Follow, settings);
  return server.seen.map((s) => [s.path, s.headers.referer ?? null]);
}

describe('RefererMiddleware', () => {
  it('sends the parent page URL (fragment stripped) as Referer, none for start requests', async () => {
    expect(await referersFrom('/')).toEqual([['/', null], ['/child?x=1', `${server.url}/`]]);
  });

  it('applies REFERRER_POLICY', async () => {
    expect(await referersFrom('/', { REFERRER_POLICY: 'no-referrer' })).toEqual([['/', null], ['/child?x=1', null]]);
  });

  it('prefers meta referrer_policy over the setting', async () => {
    expect(await referersFrom('/', { REFERRER_POLICY: 'no-referrer' }, { referrer_policy: 'origin' })).toEqual([['/', null], ['/child?x=1', `${server.url}/`]]);
  });

  it('uses the last known policy of the response Referrer-Policy header', async () => {
    expect(await referersFrom('/no-referrer-page')).toEqual([['/no-referrer-page', null], ['/child', null]]);
  });

  it('keeps a Referer the request already has', async () => {
    server.seen.length = 0;
    const base = server.url;
    class Own extends Spider {
      override name = 'own';
      override startUrls = [`${base}/`];
      override parse() {
        return new Request(`${base}/child`, { headers: { Referer: 'http://elsewhere.test/' }, callback: () => {} });
      }
    }
    await runSpider(Own);
    expect(server.seen.map((s) => s.headers.referer ?? null)).toEqual([null, 'http://elsewhere.test/']);
  });

  it('re-checks the Referer of a redirected request against the policy when it is scheduled', async () => {
    const adapter = new VirtualLoopAdapter({ routes: { 'http://x.test/': 'start', 'http://x.test/next': 'next', 'http://x.test/kept': 'kept' } });
    class Redirected extends Spider {
      override name = 'redirected';
      override startUrls = ['http://x.test/'];
      override parse() {
        // As RedirectMiddleware leaves them: the Referer of the page that linked to the redirect.
        return [
          new Request('http://x.test/next', { headers: { Referer: 'https://secure.test/p' }, meta: { redirect_urls: ['https://secure.test/old'] }, callback: () => {} }),
          new Request('http://x.test/kept', { headers: { Referer: 'http://x.test/p#f' }, meta: { redirect_urls: ['http://x.test/old'] }, callback: () => {} }),
        ];
      }
    }
    await runSpider(Redirected, {}, { adapter });
    const referers = Object.fromEntries(adapter.requests.map((r) => [r.url, r.headers.referer ?? null]));
    // https -> http is a downgrade under scrapy-default: the Referer is removed; otherwise it is re-stripped.
    expect(referers).toEqual({ 'http://x.test/': null, 'http://x.test/next': null, 'http://x.test/kept': 'http://x.test/p' });
  });

  it('rejects an unknown REFERRER_POLICY when the crawl starts', async () => {
    class Any extends Spider {
      override name = 'any';
    }
    await expect(runSpider(Any, { REFERRER_POLICY: 'nope' })).rejects.toThrow(SettingsError);
  });

  it('is disabled by REFERER_ENABLED=false', async () => {
    expect(await referersFrom('/', { REFERER_ENABLED: false })).toEqual([['/', null], ['/child?x=1', null]]);
  });
});

describe('referrer policies', () => {
  const https = 'https://user:pw@a.test:8443/p/q?x=1#f';
  const cases: Array<[string, string, string, string | null]> = [
    ['no-referrer', https, 'https://a.test:8443/other', null],
    ['no-referrer-when-downgrade', https, 'https://b.test/', 'https://a.test:8443/p/q?x=1'],
    ['no-referrer-when-downgrade', https, 'http://b.test/', null],
    ['same-origin', https, 'https://a.test:8443/other', 'https://a.test:8443/p/q?x=1'],
    ['same-origin', https, 'https://a.test/other', null],
    ['origin', https, 'http://b.test/', 'https://a.test:8443/'],
    ['strict-origin', https, 'https://b.test/', 'https://a.test:8443/'],
    ['strict-origin', https, 'http://b.test/', null],
    ['strict-origin', 'http://a.test/p', 'http://b.test/', 'http://a.test/'],
    ['origin-when-cross-origin', https, 'https://a.test:8443/x', 'https://a.test:8443/p/q?x=1'],
    ['origin-when-cross-origin', https, 'http://b.test/', 'https://a.test:8443/'],
    ['strict-origin-when-cross-origin', https, 'https://a.test:8443/x', 'https://a.test:8443/p/q?x=1'],
    ['strict-origin-when-cross-origin', https, 'https://b.test/', 'https://a.test:8443/'],
    ['strict-origin-when-cross-origin', https, 'http://b.test/', null],
    ['unsafe-url', https, 'http://b.test/', 'https://a.test:8443/p/q?x=1'],
    ['scrapy-default', 'http://a.test:80/p#x', 'http://b.test/', 'http://a.test/p'],
    ['scrapy-default', https, 'http://b.test/', null],
    ['scrapy-default', 'file:///tmp/page.html', 'http://b.test/', null],
    ['no-referrer-when-downgrade', 'data:text/html,hi', 'http://b.test/', null],
  ];
  for (const [name, from, to, expected] of cases) {
    it(`${name}: ${from} -> ${to} gives ${expected}`, () => {
      expect(REFERRER_POLICIES[name]!.referrer(from, to)).toBe(expected);
    });
  }

  it('resolves names case-insensitively, the last known token of a list, and rejects unknown ones', () => {
    expect(resolveReferrerPolicy('Origin')!.name).toBe('origin');
    expect(resolveReferrerPolicy('no-referrer, bogus, same-origin')!.name).toBe('same-origin');
    expect(resolveReferrerPolicy('same-origin, bogus')!.name).toBe('same-origin');
    expect(resolveReferrerPolicy('constructor')).toBeUndefined();
    expect(resolveReferrerPolicy('bogus')).toBeUndefined();
  });
});
