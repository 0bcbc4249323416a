import { totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import { NodeLoopAdapter, Spider, VirtualLoopAdapter, type Capability, type Response } from '../../src/node.ts';
import { MemoryUsage } from '../../src/extensions/memory-usage.ts';
import { runSpider } from '../helpers/run-spider.ts';
import { html, startTestServer } from '../helpers/http-server.ts';

const MIB = 1024 * 1024;

/** The platform seam: a virtual adapter that can measure memory, scripted by virtual time. */
class MeasuredAdapter extends VirtualLoopAdapter {
  readonly readings: number[] = [];
  #rssAt: (nowMs: number) => number;
  constructor(rssAt: (nowMs: number) => number, capabilities: Capability[] = ['memoryUsage']) {
    super({
      routes: (req) => `<a href="/${Number(new URL(req.url).pathname.slice(1)) + 1}">next</a>`,
      latencyMs: 300,
      capabilities,
    });
    this.#rssAt = rssAt;
  }
  memoryUsage(): number {
    const rss = this.#rssAt(this.now());
    this.readings.push(this.now());
    return rss;
  }
}

/** An endless chain of pages, one every 300 virtual ms, stopped by CLOSESPIDER_TIMEOUT or the memory limit. */
class Endless extends Spider {
  override name = 'endless';
  override startUrls = ['http://m.test/0'];
  override parse(response: Response) {
    return response.follow(response.css('a::attr(href)').get()!);
  }
}

describe('MemoryUsage', () => {
  it('records startup and max, warns once above MEMUSAGE_WARNING_MB, closes above MEMUSAGE_LIMIT_MB', async () => {
    // 100 MiB until 2 s, then 300 MiB.
    const adapter = new MeasuredAdapter((t) => (t < 2000 ? 100 : 300) * MIB);
    const run = await runSpider(Endless, {
      MEMUSAGE_LIMIT_MB: 200, MEMUSAGE_WARNING_MB: 150, MEMUSAGE_CHECK_INTERVAL_SECONDS: 1, LOG_LEVEL: 'INFO',
    }, { adapter });
    expect(run.stats['finish_reason']).toBe('memusage_exceeded');
    expect(run.stats['memusage/startup']).toBe(100 * MIB);
    expect(run.stats['memusage/max']).toBe(300 * MIB);
    expect(run.stats['memusage/limit_reached']).toBe(1);
    expect(run.stats['memusage/warning_reached']).toBe(1);
    expect(run.messages('ERROR')).toEqual(['Memory usage exceeded 200MiB. Shutting down skitter...']);
    expect(run.messages('WARNING')).toEqual(['Memory usage reached 150MiB']);
    // Read at engine start (startup + first check), then every second until the close at 2 s.
    expect(adapter.readings).toEqual([0, 0, 1000, 2000]);
    // The limit closed the spider at 2 s; the request sent at 1800 ms finished at 2100 ms.
    expect(run.stats['elapsed_time_seconds']).toBe(2.1);
    // The checks stopped with the engine: virtual time would otherwise run on by itself.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(adapter.pendingTimers).toBe(0);
    expect(adapter.readings).toEqual([0, 0, 1000, 2000]);
  });

  it('only records memusage/max under the thresholds', async () => {
    const adapter = new MeasuredAdapter((t) => (50 + t / 100) * MIB);
    const run = await runSpider(Endless, { MEMUSAGE_WARNING_MB: 500, MEMUSAGE_CHECK_INTERVAL_SECONDS: 0.5, CLOSESPIDER_TIMEOUT: 2 }, { adapter });
    expect(run.stats['finish_reason']).toBe('closespider_timeout');
    expect(run.stats['memusage/startup']).toBe(50 * MIB);
    // Checks at 0, 500, 1000, 1500 and 2000 ms: the last one reads 70 MiB.
    expect(run.stats['memusage/max']).toBe(70 * MIB);
    expect(run.stats['memusage/warning_reached']).toBeUndefined();
  });

  it('is not built without the memoryUsage capability, when disabled, or without a memoryUsage() reader', async () => {
    const cases: Array<[VirtualLoopAdapter, Record<string, unknown>]> = [
      [new MeasuredAdapter(() => MIB, []), {}],
      [new MeasuredAdapter(() => MIB), { MEMUSAGE_ENABLED: false }],
      [new VirtualLoopAdapter({ capabilities: ['memoryUsage'] }), {}],
    ];
    for (const [adapter, settings] of cases) {
      class One extends Spider {
        override name = 'one';
      }
      const run = await runSpider(One, settings, { adapter });
      expect(run.crawler.extensions.some((e) => e instanceof MemoryUsage)).toBe(false);
      expect(run.stats['memusage/startup']).toBeUndefined();
    }
  });

  it('runs on the Node adapter: a real crawl reads the process RSS, warns and closes on its limits', async () => {
    const adapter = new NodeLoopAdapter();
    expect(adapter.capabilities.has('memoryUsage')).toBe(true);
    expect(typeof adapter.memoryUsage).toBe('function');
    const server = await startTestServer({ '/': html('<p>one page</p>') });
    try {
      class One extends Spider {
        override name = 'one';
        override startUrls = [`${server.url}/`];
        override parse() { return [{ ok: true }]; }
      }
      // Any Node process uses more than 1 MiB: the first check (at engine start) warns and closes.
      const run = await runSpider(One, { MEMUSAGE_WARNING_MB: 1, MEMUSAGE_LIMIT_MB: 1, LOG_LEVEL: 'INFO' });
      expect(run.crawler.adapter).toBeInstanceOf(NodeLoopAdapter);
      expect(run.crawler.extensions.some((e) => e instanceof MemoryUsage)).toBe(true);
      const startup = run.stats['memusage/startup'] as number;
      expect(startup).toBeGreaterThan(20 * MIB);
      expect(startup).toBeLessThan(totalmem());
      expect(run.stats['memusage/max']).toBeGreaterThanOrEqual(startup);
      expect(run.stats['finish_reason']).toBe('memusage_exceeded');
      expect(run.stats['memusage/limit_reached']).toBe(1);
      expect(run.stats['memusage/warning_reached']).toBe(1);
      expect(run.messages('ERROR')).toEqual(['Memory usage exceeded 1MiB. Shutting down skitter...']);
      expect(run.messages('WARNING')).toEqual(['Memory usage reached 1MiB']);
    } finally {
      await server.close();
    }
  });
});
