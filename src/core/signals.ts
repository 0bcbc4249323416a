/**
 * Signals: Scrapy's set, under TypeScript names whose values are Scrapy's names.
 * @see https://docs.scrapy.org/en/latest/topics/signals.html
 * @module
 */
import type { Request } from '../http/request.ts';
import type { Response } from '../http/response.ts';
import type { Spider } from '../spiders/spider.ts';
import { isPromiseLike, type MaybePromise } from '../utils/maybe-async.ts';

/** The built-in signals. `signals.spiderOpened === 'spider_opened'`. */
export const signals = {
  engineStarted: 'engine_started',
  engineStopped: 'engine_stopped',
  spiderOpened: 'spider_opened',
  spiderIdle: 'spider_idle',
  spiderClosed: 'spider_closed',
  spiderError: 'spider_error',
  requestScheduled: 'request_scheduled',
  requestDropped: 'request_dropped',
  requestReachedDownloader: 'request_reached_downloader',
  requestLeftDownloader: 'request_left_downloader',
  responseReceived: 'response_received',
  responseDownloaded: 'response_downloaded',
  itemScraped: 'item_scraped',
  itemDropped: 'item_dropped',
  itemError: 'item_error',
  /** Not a Scrapy signal: one feed finished writing (`{ uri, itemCount }`). */
  feedExporterClosed: 'feed_exporter_closed',
} as const;

/** A built-in signal name (Scrapy's spelling). */
export type SignalName = (typeof signals)[keyof typeof signals];

/** What each built-in signal's handlers receive (one object, Scrapy's keyword arguments). */
export interface SignalArgs {
  engine_started: Record<string, never>;
  engine_stopped: Record<string, never>;
  spider_opened: { spider: Spider };
  spider_idle: { spider: Spider };
  spider_closed: { spider: Spider; reason: string };
  spider_error: { failure: unknown; response: Response; spider: Spider };
  request_scheduled: { request: Request; spider: Spider };
  request_dropped: { request: Request; spider: Spider };
  request_reached_downloader: { request: Request; spider: Spider };
  request_left_downloader: { request: Request; spider: Spider };
  response_received: { response: Response; request: Request; spider: Spider };
  response_downloaded: { response: Response; request: Request; spider: Spider };
  /**
   * `request` (not in Scrapy) is the request whose callback or errback yielded the item, null for
   * items from `start()`; errback items have a null `response` but a request.
   */
  item_scraped: { item: unknown; response: Response | null; request?: Request | null; spider: Spider };
  item_dropped: { item: unknown; response: Response | null; request?: Request | null; exception: unknown; spider: Spider };
  item_error: { item: unknown; response: Response | null; request?: Request | null; failure: unknown; spider: Spider };
  feed_exporter_closed: { uri: string; itemCount: number };
}

/** A handler; it may return a promise (awaited for the signals Scrapy awaits). */
export type SignalHandler<A = unknown> = (args: A) => MaybePromise<unknown>;

type AnyArgs<S extends string> = S extends keyof SignalArgs ? SignalArgs[S] : Record<string, unknown>;

/**
 * Scrapy's SignalManager. Handlers are called in connection order. A failing handler is logged
 * (through `onError`) and never breaks the crawl, except {@link DontCloseSpider}-style control
 * exceptions that a caller asks to see with `rethrow`.
 */
export class SignalManager {
  #handlers = new Map<string, SignalHandler<never>[]>();
  #onError: (signal: string, error: unknown) => void;

  /** @param onError receives handler failures (the crawler logs them). */
  constructor(onError: (signal: string, error: unknown) => void = (s, e) => console.error(`Error caught on signal handler for ${s}:`, e)) {
    this.#onError = onError;
  }

  /** Connects `handler` to `signal`. Connecting the same handler twice has no effect. */
  connect<S extends string>(signal: S, handler: SignalHandler<AnyArgs<S>>): void {
    const list = this.#handlers.get(signal) ?? [];
    if (!list.includes(handler as SignalHandler<never>)) list.push(handler as SignalHandler<never>);
    this.#handlers.set(signal, list);
  }

  /** Disconnects `handler` from `signal`. */
  disconnect<S extends string>(signal: S, handler: SignalHandler<AnyArgs<S>>): void {
    const list = this.#handlers.get(signal);
    if (!list) return;
    const i = list.indexOf(handler as SignalHandler<never>);
    if (i >= 0) list.splice(i, 1);
  }

  /** True if any handler listens to `signal` (lets hot paths skip building arguments). */
  hasHandlers(signal: string): boolean {
    const list = this.#handlers.get(signal);
    return list !== undefined && list.length > 0;
  }

  /**
   * Sends a signal without waiting for async handlers (Scrapy's `send_catch_log`). Returns the
   * handlers' return values; errors are logged, or collected into `errors` when given.
   */
  send<S extends string>(signal: S, args: AnyArgs<S>, errors?: unknown[]): unknown[] {
    const list = this.#handlers.get(signal);
    if (!list || list.length === 0) return [];
    const results: unknown[] = [];
    for (const handler of [...list]) {
      try {
        const r = (handler as SignalHandler<AnyArgs<S>>)(args);
        if (isPromiseLike(r)) {
          Promise.resolve(r).catch((e) => this.#onError(signal, e));
        }
        results.push(r);
      } catch (error) {
        if (errors) errors.push(error);
        else this.#onError(signal, error);
      }
    }
    return results;
  }

  /**
   * Sends a signal and waits for every handler, concurrently, as Scrapy's
   * `send_catch_log_deferred` / `send_catch_log_async` do. Errors are logged, never thrown.
   */
  async sendAsync<S extends string>(signal: S, args: AnyArgs<S>): Promise<unknown[]> {
    const list = this.#handlers.get(signal);
    if (!list || list.length === 0) return [];
    return Promise.all([...list].map(async (handler) => {
      try {
        return await (handler as SignalHandler<AnyArgs<S>>)(args);
      } catch (error) {
        this.#onError(signal, error);
        return undefined;
      }
    }));
  }

  /** Removes every handler (used when a crawler finishes). */
  disconnectAll(): void {
    this.#handlers.clear();
  }
}
