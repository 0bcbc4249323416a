import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Crawler, Request, Scheduler, Spider, signals, type Failure, type TextResponse } from '../../src/node.ts';
import { startHostileServer } from '../fixtures/hostile-server.ts';
import type { TestServer } from '../helpers/http-server.ts';
import { startCli, tempDir, type CliProcess } from '../cli/run-cli.ts';

// Issue 8, bullet 2: a forced stop (second Ctrl-C) sends nothing new, retries nothing, and still
// closes every feed validly. The crawl: 6 list pages of 5 items each, then 8 requests to a server
// that never answers; 2 of them transfer (2 per domain) and 2 more wait in the downloader's slot.

const LISTS = 6;
const STALLS = 8;
const SETTINGS = { CONCURRENT_REQUESTS: 4, CONCURRENT_REQUESTS_PER_DOMAIN: 2 };

const FORCED_SPIDER = `
import { Request, Spider, type TextResponse } from 'skitter';
export default class ForcedSpider extends Spider {
  name = 'forced';
  site = '';
  customSettings = { CONCURRENT_REQUESTS: 4, CONCURRENT_REQUESTS_PER_DOMAIN: 2 };
  async *start() {
    for (let i = 1; i <= ${LISTS}; i++) yield new Request(this.site + '/list?page=' + i + '&n=5&last=0', { priority: 1 });
    for (let i = 1; i <= ${STALLS}; i++) yield new Request(this.site + '/stall?i=' + i);
  }
  parse(response: TextResponse) {
    return response.css('li.item::attr(data-id)').getall().map((id) => ({ id }));
  }
}
`;

async function until(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function expectedIds(): string[] {
  return Array.from({ length: LISTS }, (_, p) => Array.from({ length: 5 }, (_, i) => `${p + 1}-${i}`)).flat().sort();
}

describe('forced stop (issue 8)', () => {
  let server: TestServer;
  let tmp: ReturnType<typeof tempDir>;
  const stalls = (): number => server.seen.filter((r) => r.path.startsWith('/stall')).length;
  beforeAll(async () => {
    server = await startHostileServer();
    tmp = tempDir();
    writeFileSync(join(tmp.dir, 'forced.ts'), FORCED_SPIDER);
  });
  afterAll(async () => {
    tmp.remove();
    await server.close();
  });

  it('CLI: a second Ctrl-C cancels, sends and retries nothing, closes the JSON feed and exits 130', async () => {
    const cli: CliProcess = startCli(['runspider', 'forced.ts', '-a', `site=${server.url}`, '-O', 'items.json', '-L', 'DEBUG'], tmp.dir);
    await until('30 items and 2 stalled downloads', () => (cli.stderr.match(/DEBUG: Scraped from/g)?.length ?? 0) === LISTS * 5 && stalls() === 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    cli.child.kill('SIGINT');
    await cli.waitForStderr('shutting down gracefully');
    const sentAt = performance.now();
    cli.child.kill('SIGINT');
    const r = await cli.done;
    const tookMs = performance.now() - sentAt;
    expect(r.code).toBe(130);
    expect(tookMs).toBeLessThan(5_000);
    const items = JSON.parse(readFileSync(join(tmp.dir, 'items.json'), 'utf8')) as Array<{ id: string }>;
    expect(items.map((i) => i.id).sort()).toEqual(expectedIds());
    expect(stalls()).toBe(2);
    expect(r.stderr).not.toContain('Retrying');
    expect(r.stderr).not.toContain('Error downloading');
    expect(r.stderr).toContain("'downloader/cancelled_count': 4,");
    expect(r.stderr).toContain("'finish_reason': 'shutdown',");
    expect(r.stderr).toContain(`'item_scraped_count': ${LISTS * 5},`);
    expect(r.stderr).toContain('Stored json feed (30 items) in: items.json');
  });

  it('Crawler API: cancelled requests get no errback, no retry and no ack from the scheduler', async () => {
    const acked: string[] = [];
    const errbacks: string[] = [];
    class AckingScheduler extends Scheduler {
      ackRequest(request: Request): void {
        acked.push(new URL(request.url).pathname);
      }
    }
    const site = server.url;
    const seenBefore = stalls();
    class ForcedSpider extends Spider {
      override name = 'forced';
      override async *start(): AsyncGenerator<Request> {
        for (let i = 1; i <= LISTS; i++) yield new Request(`${site}/list?page=${i}&n=5&last=0`, { priority: 1 });
        for (let i = 1; i <= STALLS; i++) {
          yield new Request(`${site}/stall?i=${i}`, { errback: (f: Failure) => { errbacks.push(String(f.value)); } });
        }
      }
      override parse(response: TextResponse): Array<{ id: string }> {
        return response.css('li.item::attr(data-id)').getall().map((id) => ({ id }));
      }
    }
    const crawler = new Crawler(ForcedSpider, { ...SETTINGS, SCHEDULER: AckingScheduler, LOG_LEVEL: 'WARNING' }, { logSink: () => {} });
    const items: string[] = [];
    crawler.signals.connect(signals.itemScraped, ({ item }) => { items.push((item as { id: string }).id); });
    const done = crawler.crawl();
    await until('30 items and 2 stalled downloads', () => items.length === LISTS * 5 && stalls() - seenBefore === 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const t0 = performance.now();
    await crawler.forceStop();
    await done;
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(items.sort()).toEqual(expectedIds());
    expect(acked).toEqual(Array(LISTS).fill('/list'));
    expect(errbacks).toEqual([]);
    expect(stalls() - seenBefore).toBe(2);
    const stats = crawler.stats.getStats();
    expect(stats['downloader/cancelled_count']).toBe(4);
    expect(stats['retry/count']).toBeUndefined();
    expect(stats.finish_reason).toBe('shutdown');
  });

  it('Crawler API: user code that never finishes (a pipeline, start()) delays a forced close by about a second, and the feed still closes', async () => {
    class StuckPipeline {
      processItem(item: { i: number }): unknown {
        return item.i === 2 ? new Promise(() => {}) : item;
      }
    }
    class StuckSpider extends Spider {
      override name = 'stuck';
      override async *start(): AsyncGenerator<unknown> {
        yield { i: 1 };
        yield { i: 2 };
        yield { i: 3 };
        await new Promise(() => {});
      }
    }
    const feed = join(tmp.dir, 'stuck.json');
    const crawler = new Crawler(StuckSpider, {
      LOG_LEVEL: 'WARNING',
      ITEM_PIPELINES: { StuckPipeline: { use: StuckPipeline, order: 1 } },
      FEEDS: { [feed]: { format: 'json', overwrite: true } },
    }, { logSink: () => {} });
    const items: unknown[] = [];
    crawler.signals.connect(signals.itemScraped, ({ item }) => { items.push(item); });
    const done = crawler.crawl();
    while (items.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    void crawler.stop(); // graceful: waits for the stuck item, as Scrapy does
    await new Promise((resolve) => setTimeout(resolve, 300));
    const t0 = performance.now();
    await crawler.forceStop();
    await done;
    expect(performance.now() - t0).toBeLessThan(4_000);
    expect(JSON.parse(readFileSync(feed, 'utf8'))).toEqual([{ i: 1 }, { i: 3 }]);
    expect(crawler.stats.getValue('finish_reason')).toBe('shutdown');
  });
});
