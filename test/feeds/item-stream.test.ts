import { describe, expect, it } from 'vitest';
import { FeedExportExtension } from '../../src/feeds/feed-exporter.ts';
import { createItemStream } from '../../src/feeds/item-stream.ts';
import { ItemFeedStorage } from '../../src/feeds/storages/item-feed-storage.ts';
import { fakeCrawler, messages, runFeeds } from './fake-crawler.ts';

const spider = { name: 'books' };

describe('createItemStream', () => {
  it('yields the items in order while the crawl runs, then ends', async () => {
    const stream = createItemStream({ fields: ['n', 'title'] });
    expect(stream.uri).toMatch(/^memory:item-stream-\d+$/);
    expect(stream.feeds).toEqual({ [stream.uri]: stream.feed });
    const crawler = fakeCrawler({ FEEDS: { ...stream.feeds } });
    new FeedExportExtension(crawler);
    const items = Array.from({ length: 50 }, (_, i) => ({ title: `t${i}`, n: i, extra: true }));
    const run = runFeeds(crawler, spider, items);
    const got: unknown[] = [];
    for await (const item of stream.items) got.push(item);
    await run;
    expect(got).toEqual(items.map(({ title, n }) => ({ n, title })));
    expect(await stream.done).toBe(50);
    expect(messages(crawler)).toContain(`INFO: Stored jsonlines feed (50 items) in: ${stream.uri}`);
    expect(crawler.stats.getValue('feedexport/success_count/ItemFeedStorage')).toBe(1);
  });

  it('holds the crawl back when the consumer lags (highWaterMark), and delivers each item as scraped', async () => {
    const stream = createItemStream({ highWaterMark: 2 });
    const crawler = fakeCrawler({ FEEDS: stream.feeds });
    new FeedExportExtension(crawler);
    await crawler.signals.sendAsync('spider_opened', { spider } as never);
    await crawler.signals.sendAsync('item_scraped', { item: { i: 1 }, response: null, spider } as never);
    const iterator = stream.items[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ value: { i: 1 }, done: false });
    await crawler.signals.sendAsync('item_scraped', { item: { i: 2 }, response: null, spider } as never);
    let third = false;
    const pending = crawler.signals.sendAsync('item_scraped', { item: { i: 3 }, response: null, spider } as never).then(() => {
      third = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(third).toBe(false);
    expect(await iterator.next()).toEqual({ value: { i: 2 }, done: false });
    await pending;
    expect(third).toBe(true);
    await crawler.signals.sendAsync('spider_closed', { spider, reason: 'finished' } as never);
    expect(await iterator.next()).toEqual({ value: { i: 3 }, done: false });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    expect(await stream.done).toBe(3);
  });

  it('drops items once the consumer stops early, without blocking the crawl', async () => {
    const stream = createItemStream({ highWaterMark: 1 });
    const crawler = fakeCrawler({ FEEDS: stream.feeds });
    new FeedExportExtension(crawler);
    const run = runFeeds(crawler, spider, Array.from({ length: 20 }, (_, i) => ({ i })));
    const got: unknown[] = [];
    for await (const item of stream.items) {
      got.push(item);
      if (got.length === 3) break;
    }
    await run;
    expect(got).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
    expect(await stream.done).toBe(20);
  });

  it('ends an empty crawl', async () => {
    const stream = createItemStream({ item_filter: () => false });
    const crawler = fakeCrawler({ FEEDS: stream.feeds, FEED_STORE_EMPTY: false });
    new FeedExportExtension(crawler);
    const run = runFeeds(crawler, spider, [{ a: 1 }]);
    const got: unknown[] = [];
    for await (const item of stream.items) got.push(item);
    await run;
    expect(got).toEqual([]);
    expect(await stream.done).toBe(0);
  });
});

describe('ItemFeedStorage', () => {
  it('calls onItem per item as it is exported and awaits its promise', async () => {
    const seen: unknown[] = [];
    let closedWith = -1;
    const storage = new ItemFeedStorage({
      onItem: async (item) => {
        await new Promise((r) => setTimeout(r, 1));
        seen.push(item);
      },
      onClose: (n) => {
        closedWith = n;
      },
    });
    const crawler = fakeCrawler({ FEEDS: { 'memory:ui': { format: 'jsonlines', storage } } });
    new FeedExportExtension(crawler);
    await crawler.signals.sendAsync('spider_opened', { spider } as never);
    await crawler.signals.sendAsync('item_scraped', { item: { a: 'x\ny' }, response: null, spider } as never);
    expect(seen).toEqual([{ a: 'x\ny' }]);
    await crawler.signals.sendAsync('item_scraped', { item: { a: 2 }, response: null, spider } as never);
    expect(seen).toEqual([{ a: 'x\ny' }, { a: 2 }]);
    await crawler.signals.sendAsync('spider_closed', { spider, reason: 'finished' } as never);
    expect(closedWith).toBe(2);
  });
});
