import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseSpider, Crawler, CrawlerRunner, Request, signals, Spider, type Response } from '../../src/node.ts';
import { runSpider } from '../helpers/run-spider.ts';
import { html, startTestServer, type TestServer } from '../helpers/http-server.ts';

let server: TestServer;
/** Called when the server receives a request for /slow or /stall: the download is in flight. */
let onInFlight: (() => void) | undefined;
/** Requests waiting at /gate; the gate opens when two are there (or after 5 s, answering 'alone'). */
const gate: Array<(title: string) => void> = [];
beforeAll(async () => {
  const routes: Record<string, ReturnType<typeof html>> = {};
  for (let i = 0; i < 30; i++) routes[`/p${i}`] = html(`<html><title>${i}</title><a href="/p${i + 1}">n</a></html>`);
  routes['/slow'] = (_q, res) => {
    onInFlight?.();
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end('<title>slow</title>'), 300);
  };
  routes['/stall'] = (_q, res) => {
    onInFlight?.();
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end('<title>stall</title>'), 10_000).unref();
  };
  routes['/gate'] = (_q, res) => {
    const answer = (title: string) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<title>${title}</title>`);
    gate.push(answer);
    if (gate.length === 2) for (const open of gate.splice(0)) open('together');
    else setTimeout(() => { if (gate.includes(answer)) gate.splice(gate.indexOf(answer), 1), answer('alone'); }, 5_000).unref();
  };
  server = await startTestServer(routes);
});

/** Resolves when the next /slow or /stall request reached the server. */
function nextInFlight(): Promise<void> {
  return new Promise((resolve) => {
    onInFlight = () => {
      onInFlight = undefined;
      resolve();
    };
  });
}
afterAll(() => server.close());

function chain(base: string) {
  return class Chain extends Spider {
    override name = 'chain';
    override startUrls = [`${base}/p0`];
    override *parse(r: Response) {
      yield { n: Number(r.css('title::text').get()) };
      const next = r.css('a::attr(href)').get();
      if (next && !next.endsWith('/p30')) yield r.follow(next);
    }
  };
}

describe('crawler lifecycle', () => {
  it('CloseSpider thrown in a callback closes with its reason', async () => {
    const base = server.url;
    class Stopper extends Spider {
      override name = 'stopper';
      override startUrls = [`${base}/p0`];
      override *parse(r: Response) {
        const n = Number(r.css('title::text').get());
        if (n === 3) throw new CloseSpider('enough_pages');
        yield { n };
        yield r.follow(`/p${n + 1}`);
      }
    }
    const run = await runSpider(Stopper);
    expect(run.stats['finish_reason']).toBe('enough_pages');
    expect(run.items).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
  });

  it('crawler.stop() is graceful: in-flight requests finish, finish reason shutdown', async () => {
    const base = server.url;
    class Slow extends Spider {
      override name = 'slow';
      override startUrls = [`${base}/slow`];
      override parse(r: Response) { return { title: r.css('title::text').get() }; }
    }
    const items: unknown[] = [];
    const crawler = new Crawler(Slow, { LOG_ENABLED: false, ITEM_PIPELINES: { c: { use: { processItem: (i: unknown) => (items.push(i), i) }, order: 1 } } });
    const inFlight = nextInFlight();
    const done = crawler.crawl();
    await inFlight;
    await crawler.stop();
    await done;
    expect(items).toEqual([{ title: 'slow' }]);
    expect(crawler.stats.getValue('finish_reason')).toBe('shutdown');
  });

  it('forceStop() aborts in-flight downloads', async () => {
    const base = server.url;
    class Slow extends Spider {
      override name = 'slow';
      override startUrls = [`${base}/stall`];
      override parse() { return { never: true }; }
    }
    const crawler = new Crawler(Slow, { LOG_ENABLED: false, RETRY_ENABLED: false });
    const inFlight = nextInFlight();
    const done = crawler.crawl();
    await inFlight;
    const t0 = performance.now();
    await crawler.forceStop();
    await done;
    // The response would take 10 s: a forced stop that waited for it would be far slower.
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(crawler.stats.getValue('finish_reason')).toBe('shutdown');
    expect(crawler.stats.getValue('item_scraped_count')).toBeUndefined();
  });

  it('a Crawler runs once', async () => {
    const crawler = new Crawler(chain(server.url), { LOG_ENABLED: false });
    await crawler.crawl();
    await expect(crawler.crawl()).rejects.toThrow(/crawling already taking place/);
  });

  it('CrawlerRunner: several crawls at once and one after another', async () => {
    const runner = new CrawlerRunner({ LOG_ENABLED: false });
    const [a, b] = await Promise.all([runner.crawl(chain(server.url)), runner.crawl(chain(server.url))]);
    expect(a.stats.getValue('item_scraped_count')).toBe(30);
    expect(b.stats.getValue('item_scraped_count')).toBe(30);
    const c = await runner.crawl(chain(server.url));
    expect(c.stats.getValue('item_scraped_count')).toBe(30);
    await runner.join();
    expect(runner.crawlers.size).toBe(0);
  });

  it('CrawlerRunner: two crawls overlap (both wait at a gate that opens for two) and join() waits for both', async () => {
    const base = server.url;
    const gated = (name: string) => class Gated extends Spider {
      override name = name;
      override startUrls = [`${base}/gate`];
      override parse(r: Response) { return { crawl: name, title: r.css('title::text').get() }; }
    };
    const runner = new CrawlerRunner({ LOG_ENABLED: false });
    const one = runner.createCrawler(gated('one'));
    const two = runner.createCrawler(gated('two'));
    const items: unknown[] = [];
    for (const c of [one, two]) c.signals.connect(signals.itemScraped, ({ item }) => { items.push(item); });
    void runner.crawl(one);
    void runner.crawl(two);
    expect(runner.crawlers.size).toBe(2);
    await runner.join();
    // join() resolved only once both crawls had finished, each with the gate opened for both.
    expect(runner.crawlers.size).toBe(0);
    expect(one.stats.getValue('finish_reason')).toBe('finished');
    expect(two.stats.getValue('finish_reason')).toBe('finished');
    expect(items.sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))).toEqual([
      { crawl: 'one', title: 'together' },
      { crawl: 'two', title: 'together' },
    ]);
  });

  it('never hangs: a start() that fails is logged and the crawl closes', async () => {
    class BadStart extends Spider {
      override name = 'badstart';
      override async *start() { yield { early: 1 }; throw new Error('start broke'); }
    }
    const run = await runSpider(BadStart);
    expect(run.items).toEqual([{ early: 1 }]);
    expect(run.messages('ERROR')).toEqual(['Error while reading start items and requests: start broke']);
    // As current Scrapy: a start() error is the finish reason unless something else closed the spider.
    expect(run.stats['finish_reason']).toBe('start_error');
  });

  it('the spider is not idle while start() is still running', async () => {
    const base = server.url;
    class SlowStart extends Spider {
      override name = 'slowstart';
      override async *start() {
        yield new Request(`${base}/p0`, { callback: () => ({ first: true }) });
        await new Promise((r) => setTimeout(r, 200));
        yield new Request(`${base}/p1`, { callback: () => ({ second: true }) });
      }
    }
    const run = await runSpider(SlowStart);
    expect(run.items).toEqual([{ first: true }, { second: true }]);
  });

  it('a start() with 1,000,000 requests is consumed as capacity allows (never held in memory)', async () => {
    let yielded = 0;
    class Huge extends Spider {
      override name = 'huge';
      override async *start() {
        for (let i = 0; i < 1_000_000; i++) {
          yielded++;
          yield new Request(`data:text/html,<title>${i}</title>`, { dontFilter: true });
        }
      }
      override parse() {}
    }
    const crawler = new Crawler(Huge, { LOG_ENABLED: false, CLOSESPIDER_PAGECOUNT: 0 });
    let maxPending = 0;
    const done = crawler.crawl();
    const timer = setInterval(() => {
      const sched = crawler.engine.scheduler as { size?: number };
      maxPending = Math.max(maxPending, sched.size ?? 0);
    }, 5);
    await new Promise((r) => setTimeout(r, 300));
    await crawler.stop();
    await done;
    clearInterval(timer);
    expect(yielded).toBeGreaterThan(50);
    expect(yielded).toBeLessThan(1_000_000);
    // The scheduler never holds more than what the downloader can take at once.
    expect(maxPending).toBeLessThanOrEqual(crawler.settings.getInt('CONCURRENT_REQUESTS'));
  });
});
