import { describe, expect, it } from 'vitest';
import { Spider, VirtualLoopAdapter, type Response } from '../../src/node.ts';
import { LogStats } from '../../src/extensions/log-stats.ts';
import { runSpider } from '../helpers/run-spider.ts';

/** A chain of `pages` pages, one item each, fetched one after another (each takes 300 virtual ms). */
function chain(pages: number) {
  const routes: Record<string, string> = {};
  for (let i = 0; i < pages; i++) routes[`http://l.test/${i}`] = i + 1 < pages ? `<a href="/${i + 1}">next</a>` : 'end';
  class Chain extends Spider {
    override name = 'chain';
    override startUrls = ['http://l.test/0'];
    override *parse(response: Response) {
      yield { url: response.url };
      const next = response.css('a::attr(href)').get();
      if (next) yield response.follow(next);
    }
  }
  return { adapter: new VirtualLoopAdapter({ routes, latencyMs: 300 }), Chain };
}

describe('LogStats', () => {
  it('logs pages and items with per-minute rates at open and every LOGSTATS_INTERVAL, on virtual time', async () => {
    const { adapter, Chain } = chain(9);
    const run = await runSpider(Chain, { LOGSTATS_INTERVAL: 1, LOG_LEVEL: 'INFO' }, { adapter });
    // Responses arrive at 300, 600, ..., 2700 virtual ms; lines at 0, 1000 and 2000 ms.
    expect(run.messages('INFO').filter((m) => m.startsWith('Crawled '))).toEqual([
      'Crawled 0 pages (at 0 pages/min), scraped 0 items (at 0 items/min)',
      'Crawled 3 pages (at 180 pages/min), scraped 3 items (at 180 items/min)',
      'Crawled 6 pages (at 180 pages/min), scraped 6 items (at 180 items/min)',
    ]);
    // 9 responses and items in 2 whole seconds (Scrapy counts whole seconds): 9 / (2/60) = 270.
    expect(run.stats['responses_per_minute']).toBe(270);
    expect(run.stats['items_per_minute']).toBe(270);
    // The looping call stopped with the spider: virtual time would otherwise run on by itself.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(adapter.pendingTimers).toBe(0);
    expect(adapter.now()).toBe(2700);
  });

  it('truncates rates to integers (LOGSTATS_INTERVAL=7: 60/7 per page)', async () => {
    const { adapter, Chain } = chain(30);
    const run = await runSpider(Chain, { LOGSTATS_INTERVAL: 7, LOG_LEVEL: 'INFO' }, { adapter });
    // By 7000 ms, 23 responses (at 300..6900 ms): 23 * 60 / 7 = 197.14...
    expect(run.messages('INFO').filter((m) => m.startsWith('Crawled '))).toEqual([
      'Crawled 0 pages (at 0 pages/min), scraped 0 items (at 0 items/min)',
      'Crawled 23 pages (at 197 pages/min), scraped 23 items (at 197 items/min)',
    ]);
    // 30 responses by 9000 ms: 30 / (9/60) = 200.
    expect(run.stats['responses_per_minute']).toBe(200);
  });

  it('sets null per-minute stats for a crawl under one second', async () => {
    const { adapter, Chain } = chain(2);
    const run = await runSpider(Chain, { LOG_LEVEL: 'INFO' }, { adapter });
    expect(run.stats['responses_per_minute']).toBeNull();
    expect(run.stats['items_per_minute']).toBeNull();
  });

  it('is off with LOGSTATS_INTERVAL=0', async () => {
    const { adapter, Chain } = chain(1);
    const run = await runSpider(Chain, { LOGSTATS_INTERVAL: 0, LOG_LEVEL: 'INFO' }, { adapter });
    expect(run.crawler.extensions.some((e) => e instanceof LogStats)).toBe(false);
    expect(run.messages('INFO').filter((m) => m.startsWith('Crawled '))).toEqual([]);
    expect('responses_per_minute' in run.stats).toBe(false);
  });
});
