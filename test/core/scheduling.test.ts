import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeLoopAdapter, Request, Spider, VirtualLoopAdapter, type Response } from '../../src/node.ts';
import { runSpider } from '../helpers/run-spider.ts';
import { html, startTestServer, type TestServer } from '../helpers/http-server.ts';

let server: TestServer;
beforeAll(async () => {
  const routes: Record<string, ReturnType<typeof html>> = {};
  for (const p of ['s1', 's2', 's3', 's4', 's5', 'c1', 'c2', 'hi', 'lo', 'dup', 'a', 'b']) routes[`/${p}`] = html(`<html><title>${p}</title></html>`);
  routes['/links'] = html('<html><a href="/dup">1</a><a href="/dup">2</a><a href="/dup#frag">3</a><a href="/a">4</a></html>');
  server = await startTestServer(routes);
});
afterAll(() => server.close());

const paths = () => server.seen.map((s) => s.path);

describe('scheduler order', () => {
  it('start requests go out in yield order', async () => {
    server.seen.length = 0;
    const base = server.url;
    class Ordered extends Spider {
      override name = 'ordered';
      override startUrls = ['s1', 's2', 's3', 's4', 's5'].map((p) => `${base}/${p}`);
      override parse() {}
    }
    await runSpider(Ordered, { CONCURRENT_REQUESTS: 1 });
    expect(paths()).toEqual(['/s1', '/s2', '/s3', '/s4', '/s5']);
  });

  it('at equal priority callback requests go before pending start requests', async () => {
    server.seen.length = 0;
    const base = server.url;
    class CallbacksFirst extends Spider {
      override name = 'callbacksfirst';
      override startUrls = [`${base}/s1`, `${base}/s2`, `${base}/s3`];
      override parse(r: Response) {
        if (r.url.endsWith('/s1')) return [new Request(`${base}/c1`, { callback: () => {} }), new Request(`${base}/c2`, { callback: () => {} })];
      }
    }
    await runSpider(CallbacksFirst, { CONCURRENT_REQUESTS: 1 });
    // The start requests are read as capacity allows: s2 is already scheduled when s1's callback
    // runs; c1 and c2 (LIFO among callback requests, as Scrapy's default memory queue) go first.
    expect(paths()).toEqual(['/s1', '/c2', '/c1', '/s2', '/s3']);
  });

  it('higher priority goes first', async () => {
    server.seen.length = 0;
    const base = server.url;
    class Priorities extends Spider {
      override name = 'priorities';
      override async *start() {
        yield new Request(`${base}/s1`);
      }
      override parse(r: Response) {
        if (!r.url.endsWith('/s1')) return;
        return [new Request(`${base}/lo`, { priority: -5, callback: () => {} }), new Request(`${base}/hi`, { priority: 10, callback: () => {} }), new Request(`${base}/c1`, { callback: () => {} })];
      }
    }
    await runSpider(Priorities, { CONCURRENT_REQUESTS: 1 });
    expect(paths()).toEqual(['/s1', '/hi', '/c1', '/lo']);
  });

  it('dupefilter drops repeated fingerprints (fragments ignored); dontFilter passes', async () => {
    server.seen.length = 0;
    const base = server.url;
    class Dups extends Spider {
      override name = 'dups';
      override startUrls = [`${base}/links`];
      override parse(r: Response) {
        if (!r.url.endsWith('/links')) return;
        const out: Request[] = r.css('a::attr(href)').getall().map((h) => r.follow(h, { callback: () => {} }));
        out.push(new Request(`${base}/dup`, { dontFilter: true, callback: () => {} }));
        return out;
      }
    }
    const run = await runSpider(Dups);
    expect(paths().sort()).toEqual(['/a', '/dup', '/dup', '/links']);
    expect(run.stats['dupefilter/filtered']).toBe(2);
    expect(run.messages('DEBUG').filter((m) => m.startsWith('Filtered duplicate request'))).toHaveLength(1);
  });
});

describe('downloader slots', () => {
  it('DOWNLOAD_DELAY spaces requests to one domain (no randomization): measured on a real server', async () => {
    server.seen.length = 0;
    const base = server.url;
    class Delayed extends Spider {
      override name = 'delayed';
      override startUrls = ['s1', 's2', 's3', 's4', 's5'].map((p) => `${base}/${p}`);
      override parse() {}
    }
    // Spacing is measured where the delay applies: when each fetch starts, on the adapter's clock.
    // Arrival times at a server on this event loop also carry its scheduling jitter.
    const sentAt: Array<[string, number]> = [];
    const adapter: NodeLoopAdapter = new NodeLoopAdapter({
      fetch: (input, init) => {
        sentAt.push([new URL(String(input instanceof globalThis.Request ? input.url : input)).pathname, adapter.now()]);
        return globalThis.fetch(input, init);
      },
    });
    await runSpider(Delayed, { DOWNLOAD_DELAY: 0.15, RANDOMIZE_DOWNLOAD_DELAY: false }, { adapter });
    expect(paths()).toEqual(['/s1', '/s2', '/s3', '/s4', '/s5']);
    expect(sentAt.map(([path]) => path)).toEqual(['/s1', '/s2', '/s3', '/s4', '/s5']);
    const gaps = sentAt.slice(1).map(([, t], i) => t - sentAt[i]![1]);
    expect(gaps).toHaveLength(4);
    for (const g of gaps) {
      // Never early (1 ms for timer rounding); late only as much as a loaded machine delays a timer.
      expect(g).toBeGreaterThanOrEqual(149);
      expect(g).toBeLessThan(150 + 2_000);
    }
  });

  it('a crawl of 100 pages with DOWNLOAD_DELAY=10 runs in virtual time with exact timings', async () => {
    const routes: Record<string, string> = {};
    for (let i = 0; i < 100; i++) routes[`http://v.test/p${i}`] = `<html><a href="/p${i + 1}">n</a><h1>${i}</h1></html>`;
    const adapter = new VirtualLoopAdapter({ routes, latencyMs: 50 });
    class Virtual extends Spider {
      override name = 'virtual';
      override startUrls = ['http://v.test/p0'];
      override *parse(r: Response) {
        yield { n: Number(r.css('h1::text').get()), at: adapter.now() };
        const next = r.css('a::attr(href)').get();
        if (next && !next.endsWith('/p100')) yield r.follow(next);
      }
    }
    const t0 = performance.now();
    const run = await runSpider(Virtual, { DOWNLOAD_DELAY: 10, RANDOMIZE_DOWNLOAD_DELAY: false, LOG_LEVEL: 'INFO' }, { adapter });
    const realMs = performance.now() - t0;
    expect(run.items).toHaveLength(100);
    // Request k starts at max(k * 10 s, previous response + callback) -> exactly k * 10 000 ms, and
    // its response arrives 50 ms later.
    expect(adapter.requests.map((r) => r.atMs)).toEqual(Array.from({ length: 100 }, (_, k) => k * 10_000));
    expect(run.items.map((i) => i.at)).toEqual(Array.from({ length: 100 }, (_, k) => k * 10_000 + 50));
    expect(run.stats['elapsed_time_seconds']).toBe(990.05);
    // On real timers this crawl would take 990 s; a loaded CI machine needs a few seconds at most.
    expect(realMs).toBeLessThan(30_000);
  });

  it('randomized delay stays within 0.5x-1.5x of DOWNLOAD_DELAY', async () => {
    const routes: Record<string, string> = {};
    for (let i = 0; i < 60; i++) routes[`http://r.test/p${i}`] = '<html></html>';
    const adapter = new VirtualLoopAdapter({ routes });
    class Randomized extends Spider {
      override name = 'randomized';
      override startUrls = Array.from({ length: 60 }, (_, i) => `http://r.test/p${i}`);
      override parse() {}
    }
    await runSpider(Randomized, { DOWNLOAD_DELAY: 2, LOG_LEVEL: 'INFO' }, { adapter });
    const at = adapter.requests.map((r) => r.atMs);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(3000);
    expect(new Set(gaps.map((g) => Math.round(g))).size).toBeGreaterThan(10);
  });

  it('per-domain concurrency: CONCURRENT_REQUESTS_PER_DOMAIN caps parallel downloads per slot', async () => {
    const routes: Record<string, { body: string; latencyMs: number }> = {};
    for (let i = 0; i < 12; i++) {
      routes[`http://one.test/p${i}`] = { body: '<html></html>', latencyMs: 1000 };
      routes[`http://two.test/p${i}`] = { body: '<html></html>', latencyMs: 1000 };
    }
    const adapter = new VirtualLoopAdapter({ routes });
    class TwoDomains extends Spider {
      override name = 'twodomains';
      override startUrls = Array.from({ length: 12 }, (_, i) => [`http://one.test/p${i}`, `http://two.test/p${i}`]).flat();
      override parse() {}
    }
    const run = await runSpider(TwoDomains, { CONCURRENT_REQUESTS: 16, CONCURRENT_REQUESTS_PER_DOMAIN: 3, LOG_LEVEL: 'INFO' }, { adapter });
    const starts = (host: string) => adapter.requests.filter((r) => r.url.includes(host)).map((r) => r.atMs);
    expect(starts('one.test')).toEqual([0, 0, 0, 1000, 1000, 1000, 2000, 2000, 2000, 3000, 3000, 3000]);
    expect(starts('two.test')).toEqual([0, 0, 0, 1000, 1000, 1000, 2000, 2000, 2000, 3000, 3000, 3000]);
    expect(run.stats['elapsed_time_seconds']).toBe(4);
  });
});
