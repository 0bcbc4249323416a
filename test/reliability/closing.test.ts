import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseSpider, Crawler, Request, Spider, signals, type SettingsInput, type TextResponse } from '../../src/node.ts';
import { startHostileServer } from '../fixtures/hostile-server.ts';
import type { TestServer } from '../helpers/http-server.ts';
import { runCli, startCli, tempDir } from '../cli/run-cli.ts';

// Issue 8, bullets 3, 7 and 13: closing never waits on a start() paused on an await, a stop asked
// for while the spider opens is kept, and a start() error finishes the crawl with start_error.

let site = '';
const never = new Promise<never>(() => {});

/** Yields one list page, then waits for more work that never comes (the usual "feeder" start()). */
class PausedSpider extends Spider {
  override name = 'paused';
  closeFromCallback = false;
  override async *start(): AsyncGenerator<Request> {
    yield new Request(`${site}/list?page=1&n=3&last=0`);
    await never;
  }
  override parse(response: TextResponse): Array<{ id: string }> {
    if (this.closeFromCallback) throw new CloseSpider('enough');
    return response.css('li.item::attr(data-id)').getall().map((id) => ({ id }));
  }
}

function crawlerFor(spider: typeof Spider, settings: SettingsInput = {}): { crawler: Crawler; items: unknown[] } {
  const crawler = new Crawler(spider, { LOG_LEVEL: 'INFO', ...settings }, { logSink: () => {} });
  const items: unknown[] = [];
  crawler.signals.connect(signals.itemScraped, ({ item }) => { items.push(item); });
  return { crawler, items };
}

async function untilTrue(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('closing (issue 8)', () => {
  let server: TestServer;
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    server = await startHostileServer();
    site = server.url;
    tmp = tempDir();
  });
  afterAll(async () => {
    tmp.remove();
    await server.close();
  });

  describe('with start() paused on an await', () => {
    it('stop() closes in about a second', async () => {
      const { crawler, items } = crawlerFor(PausedSpider);
      const done = crawler.crawl();
      await untilTrue(() => items.length === 3);
      const t0 = performance.now();
      await crawler.stop();
      await done;
      expect(performance.now() - t0).toBeLessThan(2_500);
      expect(crawler.stats.getValue('finish_reason')).toBe('shutdown');
    });

    it('CLOSESPIDER_TIMEOUT closes it', async () => {
      const { crawler, items } = crawlerFor(PausedSpider, { CLOSESPIDER_TIMEOUT: 1 });
      const t0 = performance.now();
      await crawler.crawl();
      expect(performance.now() - t0).toBeLessThan(4_000);
      expect(items).toHaveLength(3);
      expect(crawler.stats.getValue('finish_reason')).toBe('closespider_timeout');
    });

    it('CloseSpider raised by a callback closes it', async () => {
      const { crawler } = crawlerFor(PausedSpider);
      const t0 = performance.now();
      await crawler.crawl({ closeFromCallback: true });
      expect(performance.now() - t0).toBeLessThan(4_000);
      expect(crawler.stats.getValue('finish_reason')).toBe('enough');
    });
  });

  describe('a stop asked for while the spider opens', () => {
    /** A pipeline whose openSpider takes 400 ms (a slow database connection). */
    let opening: () => void = () => {};
    class SlowOpenPipeline {
      async openSpider(): Promise<void> {
        opening();
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
      processItem(item: unknown): unknown {
        return item;
      }
    }
    class ListSpider extends Spider {
      override name = 'list';
      override async *start(): AsyncGenerator<Request> {
        yield new Request(`${site}/list?page=1&n=3&last=5`);
      }
      override *parse(response: TextResponse): Generator<unknown> {
        for (const id of response.css('li.item::attr(data-id)').getall()) yield { id };
        const next = response.css('a.next::attr(href)').get();
        if (next) yield response.follow(next);
      }
    }

    for (const how of ['stop', 'forceStop'] as const) {
      it(`${how}() is remembered and closes the spider as soon as it is open, before any request`, async () => {
        const seen = server.seen.length;
        const { crawler, items } = crawlerFor(ListSpider, { ITEM_PIPELINES: { SlowOpenPipeline: { use: SlowOpenPipeline, order: 1 } } });
        const entered = new Promise<void>((resolve) => {
          opening = resolve;
        });
        const done = crawler.crawl();
        await entered;
        void crawler[how]();
        await done;
        expect(crawler.stats.getValue('finish_reason')).toBe('shutdown');
        expect(items).toEqual([]);
        expect(server.seen.length).toBe(seen);
      });
    }

    it('stop() while the components are still being built is remembered too', async () => {
      const seen = server.seen.length;
      let building: () => void = () => {};
      const built = new Promise<void>((resolve) => {
        building = resolve;
      });
      const SlowExtension = {
        async fromCrawler(): Promise<object> {
          building();
          await new Promise((resolve) => setTimeout(resolve, 200));
          return {};
        },
      };
      const { crawler } = crawlerFor(ListSpider, { EXTENSIONS: { SlowExtension: { use: SlowExtension, order: 1 } } });
      const done = crawler.crawl();
      await built;
      void crawler.stop();
      await done;
      expect(crawler.stats.getValue('finish_reason')).toBe('shutdown');
      expect(server.seen.length).toBe(seen);
    });
  });

  describe('start() throwing after some yields', () => {
    class BrokenStartSpider extends Spider {
      override name = 'broken-start';
      override async *start(): AsyncGenerator<Request> {
        yield new Request(`${site}/list?page=1&n=2&last=0`);
        yield new Request(`${site}/list?page=2&n=2&last=0`);
        throw new TypeError('the feed of URLs is gone');
      }
      override parse(response: TextResponse): Array<{ id: string }> {
        return response.css('li.item::attr(data-id)').getall().map((id) => ({ id }));
      }
    }

    it('finishes with start_error, sends spider_error and counts spider_exceptions/*', async () => {
      const { crawler, items } = crawlerFor(BrokenStartSpider);
      const errors: unknown[] = [];
      crawler.signals.connect(signals.spiderError, ({ failure }) => { errors.push(failure); });
      await crawler.crawl();
      expect(items).toHaveLength(4);
      expect(errors).toHaveLength(1);
      expect((errors[0] as Error).message).toBe('the feed of URLs is gone');
      const stats = crawler.stats.getStats();
      expect(stats.finish_reason).toBe('start_error');
      expect(stats['spider_exceptions/count']).toBe(1);
      expect(stats['spider_exceptions/TypeError']).toBe(1);
    });

    it('keeps the reason of whatever closed the spider first', async () => {
      const { crawler } = crawlerFor(BrokenStartSpider, { CLOSESPIDER_ITEMCOUNT: 1 });
      await crawler.crawl();
      expect(crawler.stats.getValue('finish_reason')).toBe('closespider_itemcount');
    });

    it('CLI: exits 1', async () => {
      writeFileSync(join(tmp.dir, 'broken.ts'), `
import { Request, Spider } from 'skitter';
export default class BrokenSpider extends Spider {
  name = 'broken';
  site = '';
  async *start() {
    yield new Request(this.site + '/list?page=1&n=2&last=0');
    throw new TypeError('the feed of URLs is gone');
  }
  parse() {}
}
`);
      const r = await runCli(['runspider', 'broken.ts', '-a', `site=${site}`, '-L', 'INFO'], tmp.dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("'finish_reason': 'start_error',");
      expect(r.stderr).toContain('skitter: error: spider "broken" finished with start_error');
    });
  });

  it('CLI: SIGTERM while the spider opens closes it once open (finish reason shutdown, exit 0)', async () => {
    const seen = server.seen.length;
    writeFileSync(join(tmp.dir, 'slow-open.ts'), `
import { Request, Spider } from 'skitter';
class SlowOpen {
  async openSpider() {
    console.error('pipeline opening');
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
  processItem(item: unknown) { return item; }
}
export default class SlowOpenSpider extends Spider {
  name = 'slow-open';
  site = '';
  customSettings = { ITEM_PIPELINES: { SlowOpen: { use: SlowOpen, order: 1 } } };
  async *start() { yield new Request(this.site + '/list?page=1&n=2&last=3'); }
  parse() { return [{ never: true }]; }
}
`);
    const cli = startCli(['runspider', 'slow-open.ts', '-a', `site=${site}`, '-O', 'slow.jsonl', '-L', 'INFO'], tmp.dir);
    await cli.waitForStderr('pipeline opening');
    cli.child.kill('SIGTERM');
    const r = await cli.done;
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Received SIGTERM, shutting down gracefully');
    expect(r.stderr).toContain("'finish_reason': 'shutdown',");
    expect(server.seen.length).toBe(seen);
  });
});
