import { describe, expect, it } from 'vitest';
import { Request, Spider, VirtualLoopAdapter, type Response } from '../../src/node.ts';
import { CloseSpider } from '../../src/extensions/close-spider.ts';
import { runSpider } from '../helpers/run-spider.ts';

/** Ten pages /p0../p9 (100 virtual ms each), all yielded by start(); each gives one item. */
function tenPages() {
  const routes: Record<string, string> = {};
  for (let i = 0; i < 10; i++) routes[`http://c.test/p${i}`] = `page ${i}`;
  class Ten extends Spider {
    override name = 'ten';
    override startUrls = Object.keys(routes);
    override parse(response: Response) {
      return { url: response.url };
    }
  }
  return { adapter: new VirtualLoopAdapter({ routes, latencyMs: 100 }), Ten };
}

/** An endless chain of pages (300 virtual ms each); `itemsUntil` pages give an item. */
function endless(itemsUntil = Infinity) {
  const adapter = new VirtualLoopAdapter({
    routes: (req) => {
      const n = Number(new URL(req.url).pathname.slice(1));
      return `<a href="/${n + 1}">next</a>`;
    },
    latencyMs: 300,
  });
  class Endless extends Spider {
    override name = 'endless';
    override startUrls = ['http://e.test/0'];
    override *parse(response: Response) {
      const n = Number(new URL(response.url).pathname.slice(1));
      if (n < itemsUntil) yield { n };
      yield response.follow(response.css('a::attr(href)').get()!);
    }
  }
  return { adapter, Endless };
}

describe('CloseSpider', () => {
  it('CLOSESPIDER_ITEMCOUNT closes with closespider_itemcount; downloads in flight still finish', async () => {
    const { adapter, Ten } = tenPages();
    const run = await runSpider(Ten, { CLOSESPIDER_ITEMCOUNT: 5, CONCURRENT_REQUESTS: 3 }, { adapter });
    expect(run.stats['finish_reason']).toBe('closespider_itemcount');
    // p0-p2 arrive at 100 ms (3 items), p3-p5 at 200 ms. The 5th item (p4's) closes the spider:
    // no new request is sent, but p5 was already downloaded and is still scraped (Scrapy closes
    // gracefully), so the count can exceed the limit by up to CONCURRENT_REQUESTS - 1 pages' items.
    expect(run.stats['item_scraped_count']).toBe(6);
    expect(adapter.requests.map((r) => r.url)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5'].map((p) => `http://c.test/${p}`));
  });

  it('CLOSESPIDER_ITEMCOUNT: the rest of a callback output already being processed is still scraped', async () => {
    const adapter = new VirtualLoopAdapter({ routes: { 'http://c.test/': 'x', 'http://c.test/next': 'y' } });
    class Burst extends Spider {
      override name = 'burst';
      override startUrls = ['http://c.test/'];
      override *parse() {
        for (let i = 0; i < 8; i++) yield { i };
        yield new Request('http://c.test/next');
      }
    }
    const run = await runSpider(Burst, { CLOSESPIDER_ITEMCOUNT: 5 }, { adapter });
    expect(run.stats['finish_reason']).toBe('closespider_itemcount');
    expect(run.items.map((it) => it.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // The request yielded after the close is never sent.
    expect(adapter.requests.map((r) => r.url)).toEqual(['http://c.test/']);
  });

  it('CLOSESPIDER_PAGECOUNT closes with closespider_pagecount after the in-flight pages', async () => {
    const { adapter, Ten } = tenPages();
    const run = await runSpider(Ten, { CLOSESPIDER_PAGECOUNT: 4, CONCURRENT_REQUESTS: 3 }, { adapter });
    expect(run.stats['finish_reason']).toBe('closespider_pagecount');
    // The 4th response (p3, at 200 ms) closes; p4 and p5 were in flight with it.
    expect(run.stats['response_received_count']).toBe(6);
  });

  it('CLOSESPIDER_ERRORCOUNT closes with closespider_errorcount', async () => {
    const { adapter } = tenPages();
    class Failing extends Spider {
      override name = 'failing';
      override startUrls = Array.from({ length: 10 }, (_, i) => `http://c.test/p${i}`);
      override parse(): never {
        throw new TypeError('broken page');
      }
    }
    const run = await runSpider(Failing, { CLOSESPIDER_ERRORCOUNT: 2, CONCURRENT_REQUESTS: 1, LOG_LEVEL: 'CRITICAL' }, { adapter });
    expect(run.stats['finish_reason']).toBe('closespider_errorcount');
    expect(run.stats['spider_exceptions/count']).toBe(2);
    expect(run.stats['response_received_count']).toBe(2);
  });

  it('CLOSESPIDER_TIMEOUT closes with closespider_timeout at that virtual time', async () => {
    const { adapter, Endless } = endless();
    const run = await runSpider(Endless, { CLOSESPIDER_TIMEOUT: 1 }, { adapter });
    expect(run.stats['finish_reason']).toBe('closespider_timeout');
    // Responses at 300, 600, 900 ms; the close at 1000 ms waits for the request sent at 900 ms.
    expect(run.stats['response_received_count']).toBe(4);
    expect(run.stats['elapsed_time_seconds']).toBe(1.2);
    expect(run.messages('INFO')).toContain('Closing spider (closespider_timeout)');
  });

  it('CLOSESPIDER_TIMEOUT_NO_ITEM closes after a whole period without items', async () => {
    const { adapter, Endless } = endless(3);
    const run = await runSpider(Endless, { CLOSESPIDER_TIMEOUT_NO_ITEM: 1 }, { adapter });
    expect(run.stats['finish_reason']).toBe('closespider_timeout_no_item');
    // Items at 300, 600, 900 ms; the check at 1000 ms sees them, the one at 2000 ms sees none.
    expect(run.stats['item_scraped_count']).toBe(3);
    expect(run.stats['elapsed_time_seconds']).toBe(2.1);
    expect(run.messages('INFO')).toContain('Closing spider since no items were produced in the last 1 seconds.');
  });

  it('CLOSESPIDER_PAGECOUNT_NO_ITEM closes after that many pages in a row without items', async () => {
    const { adapter, Endless } = endless(2);
    const run = await runSpider(Endless, { CLOSESPIDER_PAGECOUNT_NO_ITEM: 3 }, { adapter });
    expect(run.stats['finish_reason']).toBe('closespider_pagecount_no_item');
    // Pages 0 and 1 give items; pages 2, 3, 4 do not: the 5th response closes.
    expect(run.stats['response_received_count']).toBe(5);
  });

  it('is not built without any CLOSESPIDER_* setting', async () => {
    const { adapter, Ten } = tenPages();
    const run = await runSpider(Ten, {}, { adapter });
    expect(run.crawler.extensions.some((e) => e instanceof CloseSpider)).toBe(false);
    expect(run.stats['finish_reason']).toBe('finished');
  });
});
