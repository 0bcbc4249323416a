/**
 * One crawl of the editor's spider: transpiled in the page, run in a module Web Worker over
 * `runInWorker`'s protocol (`connectCrawlWorker`, the host side of `runInWorker`), its items, log
 * records, stats and request records handed to the views in batches.
 *
 * The worker is the playground's own entry (`worker/crawl-worker.ts`): skitter's crawl worker plus
 * the copy of skitter the spider's `blob:` module imports. `runInWorker` itself starts skitter's
 * bare entry, whose spider modules must import skitter by URL, which a `blob:` module cannot.
 * @module
 */
import type { LogRecord } from 'skitter';
import { connectCrawlWorker } from '../../../src/worker/crawl-worker-client.ts';
import { unbatchedWorker } from './message-batches.ts';
import { isRequestsMessage, type RequestRecord } from './protocol.ts';
import { spiderModuleUrl } from './spider-module.ts';

/** How often the worker posts a stats snapshot while crawling, in ms. */
const STATS_INTERVAL_MS = 250;

/** What a crawl reports, as it runs. */
export interface CrawlListener {
  items(items: unknown[]): void;
  log(record: LogRecord): void;
  stats(stats: Record<string, unknown>): void;
  requests(records: RequestRecord[]): void;
  /** The crawl ended: its final stats, or the error that kept it from running. */
  end(result: { stats: Record<string, unknown> } | { error: Error }): void;
}

/** A running crawl. */
export interface CrawlSession {
  /** Stops gracefully (requests in flight finish, finish reason `shutdown`); resolves when it ended. */
  stop(): Promise<void>;
  /** Resolves when the crawl ended, however it ended. */
  readonly ended: Promise<void>;
}

/**
 * Starts a crawl of `source` (a TypeScript module exporting a Spider).
 * @throws {SpiderSyntaxError} synchronously when the source does not parse.
 */
export function startCrawl(source: string, listener: CrawlListener, settings: Record<string, unknown> = {}): CrawlSession {
  const moduleUrl = spiderModuleUrl(source);
  const worker = new Worker(new URL('./worker/crawl-worker.ts', import.meta.url), { type: 'module', name: 'skitter-playground-crawl' });
  const channel = unbatchedWorker(worker);
  channel.addEventListener('message', ({ data }) => {
    if (isRequestsMessage(data)) listener.requests(data.records);
  });
  const handle = connectCrawlWorker(channel, {
    moduleUrl,
    exportName: 'spider',
    settings,
    onLog: (record) => listener.log(record),
    onStats: (stats) => listener.stats(stats),
    statsIntervalMs: STATS_INTERVAL_MS,
  });

  const drainItems = async (): Promise<void> => {
    // Items arrive one message at a time; the views get them at most once per microtask burst.
    let batch: unknown[] = [];
    let scheduled = false;
    for await (const item of handle.items) {
      batch.push(item);
      if (!scheduled) {
        scheduled = true;
        setTimeout(() => {
          scheduled = false;
          const ready = batch;
          batch = [];
          if (ready.length > 0) listener.items(ready);
        }, 0);
      }
    }
    const rest = batch;
    batch = [];
    if (rest.length > 0) listener.items(rest);
  };

  const ended = Promise.all([drainItems(), handle.done.then(() => handle.stats)])
    .then(([, stats]) => listener.end({ stats }), (error: unknown) => listener.end({ error: error instanceof Error ? error : new Error(String(error)) }))
    .finally(() => URL.revokeObjectURL(moduleUrl));

  return {
    ended,
    stop: async () => {
      await handle.stop().catch(() => {});
      await ended;
    },
  };
}
