import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Crawler, HtmlResponse, NotConfigured, Request, Spider, type DownloadHandler, type DupeFilter, type Response, type SchedulerLike,
} from '../../src/node.ts';
import { runSpider } from '../helpers/run-spider.ts';
import { html, startTestServer, type TestServer } from '../helpers/http-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ '/': html('<html><a href="/a">a</a><a href="/b">b</a><a href="/a">a</a></html>'), '/a': html('<title>a</title>'), '/b': html('<title>b</title>') });
});
afterAll(() => server.close());

class Follow extends Spider {
  override name = 'follow';
  base = '';
  override async *start() { yield new Request(`${this.base}/`); }
  override *parse(r: Response) {
    if (r.url.endsWith('/')) for (const h of r.css('a::attr(href)').getall()) yield r.follow(h);
    else yield { title: r.css('title::text').get() };
  }
}
const args = () => ({ args: { base: server.url } });

describe('user-supplied components', () => {
  it('SCHEDULER: a custom FIFO scheduler with async open/close', async () => {
    const events: string[] = [];
    class FifoScheduler implements SchedulerLike {
      queue: Request[] = [];
      async open() { await Promise.resolve(); events.push('open'); }
      async close(reason: string) { events.push(`close:${reason}`); }
      hasPendingRequests() { return this.queue.length > 0; }
      enqueueRequest(r: Request) { events.push(`enqueue:${new URL(r.url).pathname}`); this.queue.push(r); return true; }
      nextRequest() { return this.queue.shift(); }
    }
    const run = await runSpider(Follow, { SCHEDULER: FifoScheduler, CONCURRENT_REQUESTS: 1 }, args());
    // No dupefilter in this scheduler: /a is fetched twice.
    expect(run.items.map((i) => i.title)).toEqual(['a', 'b', 'a']);
    expect(events).toEqual(['open', 'enqueue:/', 'enqueue:/a', 'enqueue:/b', 'enqueue:/a', 'close:finished']);
  });

  it('DUPEFILTER_CLASS: a custom dupefilter (by path) with async open/close', async () => {
    const events: string[] = [];
    class PathDupeFilter implements DupeFilter {
      seen = new Set<string>();
      async open() { events.push('open'); }
      async close(reason: string) { events.push(`close:${reason}`); }
      requestSeen(r: Request) { const p = new URL(r.url).pathname; if (this.seen.has(p)) return true; this.seen.add(p); return false; }
      log(r: Request) { events.push(`dup:${new URL(r.url).pathname}`); }
    }
    const run = await runSpider(Follow, { DUPEFILTER_CLASS: PathDupeFilter }, args());
    expect(run.items.map((i) => i.title).sort()).toEqual(['a', 'b']);
    expect(events).toEqual(['open', 'dup:/a', 'close:finished']);
  });

  it('DOWNLOAD_HANDLERS: a handler for a custom scheme with async close', async () => {
    let closed = false;
    class MemHandler implements DownloadHandler {
      downloadRequest(request: Request) {
        return new HtmlResponse({ url: request.url, body: new TextEncoder().encode(`<title>${request.url}</title>`), headers: { 'content-type': 'text/html' } });
      }
      async close() { closed = true; }
    }
    class Mem extends Spider {
      override name = 'mem';
      override startUrls = ['mem://one', 'mem://two'];
      override parse(r: Response) { return { title: r.css('title::text').get() }; }
    }
    const run = await runSpider(Mem, { DOWNLOAD_HANDLERS: { mem: MemHandler } });
    expect(run.items.map((i) => i.title).sort()).toEqual(['mem://one', 'mem://two']);
    expect(closed).toBe(true);
  });

  it('DOWNLOAD_HANDLERS: data: URLs are built in; an unknown scheme is a clear error', async () => {
    class Data extends Spider {
      override name = 'data';
      override startUrls = ['data:text/html,<title>hello%20data</title>', 'gopher://x/'];
      override parse(r: Response) { return { title: r.css('title::text').get() }; }
    }
    const run = await runSpider(Data);
    expect(run.items).toEqual([{ title: 'hello data' }]);
    expect(run.messages('ERROR')).toEqual([
      "Error downloading <GET gopher://x/>: [skitter] Unsupported URL scheme 'gopher' in gopher://x/: no download handler for it on node (set DOWNLOAD_HANDLERS).",
    ]);
  });

  it('DOWNLOADER: a custom downloader', async () => {
    class FakeDownloader {
      active = new Set<Request>();
      fetched: string[] = [];
      async fetch(request: Request) {
        this.fetched.push(request.url);
        return new HtmlResponse({ url: request.url, body: new TextEncoder().encode('<title>fake</title>'), headers: { 'content-type': 'text/html' } });
      }
      needsBackout() { return false; }
      async close() {}
    }
    class One extends Spider {
      override name = 'one';
      override startUrls = ['http://never.invalid/'];
      override parse(r: Response) { return { title: r.css('title::text').get() }; }
    }
    const run = await runSpider(One, { DOWNLOADER: FakeDownloader });
    expect(run.items).toEqual([{ title: 'fake' }]);
  });

  it('EXTENSIONS: custom extensions get the crawler; NotConfigured opts out', async () => {
    const seen: string[] = [];
    class Counter { constructor(crawler: Crawler) { crawler.signals.connect('response_received', ({ response }) => { seen.push(new URL(response.url).pathname); }); } }
    class Disabled { constructor() { throw new NotConfigured('not today'); } }
    const run = await runSpider(Follow, { EXTENSIONS: { Counter: { use: Counter, order: 500 }, Disabled: { use: Disabled, order: 500 } } }, args());
    expect(seen.sort()).toEqual(['/', '/a', '/b']);
    expect(run.messages('DEBUG')).toContain('Disabled Disabled: not today');
    expect(run.messages('INFO').find((m) => m.startsWith('Enabled extensions'))).toContain("'Counter'");
  });

  it('a component with static fromCrawler is built through it', async () => {
    let built = '';
    class FromCrawler {
      static fromCrawler(crawler: Crawler) { built = crawler.spider.name; return new FromCrawler(); }
      processItem(item: unknown) { return item; }
    }
    await runSpider(Follow, { ITEM_PIPELINES: { FromCrawler: { use: FromCrawler, order: 1 } } }, args());
    expect(built).toBe('follow');
  });

  it('FEED_STORAGES: a custom storage scheme receives the feed', async () => {
    const written: string[] = [];
    class ArrayStorage {
      async open() { return { write: (chunk: string) => { written.push(chunk); }, close: async () => {} }; }
    }
    await runSpider(Follow, { FEED_STORAGES: { arr: ArrayStorage }, FEEDS: { 'arr://out': { format: 'jsonlines' } } }, args());
    const lines = written.join('').trim().split('\n').map((l) => JSON.parse(l).title).sort();
    expect(lines).toEqual(['a', 'b']);
  });
});
