import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Crawler, DropItem, Request, signals, Spider, VirtualLoopAdapter, type Response } from '../../src/node.ts';
import { runSpider } from '../helpers/run-spider.ts';
import { html, startTestServer, type TestServer } from '../helpers/http-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    '/': html('<html><title>home</title><span id="id">7</span></html>'),
    '/price': html('<html><span class="price">12.50</span></html>'),
    '/color': html('<html><span class="color">red</span></html>'),
  });
});
afterAll(() => server.close());

class ItemsSpider extends Spider {
  override name = 'items';
  base = '';
  override async *start() { yield new Request(`${this.base}/`); }
  override *parse() { for (let i = 1; i <= 4; i++) yield { id: i }; }
}

describe('item pipelines', () => {
  it('run in ITEM_PIPELINES order; async processItem is awaited (a DB lookup); DropItem drops', async () => {
    const db = new Map([[1, 'one'], [2, 'two'], [3, 'three'], [4, 'four']]);
    class DbPipeline {
      async processItem(item: { id: number }) {
        await new Promise((r) => setTimeout(r, 5));
        return { ...item, name: db.get(item.id) };
      }
    }
    class DropOdd {
      processItem(item: { id: number; name: string }) {
        if (item.id % 2 === 1) throw new DropItem(`odd id ${item.id}`);
        return item;
      }
    }
    const run = await runSpider(ItemsSpider, {
      ITEM_PIPELINES: { DropOdd: { use: DropOdd, order: 300 }, DbPipeline: { use: DbPipeline, order: 100 } },
    }, { args: { base: server.url } });
    expect(run.items.sort((a, b) => a.id - b.id)).toEqual([{ id: 2, name: 'two' }, { id: 4, name: 'four' }]);
    expect(run.stats['item_scraped_count']).toBe(2);
    expect(run.stats['item_dropped_count']).toBe(2);
    expect(run.stats['item_dropped_reasons_count/DropItem']).toBe(2);
    expect(run.messages('WARNING').filter((m) => m.startsWith('Dropped: odd id')).length).toBe(2);
  });

  it('a pipeline awaiting an inline engine.download() (the screenshot-pipeline pattern)', async () => {
    class PricePipeline {
      #crawler: Crawler;
      constructor(crawler: Crawler) { this.#crawler = crawler; }
      async processItem(item: { id: number }) {
        const r = await this.#crawler.engine.download(new Request(`${server.url}/price?id=${item.id}`));
        return { ...item, price: r.css('.price::text').get() };
      }
    }
    const run = await runSpider(ItemsSpider, { ITEM_PIPELINES: { PricePipeline: { use: PricePipeline, order: 100 } } }, { args: { base: server.url } });
    expect(run.items.map((i) => `${i.id}:${i.price}`).sort()).toEqual(['1:12.50', '2:12.50', '3:12.50', '4:12.50']);
  });

  it('openSpider/closeSpider may be async and are awaited', async () => {
    const events: string[] = [];
    const pipeline = {
      async openSpider() { await new Promise((r) => setTimeout(r, 10)); events.push('open'); },
      processItem(item: unknown) { events.push('item'); return item; },
      async closeSpider() { await new Promise((r) => setTimeout(r, 10)); events.push('close'); },
    };
    await runSpider(ItemsSpider, { ITEM_PIPELINES: { p: { use: pipeline, order: 1 } } }, { args: { base: server.url } });
    expect(events).toEqual(['open', 'item', 'item', 'item', 'item', 'close']);
  });

  it('a pipeline returning undefined is an error naming it; the item is reported, not lost silently', async () => {
    class Forgetful { processItem() {} }
    const run = await runSpider(ItemsSpider, { ITEM_PIPELINES: { Forgetful: { use: Forgetful, order: 1 } } }, { args: { base: server.url } });
    expect(run.items).toEqual([]);
    expect(run.stats['item_error_count']).toBe(4);
    const err = run.logs.find((r) => r.level === 'ERROR')!;
    expect((err.error as Error).message).toBe('[skitter] Forgetful.processItem returned undefined; return the item (or throw DropItem to drop it).');
  });
});

describe('inline requests', () => {
  it('await engine.download() inside a callback, and several in parallel with Promise.all', async () => {
    const base = server.url;
    class Inline extends Spider {
      override name = 'inline';
      override startUrls = [`${base}/`];
      override async *parse(response: Response) {
        const price = await this.crawler.engine.download(new Request(`${base}/price`));
        const [p2, color] = await Promise.all([
          this.crawler.engine.download(new Request(`${base}/price?again`)),
          this.crawler.engine.download(new Request(`${base}/color`)),
        ]);
        yield {
          title: response.css('title::text').get(),
          price: price.css('.price::text').get(),
          price2: p2.css('.price::text').get(),
          color: color.css('.color::text').get(),
        };
      }
    }
    const run = await runSpider(Inline);
    expect(run.items).toEqual([{ title: 'home', price: '12.50', price2: '12.50', color: 'red' }]);
    // Inline requests go through the downloader, not the scheduler.
    expect(run.stats['scheduler/enqueued']).toBe(1);
    expect(run.stats['downloader/request_count']).toBe(4);
  });
});

describe('signals', () => {
  it('an async spider_opened handler delays the first request until it resolves', async () => {
    // Virtual time: the handler resolves at exactly 5 s; a request sent while it still waits
    // (spider opened and engine started in parallel) would reach the downloader at 0.
    const adapter = new VirtualLoopAdapter({ routes: { 'http://a.test/': '<p>home</p>' } });
    const crawler = new Crawler(ItemsSpider, { LOG_ENABLED: false }, { adapter });
    const events: Array<[string, number]> = [];
    crawler.signals.connect(signals.spiderOpened, async () => {
      await adapter.sleep(5_000);
      events.push(['opened handler resolved', adapter.now()]);
    });
    crawler.signals.connect(signals.requestReachedDownloader, () => { events.push(['request reached downloader', adapter.now()]); });
    await crawler.crawl({ base: 'http://a.test' });
    expect(events).toEqual([['opened handler resolved', 5_000], ['request reached downloader', 5_000]]);
    expect(adapter.requests.map((r) => [r.url, r.atMs])).toEqual([['http://a.test/', 5_000]]);
    expect(crawler.stats.getValue('item_scraped_count')).toBe(4);
  });

  it('item_scraped handlers are awaited before the spider closes', async () => {
    const crawler = new Crawler(ItemsSpider, { LOG_ENABLED: false });
    const stored: number[] = [];
    crawler.signals.connect(signals.itemScraped, async ({ item }) => {
      await new Promise((r) => setTimeout(r, 20));
      stored.push((item as { id: number }).id);
    });
    let storedAtClose = -1;
    crawler.signals.connect(signals.spiderClosed, () => { storedAtClose = stored.length; });
    await crawler.crawl({ base: server.url });
    expect(storedAtClose).toBe(4);
  });

  it('a failing handler is logged and never breaks the crawl', async () => {
    const errors: string[] = [];
    const crawler = new Crawler(ItemsSpider, {}, { logSink: (r) => { if (r.level === 'ERROR') errors.push(r.message); } });
    crawler.signals.connect(signals.responseReceived, () => { throw new Error('handler bug'); });
    crawler.signals.connect(signals.itemScraped, async () => { throw new Error('async handler bug'); });
    await crawler.crawl({ base: server.url });
    expect(crawler.stats.getValue('item_scraped_count')).toBe(4);
    expect(errors.filter((e) => e === 'Error caught on signal handler for response_received')).toHaveLength(1);
    expect(errors.filter((e) => e === 'Error caught on signal handler for item_scraped')).toHaveLength(4);
  });

  it('the signal sequence of a crawl', async () => {
    const crawler = new Crawler(ItemsSpider, { LOG_ENABLED: false });
    const seen: string[] = [];
    for (const name of Object.values(signals)) crawler.signals.connect(name, () => { if (!seen.includes(name)) seen.push(name); });
    await crawler.crawl({ base: server.url });
    expect(seen).toEqual([
      'spider_opened', 'engine_started', 'request_scheduled', 'request_reached_downloader', 'response_downloaded',
      'request_left_downloader', 'response_received', 'item_scraped', 'spider_idle', 'spider_closed', 'engine_stopped',
    ]);
  });

  it('spider_idle handlers can schedule more requests; the spider closes when truly idle', async () => {
    const crawler = new Crawler(ItemsSpider, { LOG_ENABLED: false });
    let extra = 0;
    crawler.signals.connect(signals.spiderIdle, () => {
      if (extra < 2) crawler.engine.crawl(new Request(`${server.url}/price?n=${extra++}`, { callback: () => ({ extra: true }) }));
    });
    await crawler.crawl({ base: server.url });
    expect(crawler.stats.getValue('item_scraped_count')).toBe(6);
    expect(crawler.stats.getValue('finish_reason')).toBe('finished');
  });
});
