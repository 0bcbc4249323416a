import type { Crawler } from '../core/crawler.ts';
import type { LogRecord } from '../core/log.ts';
import type { SchedulerLike } from '../core/scheduler/scheduler.ts';
import { signals } from '../core/signals.ts';
import { isDownloadCancelled } from '../errors/download-cancelled-error.ts';
import { fingerprint } from '../http/fingerprint.ts';
import { FingerprintSet } from '../core/scheduler/fingerprint-set.ts';
import { Request } from '../http/request.ts';
import type { Response } from '../http/response.ts';
import { requestFromJson, requestToJson, type RequestJson } from '../redis/request-json.ts';
import type { FromWorker, Lease, Output, Settled, ThreadLogRecord } from './messages.ts';

/** A leased request handed to this thread's engine, with what its processing produced so far. */
interface Held {
  id: number;
  outputs: Output[];
  /** Set when the download finished (see the downloader hook in `open()`). */
  end?: { kind: 'response'; response: Response } | { kind: 'request' } | { kind: 'failure'; error: unknown };
}

/**
 * The scheduler of an engine thread: its requests are leases from the main thread's frontier, and
 * what their processing produces (child requests, items, in the order the callback yielded them) is
 * collected per lease and sent back, in batches, when the engine acknowledges the lease. The thread
 * keeps no queue and no dupefilter of its own: duplicates are filtered by the main thread, as the
 * Redis frontier does for its workers (see {@link RedisScheduler}).
 *
 * `open()` also hooks the thread's engine: the outcome of each download (response, redirect to
 * another request, failure, cancellation), the items reaching `item_scraped` (the thread has no
 * pipelines: they run in the main thread), and `closeSpider()` calls, which close the whole crawl.
 */
export class LeaseScheduler implements SchedulerLike {
  #crawler: Crawler;
  #post: (message: FromWorker) => void;
  #ready: Lease[] = [];
  #readyHead = 0;
  #given = new Map<Request, Held>();
  #finishing = false;
  #forced = false;
  #settled: Settled[] = [];
  #loose: RequestJson[] = [];
  #logs: ThreadLogRecord[] = [];
  #spiderErrors: Array<{ name: string; message: string }> = [];
  #flushScheduled = false;
  /**
   * Fingerprints this thread already sent to the main thread (with the default dupefilter only).
   * A request whose fingerprint is here would be filtered by the main thread's dupefilter anyway,
   * so it is filtered (and counted in `dupefilter/filtered`) here, sparing both threads the
   * message: a page's ~20 links are mostly duplicates.
   */
  #sent: FingerprintSet | undefined;

  constructor(crawler: Crawler, post: (message: FromWorker) => void, early: Lease[]) {
    this.#crawler = crawler;
    this.#post = post;
    this.#ready = early;
    if (crawler.settings.get('DUPEFILTER_CLASS') == null) this.#sent = new FingerprintSet();
  }

  open(): void {
    const c = this.#crawler;
    const engine = c.engine;
    const downloader = engine.downloader;
    const fetch = downloader.fetch.bind(downloader);
    // Own-property overrides of the engine's parts: the engine calls them through the instance.
    downloader.fetch = (request: Request) => fetch(request).then(
      (result) => {
        const held = this.#given.get(request);
        if (held) held.end = result instanceof Request ? { kind: 'request' } : { kind: 'response', response: result };
        return result;
      },
      (error: unknown) => {
        const held = this.#given.get(request);
        if (held) {
          if (isDownloadCancelled(error)) this.#settle(request, { id: held.id, kind: 'cancelled' });
          else held.end = { kind: 'failure', error };
        }
        throw error;
      },
    );
    // The spider asking to close (CloseSpider, `engine.closeSpider()`) closes the whole crawl: the
    // main thread decides. This thread's engine closes itself only when the main thread says so.
    const closeSpider = engine.closeSpider.bind(engine);
    engine.closeSpider = (reason?: string) => {
      if (this.#finishing || this.#forced) return closeSpider(reason);
      this.#post({ t: 'close', reason: reason ?? 'cancelled' });
      return Promise.resolve();
    };
    // Extensions run in the main thread (CLOSESPIDER_ERRORCOUNT counts spider_error there).
    c.signals.connect(signals.spiderError, ({ failure }) => {
      const error = (failure as { value?: unknown } | null)?.value ?? failure;
      this.#spiderErrors.push(describe(error));
      this.#scheduleFlush();
    });
    c.signals.connect(signals.itemScraped, ({ item, request }) => {
      const held = request ? this.#given.get(request) : undefined;
      if (held) held.outputs.push({ item });
      else c.logger.error('Engine thread: an item was scraped outside a leased request and cannot reach the pipelines; it is dropped');
    });
  }

  /** Leases from the main thread. */
  receive(leases: Lease[]): void {
    for (const lease of leases) this.#ready.push(lease);
    this.#crawler.engine.wake();
  }

  /** The frontier is done: the engine closes once idle. */
  finish(): void {
    this.#finishing = true;
    this.#crawler.engine.wake();
  }

  /** A forced stop of the crawl: this thread's downloads are cancelled. */
  force(): void {
    this.#forced = true;
    void this.#crawler.forceStop();
  }

  hasPendingRequests(): boolean {
    return this.#readyHead < this.#ready.length || !this.#finishing;
  }

  enqueueRequest(request: Request, parent?: Request): boolean {
    const held = parent ? this.#given.get(parent) : undefined;
    // A download that ended as another request (redirect, retry) always reports that request.
    if (this.#sent && !request.dontFilter && held?.end?.kind !== 'request' && !this.#sent.add(fingerprint(request))) {
      this.#crawler.stats.incValue('dupefilter/filtered');
      return false;
    }
    const json = requestToJson(request, this.#crawler.spider);
    if (held) held.outputs.push({ request: json });
    else {
      this.#loose.push(json);
      this.#scheduleFlush();
    }
    return true;
  }

  nextRequest(): Request | null {
    if (this.#readyHead >= this.#ready.length) return null;
    const lease = this.#ready[this.#readyHead++]!;
    if (this.#readyHead === this.#ready.length) {
      this.#ready = [];
      this.#readyHead = 0;
    }
    let request: Request;
    try {
      request = requestFromJson(lease.request, this.#crawler.spider);
    } catch (error) {
      this.#crawler.logger.error(`Engine thread: cannot rebuild leased request ${lease.request.url}`, error);
      this.#settled.push({ id: lease.id, kind: 'failure', error: describe(error), outputs: [] });
      this.#scheduleFlush();
      return this.nextRequest();
    }
    this.#given.set(request, { id: lease.id, outputs: [] });
    return request;
  }

  ackRequest(request: Request): void {
    const held = this.#given.get(request);
    if (!held) return;
    const end = held.end;
    if (!end || end.kind === 'request') {
      this.#settle(request, { id: held.id, kind: 'request', outputs: held.outputs });
    } else if (end.kind === 'response') {
      const r = end.response;
      this.#settle(request, { id: held.id, kind: 'response', url: r.url, status: r.status, flags: r.flags, outputs: held.outputs });
    } else {
      this.#settle(request, { id: held.id, kind: 'failure', error: describe(end.error), outputs: held.outputs });
    }
  }

  /** Leases never processed go back as cancelled, and the last batch is sent. */
  close(): void {
    for (let i = this.#readyHead; i < this.#ready.length; i++) this.#settled.push({ id: this.#ready[i]!.id, kind: 'cancelled' });
    this.#ready = [];
    this.#readyHead = 0;
    for (const [request, held] of [...this.#given]) this.#settle(request, { id: held.id, kind: 'cancelled' });
    this.flush();
  }

  /**
   * A record of this thread's log. Records of the engine's own logger below WARNING stay here (the
   * main thread logs the same events once: "Crawled (200)", "Scraped from", spider opened...);
   * warnings, errors and the spider's and middlewares' own loggers go to the main thread.
   */
  log(record: LogRecord): void {
    if ((record.level === 'DEBUG' || record.level === 'INFO') && record.logger === 'skitter') return;
    const error = record.error;
    this.#logs.push({
      level: record.level,
      logger: record.logger,
      message: record.message,
      error: error === undefined ? undefined : error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { name: 'Error', message: String(error) },
    });
    this.#scheduleFlush();
  }

  /** Sends what is pending now. */
  flush(): void {
    this.#flushScheduled = false;
    if (this.#settled.length === 0 && this.#loose.length === 0 && this.#logs.length === 0 && this.#spiderErrors.length === 0) return;
    const message: FromWorker = { t: 'settled', settled: this.#settled, loose: this.#loose, logs: this.#logs, spiderErrors: this.#spiderErrors };
    this.#settled = [];
    this.#loose = [];
    this.#logs = [];
    this.#spiderErrors = [];
    this.#post(message);
  }

  #settle(request: Request, settled: Settled): void {
    this.#given.delete(request);
    this.#settled.push(settled);
    this.#scheduleFlush();
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    // One macrotask later: every lease settled in this turn of the loop travels in one message.
    this.#crawler.adapter.callLater(0, () => this.flush());
  }
}

function describe(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}
