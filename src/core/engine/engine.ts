import type { Crawler } from '../crawler.ts';
import { Failure } from '../failure.ts';
import { signals } from '../signals.ts';
import { levelEnabled } from '../log.ts';
import type { DownloaderLike } from '../downloader/downloader.ts';
import type { SchedulerLike } from '../scheduler/scheduler.ts';
import { START_REQUEST_META } from '../scheduler/scheduler.ts';
import type { Scraper } from '../scraper/scraper.ts';
import { Request } from '../../http/request.ts';
import type { Response } from '../../http/response.ts';
import type { DelayedCall } from '../../platform/loop-adapter.ts';
import { isDontCloseSpider } from '../../errors/dont-close-spider.ts';
import { isCloseSpider } from '../../errors/close-spider.ts';
import { isIgnoreRequest } from '../../errors/ignore-request.ts';
import { isDownloadCancelled } from '../../errors/download-cancelled-error.ts';

/** Ms between heartbeats that re-run the loop (Scrapy's _SLOT_HEARTBEAT_INTERVAL, 5 s). */
const HEARTBEAT_MS = 5_000;

/**
 * The loop runs on microtasks for speed; after this many ms without a macrotask turn it yields
 * one, so timers, I/O and signal handlers (Ctrl-C) are never starved by a crawl whose downloads
 * complete synchronously (data: URLs, caches).
 */
const MAX_MICROTASK_RUN_MS = 20;

/**
 * How long closing waits for user code once a stop is forced: for the requests being scraped and
 * items in the pipelines, then for each closing step (pipelines, scheduler, spider_closed handlers
 * such as the feeds). Code that is still running after it is left behind so the feeds close.
 */
const FORCED_STEP_MS = 1_000;

/**
 * How long closing waits for the start iterator's `return()` (its `finally` blocks). It is not
 * awaited at all while `start()` is paused on an `await`: an async generator runs `return()` only
 * after that `await` settles, which may be never.
 */
const START_RETURN_MS = 1_000;

/** The parts the engine drives. */
export interface EngineParts {
  scheduler: SchedulerLike;
  downloader: DownloaderLike;
  scraper: Scraper;
}

/**
 * Scrapy's ExecutionEngine: pulls requests from `start()` and the scheduler while no layer needs
 * backout, sends them through the downloader, hands responses to the scraper, and closes the
 * spider when it is idle (nothing in flight, nothing scheduled, `start()` exhausted, no
 * `spider_idle` handler objecting).
 *
 * The loop is a coalesced "run soon" call (`#scheduleNext`) plus a heartbeat, as in Scrapy.
 * @see https://docs.scrapy.org/en/latest/topics/architecture.html
 */
export class ExecutionEngine {
  #crawler: Crawler;
  #scheduler: SchedulerLike;
  #downloader: DownloaderLike;
  #scraper: Scraper;
  #start: AsyncIterator<unknown> | null = null;
  /** True while `start()`'s `next()` is pending (the generator is running, not paused on a yield). */
  #startBusy = false;
  /** Set when `start()` threw: the default finish reason becomes `start_error`, as in Scrapy. */
  #startError = false;
  /** A stop asked for before the loop ran (while the spider opened); applied when it starts. */
  #pendingStop: 'graceful' | 'forced' | undefined;
  #forcedAt: Promise<void>;
  #resolveForced!: () => void;
  #forced = false;
  #running = false;
  #paused = false;
  #open = false;
  #closeIfIdle = true;
  #nextScheduled = false;
  #heartbeat: DelayedCall | undefined;
  /** Requests being downloaded or scraped (Scrapy's slot.inprogress). */
  #inProgress = new Set<Request>();
  #closing: Promise<void> | undefined;
  #closingReason: string | undefined;
  #whenInProgressEmpty: (() => void) | undefined;
  #capacityWaiters: Array<() => void> = [];
  #nextRunWaiters: Array<() => void> = [];
  #stopped: Promise<void>;
  #resolveStopped!: () => void;
  #releaseKeepAlive: (() => void) | undefined;
  #logCrawled: boolean;
  #lastYieldMs = 0;
  #runNext = (): void => this.#nextRequest();
  #runNextAfterYield = (): void => {
    this.#lastYieldMs = this.#crawler.adapter.now();
    this.#nextRequest();
  };

  constructor(crawler: Crawler, parts: EngineParts) {
    this.#crawler = crawler;
    this.#scheduler = parts.scheduler;
    this.#downloader = parts.downloader;
    this.#scraper = parts.scraper;
    this.#logCrawled = levelEnabled('DEBUG', crawler.logLevel);
    this.#stopped = new Promise((resolve) => {
      this.#resolveStopped = resolve;
    });
    this.#forcedAt = new Promise((resolve) => {
      this.#resolveForced = resolve;
    });
  }

  get scheduler(): SchedulerLike {
    return this.#scheduler;
  }

  get downloader(): DownloaderLike {
    return this.#downloader;
  }

  get scraper(): Scraper {
    return this.#scraper;
  }

  /** True between `start()` and the engine stopping. */
  get running(): boolean {
    return this.#running;
  }

  /** Requests being downloaded or scraped. */
  get inProgress(): number {
    return this.#inProgress.size;
  }

  /**
   * Opens the spider: scheduler, middlewares, pipelines, then the `spider_opened` signal, whose
   * handlers are awaited (a handler waiting for an external event delays the first request).
   */
  async openSpider(start: AsyncIterable<unknown>, closeIfIdle = true): Promise<void> {
    if (this.#open) throw new Error('[skitter] ExecutionEngine: a spider is already open on this engine; use one Crawler per crawl.');
    this.#crawler.logger.info('Spider opened');
    this.#open = true;
    this.#closeIfIdle = closeIfIdle;
    this.#start = start[Symbol.asyncIterator]();
    await this.#scheduler.open?.();
    await this.#downloader.open?.();
    await this.#scraper.openSpider();
    await this.#crawler.signals.sendAsync(signals.spiderOpened, { spider: this.#crawler.spider });
  }

  /**
   * Starts the crawl loop. Resolves when the engine stopped (the spider closed). A stop asked for
   * before (while the spider opened) closes the spider at once.
   * @throws {Error} if the engine is already running.
   */
  async start(): Promise<void> {
    if (this.#running) throw new Error('[skitter] ExecutionEngine: already running.');
    await this.#crawler.signals.sendAsync(signals.engineStarted, {});
    this.#running = true;
    this.#lastYieldMs = this.#crawler.adapter.now();
    this.#releaseKeepAlive = this.#crawler.adapter.keepAlive(`skitter crawl ${this.#crawler.spider.name}`);
    this.#heartbeat = this.#crawler.adapter.loopingCall(HEARTBEAT_MS, this.#runNext);
    void this.#processStart();
    this.#scheduleNext();
    if (this.#pendingStop === 'forced') void this.forceStop();
    else if (this.#pendingStop === 'graceful') void this.stop();
    await this.#stopped;
  }

  /** Pauses sending new requests (in-flight ones go on). */
  pause(): void {
    this.#paused = true;
  }

  unpause(): void {
    this.#paused = false;
    this.#scheduleNext();
  }

  /**
   * Runs the loop soon. For schedulers fed from outside the process (a Redis frontier): they call
   * it when `nextRequest()` has a request again or `hasPendingRequests()` turned false, so the
   * engine sends it or closes at once instead of at the next 5 s heartbeat. Safe to call anytime.
   */
  wake(): void {
    this.#scheduleNext();
  }

  /** True when no more requests should be sent now. */
  needsBackout(): boolean {
    return !this.#running || this.#closing !== undefined || this.#paused || this.#downloader.needsBackout() || this.#scraper.needsBackout();
  }

  /**
   * Schedules a request (through the dupefilter). Fires `request_scheduled`, and
   * `request_dropped` when the scheduler rejects it. `parent` is the request whose processing
   * produced this one (see {@link SchedulerLike.enqueueRequest}).
   * @throws {Error} when no spider is open.
   */
  crawl(request: Request, parent?: Request): void {
    if (!this.#open) throw new Error(`[skitter] ExecutionEngine.crawl: no open spider to crawl ${request}.`);
    const s = this.#crawler.signals;
    const spider = this.#crawler.spider;
    if (s.hasHandlers(signals.requestScheduled)) {
      const errors: unknown[] = [];
      s.send(signals.requestScheduled, { request, spider }, errors);
      for (const e of errors) if (!isIgnoreRequest(e)) this.#crawler.logger.error('Error caught on signal handler for request_scheduled', e);
      if (errors.some(isIgnoreRequest)) return;
    }
    if (!this.#scheduler.enqueueRequest(request, parent)) {
      if (s.hasHandlers(signals.requestDropped)) s.send(signals.requestDropped, { request, spider });
    }
    this.#scheduleNext();
  }

  /**
   * Downloads a request outside the scheduler, through the downloader middlewares, and resolves to
   * its response: inline requests awaited in callbacks (Scrapy's `engine.download()`). A Request
   * returned by a middleware (a redirect) is downloaded in turn.
   * @throws the download error (ConnectionError, DownloadTimeoutError, IgnoreRequest, ...).
   */
  async download(request: Request): Promise<Response> {
    if (!this.#open) throw new Error(`[skitter] ExecutionEngine.download: no open spider to download ${request}.`);
    this.#inProgress.add(request);
    try {
      const result = await this.#download(request);
      if (result instanceof Request) return await this.download(result);
      return result;
    } finally {
      this.#inProgress.delete(request);
      this.#afterInProgressChange();
    }
  }

  /**
   * Closes the spider with `reason` (Scrapy's `close_spider`): no new requests are sent, requests
   * in flight finish and are scraped, then the downloader, pipelines, scheduler and signals close.
   * Calling it again returns the same promise.
   */
  closeSpider(reason = 'cancelled'): Promise<void> {
    if (this.#closing) return this.#closing;
    this.#closingReason = reason;
    this.#crawler.logger.info(`Closing spider (${reason})`);
    this.#closing = this.#close(reason);
    return this.#closing;
  }

  /**
   * Gracefully stops the crawl (finish reason `shutdown`), as Scrapy's `engine.stop()`. Before the
   * loop runs (the spider is opening) the stop is remembered and happens as soon as it starts.
   * Resolves when the engine stopped.
   */
  stop(): Promise<void> {
    if (!this.#running) {
      this.#pendingStop ??= 'graceful';
      return this.#stopped;
    }
    return this.closeSpider('shutdown');
  }

  /**
   * Stops now (a second Ctrl-C): nothing new is sent, downloads in flight and queued in the
   * downloader are cancelled (no retry, no errback, not acknowledged to the scheduler), user code
   * still running is waited for at most {@link FORCED_STEP_MS} per closing step, and pipelines and
   * feeds still close. Remembered, like {@link stop}, when the loop does not run yet.
   */
  async forceStop(reason = 'shutdown'): Promise<void> {
    if (!this.#running) {
      this.#pendingStop = 'forced';
      return this.#stopped;
    }
    const closing = this.closeSpider(this.#closingReason ?? reason);
    if (!this.#forced) {
      this.#forced = true;
      this.#resolveForced();
      this.#downloader.abortAll?.();
    }
    await closing;
  }

  /** True when the spider has nothing left to do. */
  spiderIsIdle(): boolean {
    return this.#start === null && this.#inProgress.size === 0 && this.#downloader.active.size === 0 &&
      this.#scraper.isIdle() && !this.#scheduler.hasPendingRequests();
  }

  #scheduleNext(): void {
    if (this.#nextScheduled) return;
    this.#nextScheduled = true;
    if (this.#mustYield()) this.#crawler.adapter.callLater(0, this.#runNextAfterYield);
    else queueMicrotask(this.#runNext);
  }

  /** Resolves after the next turn of the loop. */
  #waitNextRun(): Promise<void> {
    const p = new Promise<void>((resolve) => this.#nextRunWaiters.push(resolve));
    this.#scheduleNext();
    return p;
  }

  #mustYield(): boolean {
    return this.#crawler.adapter.now() - this.#lastYieldMs > MAX_MICROTASK_RUN_MS;
  }

  /** One turn of the loop (Scrapy's `_start_scheduled_requests` + idle check). */
  #nextRequest(): void {
    this.#nextScheduled = false;
    if (!this.#open || !this.#running || this.#closing) return;
    while (!this.needsBackout()) {
      const request = this.#scheduler.nextRequest();
      if (!request) break;
      this.#downloadAndScrape(request);
    }
    if (this.#nextRunWaiters.length > 0) {
      const waiters = this.#nextRunWaiters;
      this.#nextRunWaiters = [];
      for (const w of waiters) w();
    }
    if (this.#capacityWaiters.length > 0 && !this.needsBackout()) {
      const waiters = this.#capacityWaiters;
      this.#capacityWaiters = [];
      for (const w of waiters) w();
    }
    if (this.#closeIfIdle && this.spiderIsIdle()) this.#spiderIdle();
  }

  /** Reads `start()` as capacity allows: never while any layer needs backout. */
  async #processStart(): Promise<void> {
    while (this.#start && !this.#closing) {
      if (this.#mustYield()) {
        await new Promise<void>((resolve) => this.#crawler.adapter.callLater(0, resolve));
        this.#lastYieldMs = this.#crawler.adapter.now();
        continue;
      }
      if (this.needsBackout()) {
        await new Promise<void>((resolve) => this.#capacityWaiters.push(resolve));
        continue;
      }
      let next: IteratorResult<unknown>;
      try {
        this.#startBusy = true;
        next = await this.#start.next();
      } catch (error) {
        this.#start = null;
        if (isCloseSpider(error)) void this.closeSpider(error.reason);
        else this.#startFailed(error);
        break;
      } finally {
        this.#startBusy = false;
      }
      if (next.done) {
        this.#start = null;
        break;
      }
      if (this.#closing) break;
      const value = next.value;
      if (value instanceof Request) {
        if (value.meta[START_REQUEST_META] === undefined) value.meta[START_REQUEST_META] = true;
        this.crawl(value);
      } else if (value != null) {
        const r = this.#scraper.startItemproc(value);
        if (r) void r.then(() => this.#scheduleNext());
      }
      // Give the loop room to act on this value (send the request) before reading the next one,
      // as Scrapy's `nextcall.wait()`: otherwise a pending loop turn lets start() run ahead.
      await this.#waitNextRun();
    }
    // When closing, #close() still needs the iterator to return() it.
    if (!this.#closing) this.#start = null;
    this.#scheduleNext();
  }

  /**
   * A start() error (Scrapy's `_process_start_next`): logged, sent as `spider_error` (its `failure`
   * is the thrown value and `response` null: there is no request), counted in
   * `spider_exceptions/count` and `spider_exceptions/<name>`, and the spider then finishes with
   * `start_error` unless something else closes it.
   */
  #startFailed(error: unknown): void {
    const c = this.#crawler;
    c.logger.error(`Error while reading start items and requests: ${error instanceof Error ? error.message : String(error)}`, error);
    c.stats.incValue('start_requests/errors');
    c.stats.incValue('spider_exceptions/count');
    c.stats.incValue(`spider_exceptions/${error instanceof Error ? error.name : typeof error}`);
    if (this.#closing) return;
    this.#startError = true;
    c.signals.send(signals.spiderError, { failure: error, response: null as unknown as Response, spider: c.spider });
  }

  #downloadAndScrape(request: Request): void {
    this.#inProgress.add(request);
    this.#download(request).then(
      (result) => {
        if (result instanceof Request) {
          this.crawl(result, request);
          return true;
        }
        return this.#scraper.enqueueScrape(result, request).then(() => true);
      },
      (error: unknown) => {
        // Cancelled by a forced stop: not processed, so no errback and no ack.
        if (isDownloadCancelled(error)) {
          this.#crawler.stats.incValue('downloader/cancelled_count');
          return false;
        }
        return this.#scraper.enqueueScrape(new Failure(error, request), request).then(() => true);
      },
    ).then((processed) => (processed ? this.#ack(request) : undefined)).then(() => {
      this.#inProgress.delete(request);
      this.#afterInProgressChange();
    });
  }

  /** Tells the scheduler a request it gave out is done (see SchedulerLike.ackRequest). Never rejects. */
  async #ack(request: Request): Promise<void> {
    if (!this.#scheduler.ackRequest) return;
    try {
      await this.#scheduler.ackRequest(request);
    } catch (error) {
      this.#crawler.logger.error(`Error while acknowledging ${request} to the scheduler`, error);
    }
  }

  async #download(request: Request): Promise<Response | Request> {
    const result = await this.#downloader.fetch(request);
    if (result instanceof Request) return result;
    const response = result;
    response.request = request;
    if (this.#logCrawled) {
      const referer = request.headers.get('Referer');
      const flags = response.flags.length > 0 ? ` ${JSON.stringify(response.flags)}` : '';
      this.#crawler.logger.debug(`Crawled (${response.status}) ${request} (referer: ${referer ?? 'None'})${flags}`);
    }
    const s = this.#crawler.signals;
    if (s.hasHandlers(signals.responseReceived)) s.send(signals.responseReceived, { response, request, spider: this.#crawler.spider });
    return response;
  }

  #afterInProgressChange(): void {
    if (this.#inProgress.size === 0 && this.#whenInProgressEmpty) {
      const done = this.#whenInProgressEmpty;
      this.#whenInProgressEmpty = undefined;
      done();
    }
    this.#scheduleNext();
  }

  #spiderIdle(): void {
    const errors: unknown[] = [];
    this.#crawler.signals.send(signals.spiderIdle, { spider: this.#crawler.spider }, errors);
    let reason = this.#startError ? 'start_error' : 'finished';
    for (const e of errors) {
      if (isDontCloseSpider(e)) return;
      if (isCloseSpider(e)) reason = e.reason;
      else this.#crawler.logger.error('Error caught on signal handler for spider_idle', e);
    }
    if (this.spiderIsIdle()) void this.closeSpider(reason);
  }

  async #close(reason: string): Promise<void> {
    const c = this.#crawler;
    const spider = c.spider;
    this.#capacityWaiters.splice(0).forEach((w) => w());
    this.#nextRunWaiters.splice(0).forEach((w) => w());
    // Wait for in-flight requests (downloads and their scraping) to finish; a forced stop cuts it short.
    await this.#unlessForced('waiting for the requests in progress', this.#drain());
    const step = async (what: string, fn: () => unknown): Promise<void> => {
      try {
        await this.#unlessForced(what, Promise.resolve().then(fn));
      } catch (error) {
        c.logger.error(`Error while ${what}`, error);
      }
    };
    this.#heartbeat?.cancel();
    await step('closing the start iterator', () => this.#closeStart());
    this.#start = null;
    await step('closing the downloader', () => this.#downloader.close?.());
    await step('closing the scraper (pipelines)', () => this.#scraper.closeSpider());
    await step('closing the scheduler', () => this.#scheduler.close?.(reason));
    await step('sending spider_closed', () => c.signals.sendAsync(signals.spiderClosed, { spider, reason }));
    const closed = (spider as { closed?: (reason: string) => unknown }).closed;
    if (typeof closed === 'function') await step('calling spider.closed()', () => closed.call(spider, reason));
    c.logger.info(`Spider closed (${reason})`);
    this.#open = false;
    await this.#stop();
  }

  async #stop(): Promise<void> {
    this.#running = false;
    this.#releaseKeepAlive?.();
    await this.#crawler.signals.sendAsync(signals.engineStopped, {});
    this.#resolveStopped();
  }

  /** Resolves when nothing is being downloaded or scraped. */
  async #drain(): Promise<void> {
    while (this.#inProgress.size > 0 || !this.#scraper.isIdle()) {
      if (this.#inProgress.size > 0) {
        await new Promise<void>((resolve) => {
          this.#whenInProgressEmpty = resolve;
        });
      } else {
        await this.#crawler.adapter.sleep(1);
      }
    }
  }

  /**
   * Awaits `work`, or stops waiting {@link FORCED_STEP_MS} after a forced stop (which may come while
   * waiting): closing goes on, the work is left running, and a warning names what was left.
   */
  async #unlessForced(what: string, work: Promise<unknown>): Promise<void> {
    let timer: DelayedCall | undefined;
    const cut = this.#forcedAt.then(() => new Promise<'cut'>((resolve) => {
      timer = this.#crawler.adapter.callLater(FORCED_STEP_MS, () => resolve('cut'));
    }));
    try {
      const outcome = await Promise.race([work, cut]);
      if (outcome === 'cut') this.#crawler.logger.warning(`Forced stop: gave up ${what} after ${FORCED_STEP_MS / 1000} s`);
    } finally {
      timer?.cancel();
    }
  }

  /**
   * Closes the start iterator without waiting on user code that may never finish: while start() is
   * paused on an `await`, `return()` cannot run until that settles, so it is only requested; else
   * its `finally` blocks get {@link START_RETURN_MS}.
   */
  async #closeStart(): Promise<void> {
    const start = this.#start;
    if (!start?.return) return;
    const returned = Promise.resolve().then(() => start.return!());
    returned.catch((error: unknown) => this.#crawler.logger.error('Error while closing the start iterator', error));
    if (this.#startBusy) return;
    let timer: DelayedCall | undefined;
    await Promise.race([returned.catch(() => {}), new Promise<void>((resolve) => {
      timer = this.#crawler.adapter.callLater(START_RETURN_MS, resolve);
    })]);
    timer?.cancel();
  }
}
