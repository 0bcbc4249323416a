/**
 * One benchmark crawl with a given `Crawler` class (the web or the MV3 entry's): the catalogue
 * spider, the Node child's settings, the items collected in memory and handed back.
 * @module
 */
import type { Crawler as CoreCrawler } from '../../src/index.ts';
import { benchSettings, catalogueSpider, RESULT_STATS, type BrowserCrawlOptions, type BrowserCrawlResult } from './catalogue-spider.ts';

/** Runs the catalogue crawl to completion and reports pages, items, wall time and key stats. */
export async function runCatalogueCrawl(Crawler: typeof CoreCrawler, options: BrowserCrawlOptions): Promise<BrowserCrawlResult> {
  const counter = { pages: 0 };
  const items: unknown[] = [];
  const crawler = new Crawler(catalogueSpider(options.origin, counter), benchSettings(options.concurrency, items));
  const t0 = performance.now();
  await crawler.crawl();
  const wallMs = performance.now() - t0;
  const all = crawler.stats.getStats() as Record<string, unknown>;
  return { pages: counter.pages, items, wallMs, stats: Object.fromEntries(RESULT_STATS.map((key) => [key, all[key]])) };
}
