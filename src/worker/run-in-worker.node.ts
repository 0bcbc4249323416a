/**
 * `runInWorker` for Node: runs a whole crawl in a `worker_threads` worker started through the loop
 * adapter's `spawnWorker`.
 * @module
 */
import type { LoopAdapter } from '../platform/loop-adapter.ts';
import { NodeLoopAdapter } from '../platform/node.ts';
import { connectCrawlWorker, type CrawlWorkerHandle, type RunInWorkerOptions } from './crawl-worker-client.ts';

export type { CrawlWorkerHandle, RunInWorkerOptions } from './crawl-worker-client.ts';

/**
 * The crawl worker entry beside this module: `.ts` from source, `.js` from a build (the Node build
 * emits `crawl-worker-entry.node.js` next to the chunk holding this module).
 */
function entryUrl(): URL {
  const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return new URL(`./crawl-worker-entry.node.${extension}`, import.meta.url);
}

/**
 * Runs a crawl in a new `worker_threads` worker and returns its handle (see the web
 * `runInWorker`). `moduleUrl` must be a `file:` URL; Node 24 runs `.ts` modules natively there.
 * @param adapter spawns the worker. @default a new NodeLoopAdapter
 * @example
 * const run = runInWorker({ moduleUrl: new URL('./spiders/books.ts', import.meta.url), spiderName: 'books' });
 * for await (const item of run.items) console.log(item);
 * await run.done;
 */
export function runInWorker(options: RunInWorkerOptions, adapter: LoopAdapter = new NodeLoopAdapter()): CrawlWorkerHandle {
  if (options.moduleUrl === undefined) throw new TypeError('[skitter] runInWorker: in Node give moduleUrl (a file: URL of the spider module); `worker` is for browsers.');
  return connectCrawlWorker(adapter.spawnWorker(entryUrl(), { name: 'skitter-crawl' }), options);
}
