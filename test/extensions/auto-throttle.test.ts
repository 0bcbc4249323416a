import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Downloader, Request, signals, Spider, VirtualLoopAdapter, type Response, type VirtualRoute } from '../../src/node.ts';
import { AutoThrottle } from '../../src/extensions/auto-throttle.ts';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import { runSpider } from '../helpers/run-spider.ts';

/** A chain /0 -> /1 -> ... of `routes`, fetched one after another; records the slot delay (ms) seen by each callback. */
function chainSpider(origin: string, pages: number, delays: number[]) {
  return class Chain extends Spider {
    override name = 'chain';
    override startUrls = [`${origin}/0`];
    override *parse(response: Response) {
      const downloader = this.crawler.engine.downloader as Downloader;
      delays.push(downloader.getSlot(response.request!).slot.delayMs);
      const n = Number(new URL(response.url).pathname.slice(1));
      if (n + 1 < pages) yield response.follow(`/${n + 1}`, { meta: { handle_httpstatus_all: true } });
    }
  };
}

const THROTTLE = { AUTOTHROTTLE_ENABLED: true, AUTOTHROTTLE_START_DELAY: 5, AUTOTHROTTLE_MAX_DELAY: 60, RANDOMIZE_DOWNLOAD_DELAY: false };

describe('AutoThrottle', () => {
  it('converges the slot delay to latency / target concurrency by halving the distance', async () => {
    const routes: Record<string, VirtualRoute> = {};
    for (let i = 0; i < 6; i++) routes[`http://a.test/${i}`] = 'page';
    const adapter = new VirtualLoopAdapter({ routes, latencyMs: 1000 });
    const delays: number[] = [];
    const run = await runSpider(chainSpider('http://a.test', 6, delays), { ...THROTTLE, AUTOTHROTTLE_DEBUG: true, LOG_LEVEL: 'INFO' }, { adapter });
    // target = 1000 ms / 1; from 5000: max(target, (delay + target) / 2) each response.
    expect(delays).toEqual([3000, 2000, 1500, 1250, 1125, 1062.5]);
    // As Scrapy's downloader: sending a request books the slot's next opening at send time + the
    // delay in force then, so each request goes out one (then-current) delay after the previous:
    // 0, +5000, +3000, +2000, +1500, +1250 (the first never waits).
    expect(adapter.requests.map((r) => r.atMs)).toEqual([0, 5000, 8000, 10000, 11500, 12750]);
    expect(run.messages('INFO').filter((m) => m.startsWith('slot:'))).toEqual([
      'slot: a.test | conc: 1 | delay: 3000 ms (-2000) | latency: 1000 ms | size:     4 bytes',
      'slot: a.test | conc: 1 | delay: 2000 ms (-1000) | latency: 1000 ms | size:     4 bytes',
      'slot: a.test | conc: 1 | delay: 1500 ms (-500) | latency: 1000 ms | size:     4 bytes',
      'slot: a.test | conc: 1 | delay: 1250 ms (-250) | latency: 1000 ms | size:     4 bytes',
      'slot: a.test | conc: 1 | delay: 1125 ms (-125) | latency: 1000 ms | size:     4 bytes',
      'slot: a.test | conc: 1 | delay: 1062 ms (-62) | latency: 1000 ms | size:     4 bytes',
    ]);
  });

  it('divides by AUTOTHROTTLE_TARGET_CONCURRENCY, rises at once to a slower target, and stays within [DOWNLOAD_DELAY, MAX_DELAY]', async () => {
    const latencies = [1000, 8000, 8000, 100, 100, 100];
    const routes: Record<string, VirtualRoute> = {};
    latencies.forEach((latencyMs, i) => { routes[`http://b.test/${i}`] = { body: 'page', latencyMs }; });
    const adapter = new VirtualLoopAdapter({ routes });
    const delays: number[] = [];
    await runSpider(chainSpider('http://b.test', 6, delays), {
      ...THROTTLE, AUTOTHROTTLE_START_DELAY: 1, AUTOTHROTTLE_TARGET_CONCURRENCY: 2, AUTOTHROTTLE_MAX_DELAY: 3, DOWNLOAD_DELAY: 0.4,
    }, { adapter });
    // targets 500, 4000, 4000, 50, 50, 50 ms: 1000 -> 750; 4000 capped at 3000; 3000; then halving
    // towards 50 but never under DOWNLOAD_DELAY (400): 1525, 787.5, 418.75.
    expect(delays).toEqual([750, 3000, 3000, 1525, 787.5, 418.75]);
  });

  it('never lowers the delay on a non-200 response, but lets one raise it', async () => {
    const routes: Record<string, VirtualRoute> = {
      'http://n.test/0': { body: 'ok', latencyMs: 1000 },
      'http://n.test/1': { status: 500, body: 'err', latencyMs: 100 },
      'http://n.test/2': { status: 503, body: 'slow', latencyMs: 9000 },
      'http://n.test/3': { body: 'ok', latencyMs: 1000 },
    };
    const adapter = new VirtualLoopAdapter({ routes });
    const delays: number[] = [];
    await runSpider(chainSpider('http://n.test', 4, delays), { ...THROTTLE, RETRY_ENABLED: false }, { adapter });
    // 5000 -> 3000; a fast 500 would give 1550: ignored; a slow 503 raises to 9000; then 5000.
    expect(delays).toEqual([3000, 3000, 9000, 5000]);
  });

  it('leaves the delay alone for meta autothrottle_dont_adjust_delay', async () => {
    const adapter = new VirtualLoopAdapter({ routes: { 'http://m.test/': 'x' }, latencyMs: 1000 });
    const delays: number[] = [];
    class Fixed extends Spider {
      override name = 'fixed';
      override async *start() {
        yield new Request('http://m.test/', { meta: { autothrottle_dont_adjust_delay: true } });
      }
      override parse(response: Response) {
        delays.push((this.crawler.engine.downloader as Downloader).getSlot(response.request!).slot.delayMs);
      }
    }
    await runSpider(Fixed, THROTTLE, { adapter });
    expect(delays).toEqual([5000]);
  });

  it('is off unless AUTOTHROTTLE_ENABLED, and with a target concurrency of 0', async () => {
    for (const settings of [{}, { AUTOTHROTTLE_ENABLED: true, AUTOTHROTTLE_TARGET_CONCURRENCY: 0 }]) {
      const adapter = new VirtualLoopAdapter({ routes: { 'http://o.test/0': 'x' }, latencyMs: 1000 });
      const delays: number[] = [];
      const run = await runSpider(chainSpider('http://o.test', 1, delays), settings, { adapter });
      expect(run.crawler.extensions.some((e) => e instanceof AutoThrottle)).toBe(false);
      expect(delays).toEqual([0]);
    }
  });
});

describe('AutoThrottle on a real server', () => {
  let site: DemoSite;
  beforeAll(async () => {
    site = await startDemoSite({ products: 20 });
  });
  afterAll(() => site.close());

  it('starts at START_DELAY, then follows the measured latency, bounded by the settings', async () => {
    // Each response's measured latency and the slot delay right after AutoThrottle adjusted it
    // (this handler connects after the extension's). Expected delays are worked out from the
    // latencies, so a slow machine changes the numbers but not the check.
    const seen: Array<{ latencyMs: number; delayMs: number }> = [];
    const products = site.catalogue.expectedReachableProductUrls(site.url).slice(0, 5);
    class Products extends Spider {
      override name = 'products';
      override startUrls = products;
      override async *start() {
        this.crawler.signals.connect(signals.responseDownloaded, ({ request }) => {
          const { slot } = (this.crawler.engine.downloader as Downloader).getSlot(request as Request);
          seen.push({ latencyMs: (request as Request).meta.download_latency as number * 1000, delayMs: slot.delayMs });
        });
        yield* super.start();
      }
      override parse() {}
    }
    const started = performance.now();
    const run = await runSpider(Products, {
      ...THROTTLE, AUTOTHROTTLE_START_DELAY: 0.5, AUTOTHROTTLE_MAX_DELAY: 1, AUTOTHROTTLE_DEBUG: true, LOG_LEVEL: 'INFO',
    }, {});
    const tookMs = performance.now() - started;
    expect(run.stats['response_received_count']).toBe(5);
    expect(seen).toHaveLength(5);
    // Scrapy's rule, target concurrency 1: half way from the delay to the latency, never under the
    // latency, within [DOWNLOAD_DELAY (0), MAX_DELAY (1 s)], starting from START_DELAY (500 ms).
    let expected = 500;
    for (const { latencyMs, delayMs } of seen) {
      expect(latencyMs).toBeGreaterThan(0);
      expected = Math.min(Math.max(latencyMs, (expected + latencyMs) / 2), 1000);
      expect(delayMs).toBeCloseTo(expected, 6);
    }
    // Four delayed requests after the first, each at least the delay in force then.
    const delays = seen.map((s) => s.delayMs);
    expect(tookMs).toBeGreaterThanOrEqual(delays.slice(0, 4).reduce((a, b) => a + b, 0) * 0.9);
    const lines = run.messages('INFO').filter((m) => m.startsWith('slot:'));
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(line).toMatch(/^slot: 127\.0\.0\.1 \| conc: +\d+ \| delay: +\d+ ms \([+-]\d+\) \| latency: +\d+ ms \| size: +\d+ bytes$/);
    expect(lines.map((l) => Number(/delay: +(\d+)/.exec(l)![1]))).toEqual(delays.map((d) => Math.trunc(d)));
  });
});
