/**
 * The crawl worker a web app bundles itself: its module registers spiders by `name` and serves
 * {@link runInWorker}'s crawls over the worker's `postMessage` channel. Because the app's bundler
 * builds the worker from the app's own `new Worker(new URL('./crawl-worker.ts', import.meta.url))`,
 * the spiders and the engine come from one copy of skitter, on the dev server and in production
 * builds alike, with no bundler configuration.
 * @module
 */
import { isSpiderClass, type SpiderClass } from '../spiders/spider.ts';
import type { CrawlHostMessage, CrawlWorkerMessage } from './crawl-worker-protocol.ts';
import { serveCrawlWorker } from './serve-crawl-worker.ts';

interface DedicatedWorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: CrawlHostMessage }) => void): void;
}

/**
 * Registers `spiders` by their `name` and serves one crawl for the page that started this worker
 * with `runInWorker({ worker, spiderName })`. Call it once, at the top level of a module worker.
 * @throws {TypeError} when an entry is not a Spider class, has no `name`, or two share one.
 * @example
 * // crawl-worker.ts
 * import { serveCrawls } from 'skitter';
 * import { BooksSpider } from './spiders.ts';
 * serveCrawls([BooksSpider]);
 *
 * // page.ts
 * import { runInWorker } from 'skitter';
 * const worker = new Worker(new URL('./crawl-worker.ts', import.meta.url), { type: 'module' });
 * const run = runInWorker({ worker, spiderName: 'books' });
 */
export function serveCrawls(spiders: readonly SpiderClass[]): void {
  const registry = new Map<string, SpiderClass>();
  for (const spider of spiders) {
    if (!isSpiderClass(spider)) throw new TypeError(`[skitter] serveCrawls: ${String(spider)} is not a Spider class.`);
    const { name } = new spider();
    if (!name) throw new TypeError(`[skitter] serveCrawls: ${spider.name} has no name; give it \`name = '...'\`.`);
    if (registry.has(name)) throw new TypeError(`[skitter] serveCrawls: two spiders are named ${JSON.stringify(name)}.`);
    registry.set(name, spider);
  }
  const scope = globalThis as unknown as DedicatedWorkerScope;
  serveCrawlWorker({
    postMessage: (message: CrawlWorkerMessage) => scope.postMessage(message),
    onMessage: (handler) => scope.addEventListener('message', (event) => handler(event.data)),
  }, registry);
}
