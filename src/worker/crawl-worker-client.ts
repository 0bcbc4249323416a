/**
 * The host side of {@link runInWorker}, runtime-neutral: drives a crawl worker over a
 * {@link WorkerLike} and exposes its items, logs, stats and end. The runtime files
 * (`run-in-worker.ts`, `run-in-worker.node.ts`) only choose how the worker is started.
 * @module
 */
import type { LogRecord } from '../core/log.ts';
import type { SettingsInput } from '../core/settings/settings.ts';
import type { WorkerLike } from '../platform/loop-adapter.ts';
import { deserializeError, type CrawlStartMessage, type CrawlWorkerMessage, type SerializedLogRecord } from './crawl-worker-protocol.ts';

/**
 * A module worker as far as {@link RunInWorkerOptions.worker} uses it; a DOM `Worker` fits
 * (typed loosely so that the declarations need no DOM lib).
 */
export interface StartedWorker {
  postMessage(message: unknown): void;
  addEventListener(type: 'message' | 'error', listener: (event: unknown) => void): void;
  removeEventListener(type: 'message' | 'error', listener: (event: unknown) => void): void;
  terminate(): void;
}

/** Options of `runInWorker`. */
export interface RunInWorkerOptions {
  /**
   * Absolute URL of the ES module exporting the spider class (`new URL('./spiders.ts',
   * import.meta.url)`; in Node a `file:` URL). The worker imports it, so it must import skitter
   * through `skitter` (or the same entry file) to share the worker's platform. Give either this or
   * `worker` (browsers); bundled apps use `worker`.
   */
  moduleUrl?: string | URL;
  /**
   * Browsers: a module Worker your app started on a module that calls `serveCrawls([...spiders])`
   * (`new Worker(new URL('./crawl-worker.ts', import.meta.url), { type: 'module' })`): the way for
   * bundled apps, whose bundler builds that worker. The spider is looked up by `spiderName` among
   * the registered ones. Terminated when the crawl ends.
   */
  worker?: StartedWorker;
  /** The export holding the spider class. @default the export whose spider `name` is `spiderName`, else `default`, else the only Spider export */
  exportName?: string;
  /** The spider `name` to look for among the module's exports (Scrapy's `crawl NAME`). */
  spiderName?: string;
  /**
   * Project settings. They cross the thread boundary, so they must be structured-cloneable: no
   * classes or functions (put components in the spider's `customSettings`).
   */
  settings?: SettingsInput;
  /** Spider arguments (structured-cloneable). */
  args?: Record<string, unknown>;
  /** Receives the crawl's log records (at its LOG_LEVEL). Without it the worker logs to its own console. */
  onLog?: (record: LogRecord) => void;
  /** Receives stats snapshots while the crawl runs (every `statsIntervalMs`). */
  onStats?: (stats: Record<string, unknown>) => void;
  /** How often `onStats` gets a snapshot, in ms. @default 1000 */
  statsIntervalMs?: number;
}

/** A crawl running in a worker. */
export interface CrawlWorkerHandle {
  /**
   * The scraped items, in order, as JSON data (what a jsonlines feed holds); ends when the crawl
   * does. One consumer. Items are kept until read, so iterate it (or ignore it on small crawls).
   */
  readonly items: AsyncIterable<unknown>;
  /** The final stats. Rejects as {@link CrawlWorkerHandle.done} does. */
  readonly stats: Promise<Record<string, unknown>>;
  /**
   * Resolves when the crawl finished (any finish reason) and the worker was terminated.
   * @throws {Error} (rejects) when the crawl could not run (the module failed to load, no spider
   * found, invalid settings) or the worker died; the error carries the worker's name, message and stack.
   */
  readonly done: Promise<void>;
  /** Stops the crawl gracefully (finish reason `shutdown`) and resolves when it is done. */
  stop(): Promise<void>;
  /** Kills the worker now; `done` rejects. */
  terminate(): void;
}

/** A single-consumer async queue that ends once, used for the items. */
class AsyncQueue<T> implements AsyncIterable<T> {
  #values: T[] = [];
  #ended = false;
  #wake: (() => void) | undefined;

  push(value: T): void {
    this.#values.push(value);
    this.#notify();
  }

  end(): void {
    this.#ended = true;
    this.#notify();
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      if (this.#values.length > 0) {
        yield this.#values.shift()!;
      } else if (this.#ended) {
        return;
      } else {
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
      }
    }
  }
}

function deserializeRecord(record: SerializedLogRecord): LogRecord {
  const { error, ...rest } = record;
  return error === undefined ? rest : { ...rest, error: deserializeError(error) };
}

/**
 * Starts the crawl described by `options` on `worker` (which must run a crawl worker entry) and
 * returns its handle. The worker is terminated when the crawl ends.
 */
export function connectCrawlWorker(worker: WorkerLike, options: RunInWorkerOptions): CrawlWorkerHandle {
  if ((options.moduleUrl === undefined) === (options.worker === undefined)) {
    throw new TypeError('[skitter] runInWorker: give exactly one of moduleUrl (the spider module) and worker (a Worker whose module calls serveCrawls).');
  }
  const items = new AsyncQueue<unknown>();
  let finished = false;
  let resolveStats!: (stats: Record<string, unknown>) => void;
  let rejectStats!: (error: unknown) => void;
  const stats = new Promise<Record<string, unknown>>((resolve, reject) => {
    resolveStats = resolve;
    rejectStats = reject;
  });
  let resolveDone!: () => void;
  let rejectDone!: (error: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  // Callers may await only one of them: neither may surface as an unhandled rejection.
  stats.catch(() => {});
  done.catch(() => {});

  const finish = (error: Error | undefined, finalStats?: Record<string, unknown>): void => {
    if (finished) return;
    finished = true;
    worker.removeEventListener('message', onMessage);
    worker.removeEventListener('error', onError);
    items.end();
    void Promise.resolve(worker.terminate()).catch(() => {}).then(() => {
      if (error) {
        rejectStats(error);
        rejectDone(error);
      } else {
        resolveStats(finalStats ?? {});
        resolveDone();
      }
    });
  };

  const onMessage = (event: { data: unknown }): void => {
    const message = event.data as CrawlWorkerMessage;
    switch (message.type) {
      case 'item': items.push(message.item); break;
      case 'log': options.onLog?.(deserializeRecord(message.record)); break;
      case 'stats': options.onStats?.(message.stats); break;
      case 'done': finish(undefined, message.stats); break;
      case 'error': finish(deserializeError(message.error)); break;
    }
  };
  const onError = (event: { error?: unknown; message?: string }): void => {
    const cause = event.error instanceof Error ? event.error.message : event.message ?? 'unknown error';
    finish(new Error(`[skitter] runInWorker: the crawl worker failed: ${cause}`));
  };
  worker.addEventListener('message', onMessage);
  worker.addEventListener('error', onError);

  const start: CrawlStartMessage = {
    type: 'start',
    settings: options.settings ?? {},
    args: options.args ?? {},
    forwardLogs: options.onLog !== undefined,
    statsIntervalMs: options.onStats ? options.statsIntervalMs ?? 1000 : 0,
  };
  if (options.moduleUrl !== undefined) start.moduleUrl = String(options.moduleUrl);
  if (options.exportName !== undefined) start.exportName = options.exportName;
  if (options.spiderName !== undefined) start.spiderName = options.spiderName;
  worker.postMessage(start);

  return {
    items,
    stats,
    done,
    stop: async () => {
      if (!finished) worker.postMessage({ type: 'stop' });
      await done;
    },
    terminate: () => finish(new Error('[skitter] runInWorker: the crawl worker was terminated.')),
  };
}
