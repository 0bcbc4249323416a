import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Request, Spider, VirtualLoopAdapter, type Response } from '../../../src/node.ts';
import { startDemoSite, type DemoSite } from '../../../demo/site/server.ts';
import { runSpider } from '../../helpers/run-spider.ts';

let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite({ products: 10 });
});
afterAll(() => site.close());

/** Records every URL that reaches the downloader middlewares (order 10, before OffsiteMiddleware). */
function recorder() {
  const urls: string[] = [];
  return { urls, entry: { use: { processRequest: (r: Request) => { urls.push(r.url); } }, order: 10 } };
}

describe('OffsiteMiddleware', () => {
  it('filters the demo home page link to localhost:9 before it is scheduled (never fetched)', async () => {
    const rec = recorder();
    const base = site.url;
    class Home extends Spider {
      override name = 'home';
      override allowedDomains = ['127.0.0.1'];
      override startUrls = [`${base}/`];
      override *parse(response: Response) {
        for (const href of response.css('a::attr(href)').getall()) yield response.follow(href, { callback: () => {} });
      }
    }
    const run = await runSpider(Home, { DOWNLOADER_MIDDLEWARES: { rec: rec.entry } });
    expect(rec.urls.filter((u) => u.includes('localhost:9'))).toEqual([]);
    expect(rec.urls.length).toBeGreaterThan(5);
    expect(rec.urls.every((u) => u.startsWith(base))).toBe(true);
    expect(run.stats['offsite/filtered']).toBe(1);
    expect(run.stats['offsite/domains']).toBe(1);
    expect(run.messages('DEBUG')).toContain("Filtered offsite request to 'localhost': <GET http://localhost:9/partner-shop>");
  });

  it('allows subdomains of allowed domains only, logs each domain once, counts every request', async () => {
    const adapter = new VirtualLoopAdapter({ routes: () => 'ok' });
    const urls = ['http://example.com/', 'http://www.example.com/a', 'http://notexample.com/', 'http://notexample.com/2', 'http://other.org/'];
    class S extends Spider {
      override name = 's';
      override allowedDomains = ['example.com'];
      override async *start() {
        for (const url of urls) yield new Request(url, { callback: () => {} });
      }
    }
    const run = await runSpider(S, {}, { adapter });
    expect(adapter.requests.map((r) => r.url)).toEqual(['http://example.com/', 'http://www.example.com/a']);
    expect(run.stats['offsite/filtered']).toBe(3);
    expect(run.stats['offsite/domains']).toBe(2);
    expect(run.messages('DEBUG').filter((m) => m.startsWith('Filtered offsite'))).toEqual([
      "Filtered offsite request to 'notexample.com': <GET http://notexample.com/>",
      "Filtered offsite request to 'other.org': <GET http://other.org/>",
    ]);
  });

  it('lets requests with dontFilter or meta allow_offsite through', async () => {
    const adapter = new VirtualLoopAdapter({ routes: () => 'ok' });
    class S extends Spider {
      override name = 's';
      override allowedDomains = ['example.com'];
      override async *start() {
        yield new Request('http://a.test/1', { dontFilter: true, callback: () => {} });
        yield new Request('http://b.test/2', { meta: { allow_offsite: true }, callback: () => {} });
        yield new Request('http://c.test/3', { callback: () => {} });
      }
    }
    const run = await runSpider(S, {}, { adapter });
    expect(adapter.requests.map((r) => r.url)).toEqual(['http://a.test/1', 'http://b.test/2']);
    expect(run.stats['offsite/filtered']).toBe(1);
  });

  it('warns about and ignores allowedDomains entries with a scheme or a port', async () => {
    const adapter = new VirtualLoopAdapter({ routes: () => 'ok' });
    class S extends Spider {
      override name = 's';
      override allowedDomains = ['http://example.com', 'example.org:8080', 'example.net'];
      override async *start() {
        for (const u of ['http://example.com/', 'http://example.org/', 'http://example.net/']) yield new Request(u, { callback: () => {} });
      }
    }
    const run = await runSpider(S, {}, { adapter });
    expect(adapter.requests.map((r) => r.url)).toEqual(['http://example.net/']);
    expect(run.messages('WARNING')).toEqual([
      'allowed_domains accepts only domains, not URLs. Ignoring URL entry http://example.com in allowed_domains.',
      'allowed_domains accepts only domains without ports. Ignoring entry example.org:8080 in allowed_domains.',
    ]);
  });

  it('allows everything without allowedDomains', async () => {
    const adapter = new VirtualLoopAdapter({ routes: () => 'ok' });
    class S extends Spider {
      override name = 's';
      override async *start() {
        yield new Request('http://a.test/', { callback: () => {} });
        yield new Request('http://b.test/', { callback: () => {} });
      }
    }
    const run = await runSpider(S, {}, { adapter });
    expect(adapter.requests.map((r) => r.url)).toEqual(['http://a.test/', 'http://b.test/']);
    expect(run.stats['offsite/filtered']).toBeUndefined();
  });
});
