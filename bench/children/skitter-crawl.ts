/**
 * Benchmark child: a skitter spider that follows every same-host link and yields
 * `{ url, title, name, price }` per product page. With `startRequests` it instead yields that many
 * requests from `start()` (the bounded-memory scenario). Prints a `RESULT` line (see measure.ts).
 * @module
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CrawlerRunner, Request, Spider, type Response } from '../../src/node.ts';
import { RedisScheduler } from '../../src/redis/index.ts';
import { readArgs, report, startSampler, writeItems } from './measure.ts';
import { parseCatalogue } from './catalogue-parse.ts';

const args = readArgs();
const origin = args.origin;
const prefix = `${origin}/`;
const items: unknown[] = [];
let pages = 0;

class CatalogueSpider extends Spider {
  override name = 'bench-catalogue';
  override startUrls = [prefix];

  override *parse(response: Response): Generator<unknown> {
    pages++;
    if (args.pageCap && pages >= args.pageCap) void this.crawler.engine.closeSpider('closespider_pagecount');
    yield* parseCatalogue(response, prefix);
  }
}

/** The 1M-requests scenario: a lazy start() over tiny pages (robots.txt with a distinct query). */
class ManyStartRequestsSpider extends Spider {
  override name = 'bench-many-start';

  override async *start(): AsyncGenerator<unknown> {
    const total = args.startRequests ?? 0;
    for (let i = 0; i < total; i++) yield new Request(`${origin}/robots.txt?n=${i}`);
  }

  override parse(): void {
    pages++;
    if (args.pageCap && pages >= args.pageCap) void this.crawler.engine.closeSpider('closespider_pagecount');
  }
}

const runner = new CrawlerRunner({
  LOG_LEVEL: args.logLevel ?? 'WARNING',
  CONCURRENT_REQUESTS: args.concurrency,
  CONCURRENT_REQUESTS_PER_DOMAIN: args.concurrency,
  ITEM_PIPELINES: { collect: { use: { processItem(item: unknown) { items.push(item); return item; } }, order: 100 } },
  // The Redis scenario: workers share one frontier (per-domain concurrency is then cluster-wide).
  ...(args.redisUrl ? { SCHEDULER: RedisScheduler, REDIS_URL: args.redisUrl, CONCURRENT_REQUESTS_PER_DOMAIN: args.clusterDomainConcurrency ?? args.concurrency } : {}),
  ...(args.jobdir ? { JOBDIR: args.jobdir } : {}),
  // A Redis worker with a JOBDIR writes its feed exactly once through its journal: measure that path.
  ...(args.redisUrl && args.jobdir ? { FEEDS: { [`${args.itemsFile}.feed.jsonl`]: { format: 'jsonlines' } } } : {}),
});
const sampler = startSampler(() => pages);
const crawler = runner.createCrawler(args.startRequests ? ManyStartRequestsSpider : CatalogueSpider);
// A scenario that would outlast its time budget stops gracefully and reports how far it got.
const limit = args.timeLimitS ? setTimeout(() => void crawler.engine.closeSpider('bench_time_limit'), args.timeLimitS * 1000) : undefined;
await runner.crawl(crawler);
clearTimeout(limit);
const wallMs = performance.now() - sampler.t0;
const samples = sampler.stop();
writeItems(args.itemsFile, items);
const dupefilter = (crawler.engine.scheduler as { dupefilter?: { size?: number } }).dupefilter;
report({
  pages,
  items: items.length,
  wallMs,
  samples,
  extra: {
    finishReason: crawler.stats.getValue('finish_reason'),
    scheduled: crawler.stats.getValue('scheduler/enqueued'),
    dupesFiltered: crawler.stats.getValue('dupefilter/filtered'),
    fingerprintsHeld: dupefilter?.size,
    jobStateBytes: args.jobdir ? readdirSync(args.jobdir).reduce((sum, f) => sum + statSync(join(args.jobdir!, f)).size, 0) : undefined,
    memoryAtEndMb: Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, Math.round(v / 1048576)])),
  },
});
