import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import { Crawler, Failure, HtmlResponse, Request, type Response, Settings, TextResponse } from '../../src/node.ts';
import { LinkExtractor } from '../../src/link-extractors/link-extractor.ts';
import type { Link } from '../../src/link-extractors/link.ts';
import { CrawlSpider } from '../../src/spiders/crawl-spider.ts';
import { Rule } from '../../src/spiders/rule.ts';
import { isAsyncIterable } from '../../src/utils/maybe-async.ts';
import { runSpider } from '../helpers/run-spider.ts';

const PAGE_URL = 'http://shop.test/index.html';
const PAGE = `<html><body>
<a href="/category/a">Cat A</a>
<a href="/product/1">P1</a>
<a href="/product/2" rel="nofollow">P2</a>
<a href="/category/a">Cat A again</a>
<a href="/about">About</a>
</body></html>`;

function htmlPage(url = PAGE_URL, body = PAGE, meta?: Record<string, unknown>, cbKwargs?: Record<string, unknown>): HtmlResponse {
  return new HtmlResponse({
    url, body, headers: { 'Content-Type': 'text/html' }, request: new Request(url, { meta, cbKwargs }),
  });
}

function describeOutput(output: unknown): unknown[] {
  return [...(output as Iterable<unknown>)].map((value) =>
    value instanceof Request ? `${value.url} rule=${String(value.meta.rule)} text=${String(value.meta.link_text)}` : value);
}

function fakeCrawler(settings: Record<string, unknown>): Crawler {
  return { settings: new Settings(settings), getLogger: () => undefined } as unknown as Crawler;
}

describe('CrawlSpider rules (unit)', () => {
  class UnitSpider extends CrawlSpider {
    override name = 'unit';
    calls: string[] = [];
    override rules = [
      new Rule(new LinkExtractor({ allow: '/category/' })),
      new Rule(new LinkExtractor({ allow: ['/category/', '/product/'] }), { callback: 'parseItem', cbKwargs: { source: 'rule', page: 0 } }),
      new Rule(new LinkExtractor({ allow: '/about' }), { callback: this.parseAbout, follow: true }),
    ];
    override parseStartUrl(response: Response) {
      return [{ start: response.url }];
    }
    *parseItem(response: Response, kwargs: Record<string, unknown>) {
      this.calls.push(`${this.name}:${response.url}`);
      yield { item: response.url, ...kwargs };
    }
    parseAbout(response: Response) {
      return { about: response.url, spider: this.name };
    }
  }

  it('parse: parseStartUrl output, then one request per link, the first rule that extracts it winning (rule 1 also matches /category/a)', () => {
    const spider = new UnitSpider();
    expect(describeOutput(spider.parse(htmlPage()))).toEqual([
      { start: PAGE_URL },
      'http://shop.test/category/a rule=0 text=Cat A',
      'http://shop.test/product/1 rule=1 text=P1',
      'http://shop.test/product/2 rule=1 text=P2',
      'http://shop.test/about rule=2 text=About',
    ]);
    const first = [...(spider.parse(htmlPage()) as Iterable<unknown>)][1] as Request;
    expect(first.callback).toBe(spider.ruleCallback);
    expect(first.errback).toBe(spider.ruleErrback);
    expect(first.meta).toEqual({ rule: 0, link_text: 'Cat A' });
  });

  it('a rule callback gets the rule cbKwargs under the request ones, bound to the spider; follow defaults to false with a callback', () => {
    const spider = new UnitSpider();
    const response = htmlPage('http://shop.test/product/1', PAGE, { rule: 1 }, { page: 7 });
    expect(describeOutput(spider.ruleCallback(response, response.cbKwargs))).toEqual([
      { item: 'http://shop.test/product/1', source: 'rule', page: 7 },
    ]);
    expect(spider.calls).toEqual(['unit:http://shop.test/product/1']);
  });

  it('a rule with follow yields its callback output first, then the follow-up requests', () => {
    const spider = new UnitSpider();
    const response = htmlPage('http://shop.test/about', '<a href="/about">self</a><a href="/category/b">B</a>', { rule: 2 });
    expect(describeOutput(spider.ruleCallback(response))).toEqual([
      { about: 'http://shop.test/about', spider: 'unit' },
      'http://shop.test/category/b rule=0 text=B',
      'http://shop.test/about rule=2 text=self',
    ]);
  });

  it('a rule without callback only follows', () => {
    const spider = new UnitSpider();
    const response = htmlPage('http://shop.test/category/a', '<a href="/product/9">P9</a>', { rule: 0 });
    expect(describeOutput(spider.ruleCallback(response))).toEqual(['http://shop.test/product/9 rule=1 text=P9']);
  });

  it('requests are only extracted from HTML responses', () => {
    const spider = new UnitSpider();
    const text = new TextResponse({ url: PAGE_URL, body: PAGE, headers: { 'Content-Type': 'text/plain' } });
    expect(describeOutput(spider.parse(text))).toEqual([{ start: PAGE_URL }]);
  });

  it('processLinks and processRequest (functions or method names) run with the spider as this', () => {
    class Filtering extends CrawlSpider {
      override name = 'filtering';
      override rules = [
        new Rule(new LinkExtractor({ allow: '/product/' }), { processLinks: 'dropNofollow', processRequest: 'tag' }),
        new Rule(new LinkExtractor(), {
          processLinks(this: Filtering, links: Link[]) {
            return links.filter((link) => link.url.endsWith('/about') && this.name === 'filtering');
          },
          processRequest: (request: Request) => request.replace({ priority: 5 }),
        }),
      ];
      dropNofollow(links: Link[]): Link[] {
        return links.filter((link) => !link.nofollow);
      }
      tag(request: Request, response: Response): Request | null {
        if (request.url.endsWith('/1')) return request.replace({ meta: { ...request.meta, from: response.url, by: this.name } });
        return null;
      }
    }
    const out = [...(new Filtering().parse(htmlPage()) as Iterable<Request>)];
    expect(out.map((r) => [r.url, r.meta, r.priority])).toEqual([
      ['http://shop.test/product/1', { rule: 0, link_text: 'P1', from: PAGE_URL, by: 'filtering' }, 0],
      ['http://shop.test/about', { rule: 1, link_text: 'About' }, 5],
    ]);
  });

  it('an async callback gives async output; processResults sees its collected results', async () => {
    class AsyncSpider extends CrawlSpider {
      override name = 'async';
      seen: unknown[] = [];
      override rules = [new Rule(new LinkExtractor({ allow: '/product/' }), { callback: 'parseItem', follow: true })];
      async *parseItem(response: Response) {
        yield { a: response.url };
        yield { b: 2 };
      }
      override processResults(_response: Response, results: unknown) {
        this.seen.push(results);
        return [...(results as unknown[]), { extra: true }];
      }
    }
    const spider = new AsyncSpider();
    const output = spider.ruleCallback(htmlPage('http://shop.test/product/1', '<a href="/product/3">P3</a>', { rule: 0 }));
    expect(isAsyncIterable(output)).toBe(true);
    const values: unknown[] = [];
    for await (const value of output as AsyncIterable<unknown>) values.push(value);
    expect(describeOutput(values)).toEqual([
      { a: 'http://shop.test/product/1' }, { b: 2 }, { extra: true }, 'http://shop.test/product/3 rule=0 text=P3',
    ]);
    expect(spider.seen).toEqual([[{ a: 'http://shop.test/product/1' }, { b: 2 }]]);
  });

  it('ruleErrback hands the failure to the rule errback, or swallows it', () => {
    const failures: string[] = [];
    class Erring extends CrawlSpider {
      override name = 'erring';
      override rules = [
        new Rule(null, { errback: 'onError' }),
        new Rule(new LinkExtractor({ allow: 'nothing' })),
      ];
      onError(failure: Failure) {
        failures.push(`${this.name}:${failure.getErrorMessage()}`);
        return { failed: failure.request.url };
      }
    }
    const spider = new Erring();
    const error = new Error('boom');
    expect(spider.ruleErrback(new Failure(error, new Request('http://x.test/a', { meta: { rule: 0 } })))).toEqual({ failed: 'http://x.test/a' });
    expect(failures).toEqual(['erring:boom']);
    expect(spider.ruleErrback(new Failure(error, new Request('http://x.test/b', { meta: { rule: 1 } })))).toEqual([]);
    expect(() => spider.ruleErrback(new Failure(error, new Request('http://x.test/c', { meta: { rule: 9 } }))))
      .toThrow('[skitter] Erring: request meta.rule is 9, which is not a rule index');
  });

  it('Rule defaults: a shared default LinkExtractor, follow = !callback', () => {
    const a = new Rule();
    expect(a.linkExtractor).toBeInstanceOf(LinkExtractor);
    expect(new Rule().linkExtractor).toBe(a.linkExtractor);
    expect(a.follow).toBe(true);
    expect(a.cbKwargs).toEqual({});
    expect(new Rule(null, { callback: 'x' }).follow).toBe(false);
    expect(new Rule(null, { callback: 'x', follow: true }).follow).toBe(true);
  });

  it('an unknown method name is an error naming the rule', () => {
    class Typo extends CrawlSpider {
      override name = 'typo';
      override rules = [new Rule(null, { callback: 'parseItm' })];
    }
    expect(() => [...(new Typo().parse(htmlPage()) as Iterable<unknown>)])
      .toThrow('[skitter] Typo: rule 0 callback "parseItm" is not a method of the spider');
  });

  it('CRAWLSPIDER_FOLLOW_LINKS false turns following off', () => {
    const spider = new UnitSpider();
    spider.bindCrawler(fakeCrawler({ CRAWLSPIDER_FOLLOW_LINKS: false }));
    expect(describeOutput(spider.parse(htmlPage()))).toEqual([{ start: PAGE_URL }]);
  });
});

describe('CrawlSpider on the demo site', () => {
  let site: DemoSite;
  beforeAll(async () => {
    site = await startDemoSite();
  });
  afterAll(() => site.close());

  function shopSpider(base: string) {
    return class ShopSpider extends CrawlSpider {
      override name = 'shop';
      override startUrls = [`${base}/`];
      override rules = [
        new Rule(new LinkExtractor({ allow: '/category/' })),
        new Rule(new LinkExtractor({ allow: '/product/' }), { callback: 'parseItem' }),
      ];
      parseItem(response: Response) {
        return {
          id: Number(response.css('article.product::attr(data-product-id)').get()),
          name: response.css('h1::text').get(),
          url: response.url,
          rule: response.meta.rule,
        };
      }
    };
  }

  it('yields exactly one item per product and requests only category and product pages', async () => {
    const requested: string[] = [];
    const Shop = shopSpider(site.url);
    const items: Array<{ id: number; name: string; url: string; rule: number }> = [];
    const crawler = new Crawler(Shop, {
      LOG_LEVEL: 'WARNING',
      ITEM_PIPELINES: { collect: { use: { processItem: (item: never) => (items.push(item), item) }, order: 100 } },
    });
    crawler.signals.connect('request_reached_downloader', ({ request }) => {
      requested.push(request.url);
    });
    await crawler.crawl();
    const products = site.catalogue.products;
    expect(items).toHaveLength(products.length);
    expect(items.map((i) => i.id).sort((a, b) => a - b)).toEqual(products.map((p) => p.id));
    for (const item of items) {
      const product = products[item.id - 1]!;
      expect(item.name).toBe(product.title);
      expect(item.rule).toBe(1);
    }
    expect(items.map((i) => i.url).sort()).toEqual(site.catalogue.expectedReachableProductUrls(site.url).sort());
    const expectedPages = 1 + site.catalogue.expectedCategoryPageUrls(site.url).length + products.length;
    expect(requested).toHaveLength(expectedPages);
    expect(requested.filter((u) => !u.startsWith(`${site.url}/`))).toEqual([]);
    expect(requested.some((u) => u.includes('localhost:9'))).toBe(false);
    expect(site.requestsFor('/about')).toBe(0);
    expect(crawler.stats.getValue('item_scraped_count')).toBe(products.length);
  }, 60_000);

  it('CRAWLSPIDER_FOLLOW_LINKS false stops at the start page', async () => {
    const run = await runSpider(shopSpider(site.url), { LOG_LEVEL: 'WARNING', CRAWLSPIDER_FOLLOW_LINKS: false });
    expect(run.items).toEqual([]);
    expect(run.stats['response_received_count']).toBe(1);
  });
});
