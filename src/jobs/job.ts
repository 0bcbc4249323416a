import type { Crawler } from '../core/crawler.ts';
import { RequestPriorityQueue } from '../core/scheduler/priority-queue.ts';
import { FingerprintSet } from '../core/scheduler/fingerprint-set.ts';
import { START_REQUEST_META } from '../core/scheduler/scheduler.ts';
import { signals } from '../core/signals.ts';
import { fingerprint } from '../http/fingerprint.ts';
import { Request } from '../http/request.ts';
import type { Response } from '../http/response.ts';
import { isPromiseLike, type MaybePromise } from '../utils/maybe-async.ts';
import type { DelayedCall } from '../platform/loop-adapter.ts';
import { SettingsError } from '../errors/settings-error.ts';
import { JobStateError } from './job-state-error.ts';
import { JOB_FORMAT_VERSION, type JobCommit, type JobMeta, type JobStore, type JobStoreFactory, type JournaledItem, type StoredRequest } from './job-store.ts';
import type { JobFeedSink } from './job-feed-sink.ts';
import { jobItemId } from './item-ids.ts';
import { exportJournal } from './journal-feeds.ts';
import { RequestCodec } from './request-codec.ts';

/**
 * How long parentless requests (from `start()` or `engine.crawl()` outside callbacks) may wait
 * before they are committed on their own, in ms. They also go out with every acknowledgement.
 */
const PARENTLESS_FLUSH_MS = 200;
/** Parentless requests that trigger a commit at once. */
const PARENTLESS_FLUSH_COUNT = 512;
/**
 * Ms between stats snapshots in commits: stats are informative (a resumed crawl's counts are
 * approximate anyway), so they are not rewritten on every commit.
 */
const STATS_EVERY_MS = 1_000;
/** Stats that describe one run, not the job: never restored. */
const RUN_STATS = new Set(['start_time', 'finish_time', 'finish_reason', 'elapsed_time_seconds']);

interface Pending {
  request: Request;
  row: StoredRequest;
  fingerprint: string | undefined;
}

const jobs = new WeakMap<object, Job>();

/** The job of a crawl with JOBDIR set, shared by its scheduler and spider middleware. */
export function jobFor(crawler: Crawler): Job {
  let job = jobs.get(crawler);
  if (!job) {
    job = new Job(crawler);
    jobs.set(crawler, job);
  }
  return job;
}

/**
 * A crash-safe crawl (JOBDIR): an in-memory frontier (priority queue + fingerprint set) mirrored
 * in a {@link JobStore}. Each request the engine finished is acknowledged in ONE commit together
 * with its child requests, their fingerprints, its items (written to the feeds), the number of
 * `start()` values handed off, `spider.state` and the stats. Children wait out of the queue until
 * their parent's commit, so nothing committed ever depends on something that is not.
 */
export class Job {
  #crawler: Crawler;
  #store: JobStore | undefined;
  #sink: JobFeedSink | undefined;
  #codec: RequestCodec | undefined;
  #queue = new RequestPriorityQueue();
  #seen = new FingerprintSet();
  #ids = new WeakMap<Request, number>();
  #encoded = new WeakMap<Request, string>();
  #nextId = 1;
  #held = new Map<Request, Pending[]>();
  #items = new Map<Request, unknown[]>();
  #parentless: Pending[] = [];
  #startItems: unknown[] = [];
  #startSkip = 0;
  /** Start requests by their index in `start()`'s output, until they are scheduled. */
  #startIndex = new WeakMap<Request, number>();
  /** The last value `start()` yielded, until the engine took it. */
  #lastStart: { value: unknown; index: number } | undefined;
  #startHandedOff = 0;
  #inFlight = new Set<Request>();
  /** Acknowledged since the last commit: requests to delete, their children and items. */
  #ackedIds: number[] = [];
  #ackedChildren: Pending[] = [];
  #ackedItems: unknown[] = [];
  #batch: Promise<void> | undefined;
  #resolveBatch: (() => void) | undefined;
  #commitTimer: DelayedCall | undefined;
  #commitTimerMs = 0;
  #statsAtMs = -Infinity;
  #tail: Promise<void> | undefined;
  #finished = false;
  #open = false;

  constructor(crawler: Crawler) {
    this.#crawler = crawler;
  }

  /** True when the job had finished before this run: nothing is crawled. */
  get alreadyFinished(): boolean {
    return this.#finished;
  }

  /** How many `start()` values to skip (produced and committed by earlier runs). */
  get startSkip(): number {
    return this.#startSkip;
  }

  /** Requests waiting (in memory). */
  get size(): number {
    return this.#queue.size;
  }

  /** Where the job lives. */
  get location(): string {
    return this.#store?.location ?? String(this.#crawler.settings.get('JOBDIR'));
  }

  /**
   * Opens the store, checks it belongs to this spider and version, and restores the frontier,
   * `spider.state`, the stats and the feeds.
   * @throws {JobStateError} for a state that is corrupt, another spider's or another version's.
   * @throws {SettingsError} when the platform has no job store.
   */
  async open(): Promise<void> {
    if (this.#open) return;
    this.#open = true;
    const c = this.#crawler;
    const jobdir = String(c.settings.get('JOBDIR'));
    const factory = c.settings.get<JobStoreFactory | null>('JOBDIR_STORE');
    if (!factory) throw new SettingsError(`[skitter] JOBDIR: the ${c.adapter.name} platform has no job store (JOBDIR_STORE is unset); import skitter through its node, web or mv3 entry.`);
    this.#codec = new RequestCodec(c.spider);
    const store = await factory.open(jobdir);
    this.#store = store;
    try {
      await this.#restore(store, factory);
    } catch (error) {
      this.#store = undefined;
      await store.close();
      throw error;
    }
  }

  async #restore(store: JobStore, factory: JobStoreFactory): Promise<void> {
    const c = this.#crawler;
    const spider = c.spider;
    const codec = this.#codec!;
    const snapshot = await store.load();
    const meta = snapshot.meta;
    const fresh = meta.format === undefined;
    if (!fresh) this.#check(meta);
    this.#finished = meta.status === 'finished';
    this.#startSkip = meta.startCount ?? 0;
    this.#startHandedOff = this.#startSkip;
    if (meta.state && typeof meta.state === 'object') spider.state = meta.state;
    if (meta.stats) for (const [k, v] of Object.entries(meta.stats)) if (!RUN_STATS.has(k)) c.stats.setValue(k, v);
    for (const fp of snapshot.fingerprints) this.#seen.add(fp);
    try {
      for (const row of snapshot.requests) {
        const request = codec.decode(row.data);
        this.#ids.set(request, row.id);
        this.#encoded.set(request, row.data);
        this.#queue.push(request, row.isStart);
        if (row.id >= this.#nextId) this.#nextId = row.id + 1;
      }
    } catch (error) {
      throw new JobStateError(`[skitter] JOBDIR: a stored request in ${store.location} cannot be restored: ${(error as Error).message} Delete the job (${store.location}) to start fresh.`, { cause: error });
    }
    this.#sink = factory.feedSink?.(c, store);
    const feeds = await this.#sink?.open(meta.feeds, this.#finished);
    c.signals.connect(signals.itemScraped, this.#onItemScraped);
    if (this.#finished) {
      c.logger.info(`JOBDIR ${store.location}: this job already finished; nothing to crawl. Delete it (or use another JOBDIR) to crawl again.`);
      return;
    }
    if (fresh) {
      await this.#commit({ deleteIds: [], requests: [], fingerprints: [], items: [], meta: { format: JOB_FORMAT_VERSION, spider: spider.name, status: 'running', startCount: 0, feeds } });
    } else {
      c.logger.info(`Resuming the job in ${store.location}: ${snapshot.requests.length} pending requests, ${snapshot.fingerprints.length} seen, ${this.#startSkip} start() values done.`);
      c.stats.incValue('job/resumed');
    }
  }

  /**
   * Checks a request can be stored (callback names, JSON meta) and remembers its encoded form.
   * @throws {UnpersistableRequestError} naming the request and the field.
   */
  encode(request: Request): string {
    let data = this.#encoded.get(request);
    if (data === undefined) {
      data = this.#codec!.encode(request);
      this.#encoded.set(request, data);
    }
    return data;
  }

  /** The scheduler's enqueueRequest: dupefilter, then held (with a parent) or queued. */
  enqueue(request: Request, parent: Request | undefined): boolean {
    const startIndex = this.#startIndex.get(request);
    if (startIndex !== undefined) {
      // Counted as soon as the engine schedules it: the engine may close without asking start()
      // for another value.
      this.#startIndex.delete(request);
      if (startIndex >= this.#startHandedOff) this.#startHandedOff = startIndex + 1;
      if (this.#lastStart?.value === request) this.#lastStart = undefined;
    }
    let fp: string | undefined;
    if (!request.dontFilter) {
      fp = fingerprint(request).slice(0, 16);
      if (!this.#seen.add(fp)) return false;
    }
    const data = this.encode(request);
    const row: StoredRequest = { id: this.#nextId++, priority: request.priority, isStart: request.meta[START_REQUEST_META] === true, data };
    this.#ids.set(request, row.id);
    const entry: Pending = { request, row, fingerprint: fp };
    if (parent && this.#inFlight.has(parent)) {
      const held = this.#held.get(parent);
      if (held) held.push(entry);
      else this.#held.set(parent, [entry]);
      return true;
    }
    this.#parentless.push(entry);
    this.#queue.push(request, row.isStart);
    this.#commitSoon(this.#parentless.length >= PARENTLESS_FLUSH_COUNT ? 0 : PARENTLESS_FLUSH_MS);
    return true;
  }

  /** The scheduler's nextRequest. */
  next(): Request | undefined {
    const request = this.#queue.pop();
    if (request) this.#inFlight.add(request);
    return request;
  }

  /**
   * True while requests wait in the queue. Children held for their parent's commit are not
   * counted: the parent is still in progress, which keeps the spider from going idle.
   */
  hasPending(): boolean {
    return this.#queue.size > 0;
  }

  /** `start()` yields `value`, its value number `index` (0-based). */
  offerStart(value: unknown, index: number): void {
    this.#lastStart = { value, index };
    if (value instanceof Request) this.#startIndex.set(value, index);
  }

  /**
   * `start()` handed `count` values off to the engine: their requests are in the next commit,
   * which records the count, so a resumed run skips exactly them.
   */
  startHandedOff(count: number): void {
    this.#lastStart = undefined;
    if (count > this.#startHandedOff) this.#startHandedOff = count;
    this.#commitSoon(PARENTLESS_FLUSH_MS);
  }

  /**
   * Waits for the item `start()` yielded as value number `index` (0-based) to be scraped,
   * dropped or failed; the item (if scraped) and the new count are then committed together.
   * Start items are therefore handled one at a time.
   */
  startItem(index: number): Promise<void> {
    return new Promise((resolve) => {
      const s = this.#crawler.signals;
      const done = (args: { request?: Request | null; response?: Response | null }): void => {
        if ((args.request ?? args.response?.request) != null) return;
        s.disconnect(signals.itemScraped, done);
        s.disconnect(signals.itemDropped, done);
        s.disconnect(signals.itemError, done);
        // Same synchronous turn as #onItemScraped keeping the item: one commit has both.
        this.#startHandedOff = index + 1;
        this.#commitSoon(0);
        resolve();
      };
      s.connect(signals.itemScraped, done);
      s.connect(signals.itemDropped, done);
      s.connect(signals.itemError, done);
    });
  }

  /**
   * The scheduler's ackRequest: the request is forgotten in the same commit that adds its
   * children and their fingerprints, its items, the start() progress and `spider.state`. Acks
   * of one loop turn share a commit (group commit); the children join the queue once it is
   * durable, and the returned promise resolves then.
   */
  ack(request: Request): Promise<void> {
    this.#inFlight.delete(request);
    const id = this.#ids.get(request);
    if (id !== undefined) this.#ackedIds.push(id);
    const children = this.#held.get(request);
    if (children) {
      this.#held.delete(request);
      for (const c of children) this.#ackedChildren.push(c);
    }
    const items = this.#items.get(request);
    if (items) {
      this.#items.delete(request);
      for (const item of items) this.#ackedItems.push(item);
    }
    this.#batch ??= new Promise<void>((resolve) => {
      this.#resolveBatch = resolve;
    });
    this.#commitSoon(0);
    return this.#batch;
  }

  /** Schedules the next commit in `delayMs` at most. */
  #commitSoon(delayMs: number): void {
    if (this.#commitTimer) {
      if (delayMs >= this.#commitTimerMs) return;
      this.#commitTimer.cancel();
    }
    this.#commitTimerMs = delayMs;
    this.#commitTimer = this.#crawler.adapter.callLater(delayMs, () => {
      this.#commitTimer = undefined;
      void this.#commitNow();
    });
  }

  /** Commits everything gathered; the batch's acks resolve once it is durable. Never rejects. */
  #commitNow(extra?: JobMeta): Promise<void> | void {
    const resolve = this.#resolveBatch;
    this.#batch = undefined;
    this.#resolveBatch = undefined;
    const children = this.#ackedChildren;
    this.#ackedChildren = [];
    const ids = this.#ackedIds;
    this.#ackedIds = [];
    const items = this.#ackedItems;
    this.#ackedItems = [];
    const done = (): void => {
      for (const child of children) this.#queue.push(child.request, child.row.isStart);
      resolve?.();
    };
    const failed = (error: unknown): void => {
      this.#commitFailed(error);
      resolve?.();
    };
    try {
      const change = this.#change(ids, children, items);
      if (extra) Object.assign(change.meta, extra);
      const r = this.#commit(change);
      if (isPromiseLike(r)) return Promise.resolve(r).then(done, failed);
      done();
    } catch (error) {
      failed(error);
    }
  }

  /**
   * A commit that failed leaves its requests stored but their children nowhere: the crawl stops
   * (reason `job_store_error`, the job stays resumable) rather than lose pages.
   */
  #commitFailed(error: unknown): void {
    this.#crawler.logger.error(`JOBDIR: committing to ${this.location} failed; stopping the crawl (run the same command to resume)`, error);
    void this.#crawler.engine.closeSpider('job_store_error');
  }

  /** Commits what is left, marks the job finished when `reason` is `finished`, closes the store. */
  async close(reason: string): Promise<void> {
    const store = this.#store;
    if (!store) return;
    this.#commitTimer?.cancel();
    this.#commitTimer = undefined;
    this.#crawler.signals.disconnect(signals.itemScraped, this.#onItemScraped);
    try {
      // A start request the engine pulled but dropped because it was closing: keep it pending,
      // so neither a skipped count nor a cursor in spider.state loses it.
      const last = this.#lastStart;
      if (!this.#finished && last && this.#startIndex.has(last.value as Request)) this.enqueue(last.value as Request, undefined);
      if (!this.#finished) {
        this.#statsAtMs = -Infinity;
        await this.#commitNow();
        if (reason === 'finished' && this.#queue.size === 0) {
          if (store.readItems) await exportJournal(this.#crawler, (await store.readItems()).map((j) => j.item));
          const feeds = this.#sink?.finish();
          await this.#commitNow({ status: 'finished', ...(feeds !== undefined ? { feeds } : {}) });
          this.#crawler.logger.info(`Job finished; its state stays in ${store.location} (running the same command again does nothing).`);
        } else {
          this.#crawler.logger.info(`Job paused (${reason}); ${this.#queue.size} requests wait in ${store.location}. Run the same command to resume.`);
        }
      }
      await this.#tail;
    } finally {
      this.#sink?.close();
      await store.close();
    }
  }

  #check(meta: JobMeta): void {
    const where = this.#store!.location;
    const fresh = `Delete it (or use another JOBDIR) to start fresh.`;
    if (meta.format !== JOB_FORMAT_VERSION) {
      throw new JobStateError(`[skitter] JOBDIR: the job in ${where} was written by an incompatible skitter (state format ${String(meta.format)}, this version reads ${JOB_FORMAT_VERSION}). ${fresh}`);
    }
    const name = this.#crawler.spider.name;
    if (meta.spider !== name) {
      throw new JobStateError(`[skitter] JOBDIR: the job in ${where} belongs to spider ${JSON.stringify(meta.spider)}, not ${JSON.stringify(name)}. Give each spider its own JOBDIR, or delete it to start fresh.`);
    }
  }

  #onItemScraped = (args: { item: unknown; response: Response | null; request?: Request | null }): void => {
    const request = args.request ?? args.response?.request ?? null;
    if (request && this.#inFlight.has(request)) {
      const list = this.#items.get(request);
      if (list) list.push(args.item);
      else this.#items.set(request, [args.item]);
    } else {
      this.#startItems.push(args.item);
    }
  };

  #change(deleteIds: number[], children: Pending[], items: unknown[]): JobCommit {
    const entries = this.#parentless.length > 0 ? this.#parentless.concat(children) : children;
    this.#parentless = [];
    const allItems = this.#startItems.length > 0 ? this.#startItems.concat(items) : items;
    this.#startItems = [];
    const requests: StoredRequest[] = [];
    const fingerprints: string[] = [];
    for (const e of entries) {
      requests.push(e.row);
      if (e.fingerprint !== undefined) fingerprints.push(e.fingerprint);
    }
    const journaled: JournaledItem[] = allItems.map((item) => ({ id: jobItemId(item) ?? '', item }));
    const meta: JobMeta = { startCount: this.#startHandedOff, state: this.#crawler.spider.state };
    const now = this.#crawler.adapter.now();
    if (now - this.#statsAtMs >= STATS_EVERY_MS) {
      this.#statsAtMs = now;
      meta.stats = numericStats(this.#crawler.stats.getStats());
    }
    if (this.#sink && allItems.length > 0) {
      const feeds = this.#sink.append(allItems);
      if (feeds !== undefined) meta.feeds = feeds;
    }
    return { deleteIds, requests, fingerprints, items: this.#store!.keepsJournal ? journaled : [], meta };
  }

  /** Commits in call order (sync stores commit at once; async ones are chained). */
  #commit(change: JobCommit): MaybePromise<void> {
    const store = this.#store!;
    if (this.#tail) {
      const p = this.#tail.then(() => store.commit(change));
      this.#tail = p;
      return p;
    }
    const r = store.commit(change);
    if (isPromiseLike(r)) {
      const p = Promise.resolve(r).then(() => {
        if (this.#tail === p) this.#tail = undefined;
      });
      this.#tail = p;
      return p;
    }
  }
}

function numericStats(stats: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(stats)) if (typeof v === 'number' && !RUN_STATS.has(k)) out[k] = v;
  return out;
}
