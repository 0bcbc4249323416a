import type { Crawler } from '../crawler.ts';
import type { Request } from '../../http/request.ts';
import type { MaybePromise } from '../../utils/maybe-async.ts';
import { buildComponent, type ComponentSpec } from '../component.ts';
import { FingerprintDupeFilter, type DupeFilter } from './dupefilter.ts';
import { RequestPriorityQueue } from './priority-queue.ts';

/**
 * The interface of a scheduler (SCHEDULER setting), Scrapy's `BaseScheduler`.
 * `open`/`close` may be async.
 */
export interface SchedulerLike {
  open?(): MaybePromise<void>;
  close?(reason: string): MaybePromise<void>;
  /** True if requests are waiting. */
  hasPendingRequests(): boolean;
  /**
   * Stores a request; returns false when it was rejected (e.g. a duplicate). `parent` is the
   * request whose processing produced this one (a callback's or errback's output, a redirect or a
   * retry), absent for requests from `start()` and `engine.crawl()` calls made elsewhere: a
   * persistent scheduler uses it to commit children together with their parent.
   */
  enqueueRequest(request: Request, parent?: Request): boolean;
  /** The next request to download, or null/undefined when none is ready. */
  nextRequest(): Request | null | undefined;
  /**
   * Called once for each request that `nextRequest()` returned, when the engine is done with it:
   * its response (or failure) went through the callback (or errback), its items were handed to
   * the pipelines and feeds, and its child requests were passed to `enqueueRequest`. Lease-based
   * frontiers (crash-safe jobs, Redis) acknowledge the request here; the engine waits for a
   * returned promise before it counts the request as finished. Not called for inline
   * `engine.download()` requests, which never went through the scheduler.
   */
  ackRequest?(request: Request): MaybePromise<void>;
}

/** Meta key marking requests that came from `start()` (Scrapy 2.13's `is_start_request`). */
export const START_REQUEST_META = 'is_start_request';

/**
 * Scrapy's default Scheduler: a dupefilter and an in-memory priority queue. Start requests keep
 * their yield order; at equal priority, callback requests go first.
 * @see https://docs.scrapy.org/en/latest/topics/scheduler.html
 */
export class Scheduler implements SchedulerLike {
  #crawler: Crawler;
  #queue = new RequestPriorityQueue();
  #dupefilter: DupeFilter | undefined;

  constructor(crawler: Crawler) {
    this.#crawler = crawler;
  }

  /** The dupefilter in use (built from DUPEFILTER_CLASS at open). */
  get dupefilter(): DupeFilter | undefined {
    return this.#dupefilter;
  }

  async open(): Promise<void> {
    const spec = this.#crawler.settings.get<ComponentSpec<DupeFilter> | null>('DUPEFILTER_CLASS');
    this.#dupefilter = spec ? await buildComponent(spec, this.#crawler) : new FingerprintDupeFilter(this.#crawler);
    await this.#dupefilter?.open?.();
  }

  async close(reason: string): Promise<void> {
    await this.#dupefilter?.close?.(reason);
  }

  hasPendingRequests(): boolean {
    return this.#queue.size > 0;
  }

  /** Requests waiting. */
  get size(): number {
    return this.#queue.size;
  }

  enqueueRequest(request: Request): boolean {
    if (!request.dontFilter && this.#dupefilter?.requestSeen(request)) {
      this.#dupefilter.log?.(request);
      return false;
    }
    this.#queue.push(request, request.meta[START_REQUEST_META] === true);
    const stats = this.#crawler.stats;
    stats.incValue('scheduler/enqueued/memory');
    stats.incValue('scheduler/enqueued');
    return true;
  }

  nextRequest(): Request | undefined {
    const request = this.#queue.pop();
    if (request) {
      const stats = this.#crawler.stats;
      stats.incValue('scheduler/dequeued/memory');
      stats.incValue('scheduler/dequeued');
    }
    return request;
  }
}
