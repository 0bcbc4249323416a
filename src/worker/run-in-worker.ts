/**
 * `runInWorker` for browser pages (and dedicated workers that can start workers): runs a whole
 * crawl in a module Web Worker, so parsing never blocks the page.
 * @module
 */
import type { WorkerLike } from '../platform/loop-adapter.ts';
import { connectCrawlWorker, type CrawlWorkerHandle, type RunInWorkerOptions } from './crawl-worker-client.ts';

export type { CrawlWorkerHandle, RunInWorkerOptions } from './crawl-worker-client.ts';

/**
 * Runs a crawl in a new module Web Worker and returns its handle: items as they are scraped, log
 * records and stats snapshots through callbacks, the final stats, and a graceful `stop()`.
 *
 * The worker runs skitter's `crawl-worker-entry.ts`, which installs the web platform and imports
 * `moduleUrl`. MV3 service workers cannot start workers: run the crawl in the service worker itself.
 * @see Scrapy's `CrawlerProcess` (a crawl in its own process)
 * @throws {ReferenceError} where `Worker` does not exist (MV3 service workers).
 * @example
 * const run = runInWorker({ moduleUrl: new URL('./spiders.ts', import.meta.url), spiderName: 'books', args: { category: 'poetry' } });
 * for await (const item of run.items) table.append(item);
 * console.log((await run.stats).item_scraped_count);
 */
export function runInWorker(options: RunInWorkerOptions): CrawlWorkerHandle {
  // The literal `new Worker(new URL(...))` form lets bundlers emit the entry as a worker chunk.
  const worker = new Worker(new URL('./crawl-worker-entry.ts', import.meta.url), { type: 'module', name: 'skitter-crawl' });
  return connectCrawlWorker(worker as unknown as WorkerLike, options);
}
