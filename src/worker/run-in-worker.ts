/**
 * `runInWorker` for browser pages (and dedicated workers that can start workers): runs a whole
 * crawl in a module Web Worker, so parsing never blocks the page.
 * @module
 */
import type { WorkerLike } from '../platform/loop-adapter.ts';
import { connectCrawlWorker, type CrawlWorkerHandle, type RunInWorkerOptions } from './crawl-worker-client.ts';

export type { CrawlWorkerHandle, RunInWorkerOptions } from './crawl-worker-client.ts';
export { serveCrawls } from './serve-crawls.ts';

/**
 * Runs a crawl in a new module Web Worker and returns its handle: items as they are scraped, log
 * records and stats snapshots through callbacks, the final stats, and a graceful `stop()`.
 *
 * In a bundled app (Vite, webpack...), start the worker yourself on a module that calls
 * {@link serveCrawls} and pass it as `worker`: the bundler then builds it like any worker of yours
 * (see the example). Unbundled, `moduleUrl` names the spider module and the worker runs skitter's
 * own `crawl-worker-entry`, which installs the web platform and imports it. MV3 service workers
 * cannot start workers: run the crawl in the service worker itself.
 * @see Scrapy's `CrawlerProcess` (a crawl in its own process)
 * @throws {ReferenceError} where `Worker` does not exist (MV3 service workers).
 * @example
 * // crawl-worker.ts holds `serveCrawls([BooksSpider])`
 * const worker = new Worker(new URL('./crawl-worker.ts', import.meta.url), { type: 'module' });
 * const run = runInWorker({ worker, spiderName: 'books', args: { category: 'poetry' } });
 * for await (const item of run.items) table.append(item);
 * console.log((await run.stats).item_scraped_count);
 */
export function runInWorker(options: RunInWorkerOptions): CrawlWorkerHandle {
  if (options.worker !== undefined) return connectCrawlWorker(options.worker as WorkerLike, options);
  // The literal `new Worker(new URL(...))` form lets bundlers emit the entry as a worker chunk.
  const worker = new Worker(new URL('./crawl-worker-entry.ts', import.meta.url), { type: 'module', name: 'skitter-crawl' });
  return connectCrawlWorker(worker as unknown as WorkerLike, options);
}
