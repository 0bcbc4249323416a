import type { Crawler } from '../core/crawler.ts';
import type { DownloaderLike } from '../core/downloader/downloader.ts';
import { DownloadCancelledError } from '../errors/download-cancelled-error.ts';
import { SettingsError } from '../errors/settings-error.ts';
import { signals } from '../core/signals.ts';
import { Request } from '../http/request.ts';
import { Response } from '../http/response.ts';
import { NodeWorker } from '../platform/node-worker.ts';
import { requestFromJson, requestToJson, type RequestJson } from '../redis/request-json.ts';
import type { FromWorker, Lease, Output, Settled, ThreadLogRecord, ThreadRecipe, ToWorker } from './messages.ts';
import { mergeThreadStats } from './merge-stats.ts';

/** The engine thread's module: `.ts` from the sources, `.js` from the build. */
const ENTRY_URL = new URL(`./engine-thread.node${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/** How long closing waits for a thread's final stats, in ms (a thread drains nothing by then). */
const FINAL_STATS_WAIT_MS = 10_000;
/** The same wait after a forced stop: threads cancel their downloads at once. */
const FORCED_STATS_WAIT_MS = 2_000;

/** Finish reason when every engine thread died. */
export const THREADS_LOST_REASON = 'engine_thread_error';

interface Pending {
  request: Request;
  thread: EngineThread;
  resolve(result: Response | Request): void;
  reject(error: unknown): void;
}

interface EngineThread {
  index: number;
  worker: NodeWorker;
  alive: boolean;
  inFlight: number;
  outbox: Lease[];
  stats: Promise<Record<string, unknown> | undefined>;
}

/**
 * The main thread's downloader when ENGINE_THREADS > 0: it "downloads" a request by leasing it to
 * one of N engine threads (the least busy), each running the spider with its own downloader,
 * downloader and spider middlewares, parser and callbacks. A thread sends back, per request, how
 * the download ended and what the callback produced; the main thread's engine then goes on as with
 * any download: the children go through the main scheduler and dupefilter, the items through the
 * pipelines and feeds, `response_received`, `item_scraped` and the other signals fire here, and
 * CONCURRENT_REQUESTS counts requests leased to all threads together.
 *
 * A thread that dies (a crash, `process.exit()` in spider code) gives its leased requests back to
 * the scheduler, and the crawl goes on in the others; when none is left the crawl closes with the
 * finish reason `engine_thread_error`. Node only.
 * @throws {SettingsError} for settings that cannot hold across threads (DOWNLOAD_DELAY,
 *   AUTOTHROTTLE_ENABLED, JOBDIR, a custom SCHEDULER): their per-slot or per-job state would be split.
 */
export class ThreadDownloader implements DownloaderLike {
  readonly active = new Set<Request>();
  #crawler: Crawler;
  #total: number;
  #threads: EngineThread[] = [];
  #pending = new Map<number, Pending>();
  #nextId = 1;
  #forced = false;
  #closed = false;

  /** A DOWNLOADER component spec running `threads` engine threads for the crawl `recipe` describes. */
  static spec(recipe: ThreadRecipe, threads: number): { fromCrawler(crawler: Crawler): ThreadDownloader } {
    return { fromCrawler: (crawler) => new ThreadDownloader(crawler, recipe, threads) };
  }

  constructor(crawler: Crawler, recipe: ThreadRecipe, threads: number) {
    const s = crawler.settings;
    const conflicts = [
      s.getFloat('DOWNLOAD_DELAY') > 0 ? 'DOWNLOAD_DELAY' : '',
      s.getBool('AUTOTHROTTLE_ENABLED') ? 'AUTOTHROTTLE_ENABLED' : '',
      s.get<string>('JOBDIR') ? 'JOBDIR' : '',
      s.getPriority('SCHEDULER') !== 0 ? 'SCHEDULER' : '',
    ].filter(Boolean);
    if (conflicts.length > 0) {
      throw new SettingsError(`[skitter] ENGINE_THREADS=${threads} cannot be used with ${conflicts.join(', ')}: each thread would keep its own download slots and delays, or its own view of the job. Set ENGINE_THREADS=0 (the default) for this crawl.`);
    }
    this.#crawler = crawler;
    this.#total = s.getInt('CONCURRENT_REQUESTS');
    const perDomain = Math.max(1, Math.ceil(s.getInt('CONCURRENT_REQUESTS_PER_DOMAIN') / threads));
    const threadSettings: Record<string, unknown> = {
      ENGINE_THREADS: 0,
      ITEM_PIPELINES: {},
      EXTENSIONS_BASE: {},
      EXTENSIONS: {},
      FEEDS: {},
      STATS_DUMP: false,
      CONCURRENT_REQUESTS: this.#total,
      CONCURRENT_REQUESTS_PER_DOMAIN: perDomain,
    };
    for (let index = 0; index < threads; index++) this.#threads.push(this.#spawn(index, recipe, threadSettings));
    crawler.logger.info(`Running the spider in ${threads} engine threads (ENGINE_THREADS); the main thread keeps the scheduler, pipelines and feeds`);
  }

  needsBackout(): boolean {
    return this.active.size >= this.#total;
  }

  fetch(request: Request): Promise<Response | Request> {
    const thread = this.#pick();
    if (!thread) return Promise.reject(new Error(`[skitter] ThreadDownloader: no engine thread is left to download ${request} (see the errors above)`));
    let json;
    try {
      json = requestToJson(request, this.#crawler.spider);
    } catch (error) {
      return Promise.reject(error);
    }
    const id = this.#nextId++;
    this.active.add(request);
    thread.inFlight++;
    if (thread.outbox.length === 0) queueMicrotask(() => this.#flush(thread));
    thread.outbox.push({ id, request: json });
    return new Promise((resolve, reject) => this.#pending.set(id, { request, thread, resolve, reject }));
  }

  abortAll(): void {
    this.#forced = true;
    for (const t of this.#threads) if (t.alive) this.#send(t, { t: 'force' });
  }

  /** Tells every thread the frontier is done, merges their final stats, and stops them. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const t of this.#threads) if (t.alive) this.#send(t, { t: 'finish' });
    const waitMs = this.#forced ? FORCED_STATS_WAIT_MS : FINAL_STATS_WAIT_MS;
    const all = await Promise.all(this.#threads.map((t) => withTimeout(t.stats, waitMs)));
    for (const stats of all) if (stats) mergeThreadStats(this.#crawler.stats, stats);
    // Anything still leased now is lost with its thread: say so rather than wait forever.
    for (const [id, p] of this.#pending) this.#settleOne(p, id, { id, kind: 'cancelled' });
    await Promise.all(this.#threads.map((t) => t.worker.terminate()));
  }

  #spawn(index: number, recipe: ThreadRecipe, settings: Record<string, unknown>): EngineThread {
    const worker = new NodeWorker(ENTRY_URL, { name: `skitter-engine-${index + 1}` });
    let resolveStats!: (stats: Record<string, unknown> | undefined) => void;
    const thread: EngineThread = {
      index, worker, alive: true, inFlight: 0, outbox: [],
      stats: new Promise((resolve) => (resolveStats = resolve)),
    };
    worker.addEventListener('message', ({ data }) => {
      const message = data as FromWorker;
      switch (message.t) {
        case 'settled':
          this.#onSettled(thread, message);
          break;
        case 'close':
          void this.#crawler.engine.closeSpider(message.reason);
          break;
        case 'stats':
          resolveStats(message.stats);
          break;
        case 'fatal':
          this.#lost(thread, Object.assign(new Error(message.error.message), { name: message.error.name, stack: message.error.stack }));
          resolveStats(undefined);
          break;
      }
    });
    worker.addEventListener('error', ({ error, message }) => {
      this.#lost(thread, error ?? new Error(message ?? 'unknown error'));
      resolveStats(undefined);
    });
    this.#send(thread, { t: 'init', recipe, index, settings });
    return thread;
  }

  #pick(): EngineThread | undefined {
    let best: EngineThread | undefined;
    for (const t of this.#threads) if (t.alive && (!best || t.inFlight < best.inFlight)) best = t;
    return best;
  }

  #flush(thread: EngineThread): void {
    if (thread.outbox.length === 0 || !thread.alive) return;
    const leases = thread.outbox;
    thread.outbox = [];
    this.#send(thread, { t: 'lease', leases });
  }

  #send(thread: EngineThread, message: ToWorker): void {
    thread.worker.postMessage(message);
  }

  #onSettled(thread: EngineThread, message: Extract<FromWorker, { t: 'settled' }>): void {
    for (const record of message.logs) this.#replayLog(thread, record);
    const c = this.#crawler;
    // Before the leases settle: an error-count extension closes the crawl before more is sent.
    for (const e of message.spiderErrors) {
      c.signals.send(signals.spiderError, { failure: Object.assign(new Error(e.message), { name: e.name }), response: null as unknown as Response, spider: c.spider });
    }
    for (const s of message.settled) {
      const p = this.#pending.get(s.id);
      if (p) this.#settleOne(p, s.id, s);
    }
    for (const json of message.loose) {
      const request = this.#rebuild(json);
      if (request) c.engine.crawl(request);
    }
  }

  #settleOne(p: Pending, id: number, s: Settled): void {
    this.#pending.delete(id);
    this.active.delete(p.request);
    p.thread.inFlight--;
    switch (s.kind) {
      case 'response': {
        const outputs = this.#outputs(s.outputs);
        // The callback already ran in the thread: the main engine's scraper gets its output.
        p.request.callback = () => outputs;
        p.resolve(new Response({ url: s.url, status: s.status, flags: s.flags }));
        break;
      }
      case 'request': {
        const next = this.#outputs(s.outputs).find((o): o is Request => o instanceof Request);
        if (next) p.resolve(next);
        else p.reject(new Error(`[skitter] ThreadDownloader: the engine thread returned no request for ${p.request}`));
        break;
      }
      case 'failure': {
        const outputs = this.#outputs(s.outputs);
        // The errback (or the download error log) already ran in the thread.
        p.request.errback = () => outputs;
        p.reject(Object.assign(new Error(s.error.message), { name: s.error.name }));
        break;
      }
      case 'cancelled':
        p.reject(new DownloadCancelledError(`[skitter] ThreadDownloader: ${p.request} was cancelled in its engine thread`));
        break;
    }
  }

  #outputs(outputs: Output[]): unknown[] {
    const out: unknown[] = [];
    for (const o of outputs) {
      if ('item' in o) out.push(o.item);
      else {
        const request = this.#rebuild(o.request);
        if (request) out.push(request);
      }
    }
    return out;
  }

  #rebuild(json: RequestJson): Request | undefined {
    try {
      return requestFromJson(json, this.#crawler.spider);
    } catch (error) {
      this.#crawler.logger.error(`ThreadDownloader: cannot rebuild a request an engine thread produced (${json.url})`, error);
      return undefined;
    }
  }

  #replayLog(thread: EngineThread, record: ThreadLogRecord): void {
    const logger = this.#crawler.getLogger(record.logger);
    const message = record.message;
    switch (record.level) {
      case 'DEBUG': logger.debug(message); break;
      case 'INFO': logger.info(message); break;
      case 'WARNING': logger.warning(message); break;
      default: {
        const e = record.error ? Object.assign(new Error(record.error.message), { name: record.error.name, stack: record.error.stack }) : undefined;
        logger.error(`${message} (engine thread ${thread.index + 1})`, e);
      }
    }
  }

  /** A thread died: its leases go back to the scheduler; with no thread left the crawl closes. */
  #lost(thread: EngineThread, error: unknown): void {
    if (!thread.alive) return;
    thread.alive = false;
    const c = this.#crawler;
    c.stats.incValue('engine_threads/lost');
    c.logger.error(`ThreadDownloader: engine thread ${thread.index + 1} stopped; its ${thread.inFlight} leased requests go back to the scheduler`, error);
    for (const [id, p] of [...this.#pending]) {
      if (p.thread !== thread) continue;
      this.#pending.delete(id);
      this.active.delete(p.request);
      thread.inFlight--;
      // Given back as a new request (the original was filtered once already).
      p.resolve(p.request.replace({ dontFilter: true }));
    }
    if (!this.#threads.some((t) => t.alive) && !this.#closed) {
      c.logger.error('ThreadDownloader: no engine thread is left; closing the crawl');
      void c.engine.closeSpider(THREADS_LOST_REASON);
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms))),
  ]);
}
