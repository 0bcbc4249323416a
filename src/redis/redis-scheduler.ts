import type { Crawler } from '../core/crawler.ts';
import type { SchedulerLike } from '../core/scheduler/scheduler.ts';
import type { DelayedCall } from '../platform/loop-adapter.ts';
import { fingerprint } from '../http/fingerprint.ts';
import type { Request } from '../http/request.ts';
import { NotSupportedError } from '../errors/not-supported-error.ts';
import { SettingsError } from '../errors/settings-error.ts';
import { ClusterSlots, type SlotWaiter } from './cluster-slots.ts';
import { connectRedis } from './connection.ts';
import { RedisFrontier, type HeldLease, type Permit, type QueuedEntry } from './frontier.ts';
import { redisKeys } from './keys.ts';
import { requestFromJson, requestToJson } from './request-json.ts';
import { StartUrlFeed } from './start-url-feed.ts';
import { FeedBarrier } from './feed-barrier.ts';
import { SEED_CLAIM_MS, Seeding } from './seeding.ts';
import { isRedisDupeFilterSpec } from './redis-dupefilter.ts';
import { signals } from '../core/signals.ts';
import type { Response } from '../http/response.ts';
import type { WorkerJournal } from './worker-journal.node.ts';

/** ms between polls of Redis while this worker has nothing to do (other workers may add work). */
const IDLE_POLL_MS = 100;
/** Most entries per enqueue script call (keeps each atomic step short for the other workers). */
const MAX_BATCH = 500;
/** First and largest wait between retries of a failed Redis call, in ms. */
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5_000;

/** A leased request held by this worker. */
interface Held extends SlotWaiter, HeldLease {
  member: string;
  permit?: Permit | undefined;
}

/**
 * A scheduler whose frontier lives in Redis, shared by every worker process that runs the same
 * spider with the same REDIS_URL: scrapy-redis's `Scheduler`, with leases instead of pops, atomic
 * dupefilter checks and politeness across workers.
 *
 * The engine's scheduler interface is synchronous, so this keeps a small local buffer: requests
 * are leased from Redis in batches of CONCURRENT_REQUESTS (`nextRequest()` hands them out once
 * their download slot got a cluster-wide permit), and enqueued requests are written behind, in one
 * script call that also acknowledges their parent (see {@link RedisScheduler.ackRequest}). A
 * request is acknowledged only when its response was fully processed, so a worker killed with
 * SIGKILL loses nothing: its leases expire after REDIS_LEASE_TIMEOUT seconds and other workers
 * redo them. `hasPendingRequests()` stays true until the whole cluster is done (nothing queued,
 * no lease outstanding anywhere), so every worker finishes with reason `finished`.
 *
 * With JOBDIR (one per worker, kept across its restarts) the worker's feeds are exactly-once: a
 * request's items are pending in a local journal before its acknowledgement, which records their
 * journal id in Redis atomically, and become feed lines after it; a restarted worker settles its
 * journal from what Redis recorded (see worker-journal.node.ts and docs/distributed.md).
 *
 * Settings: REDIS_URL, REDIS_KEY_PREFIX, REDIS_LEASE_TIMEOUT (s), SCHEDULER_PERSIST,
 * REDIS_START_URLS_KEY, REDIS_START_URLS_BATCH_SIZE, MAX_IDLE_TIME_BEFORE_CLOSE (s), JOBDIR.
 * @throws {JobStateError} from `open()` when the JOBDIR is in use by another worker, corrupt, or
 * another spider's.
 * @throws {NotSupportedError} outside Node (it needs TCP sockets to Redis).
 * @throws {RedisConnectionError} from `open()` when Redis cannot be reached.
 * @example
 * // skitter runspider spider.ts -s SCHEDULER=redis -s REDIS_URL=redis://10.0.0.5:6379 -o items.jsonl
 * import { RedisScheduler } from 'skitter/redis';
 * export default { SCHEDULER: RedisScheduler, REDIS_URL: 'redis://10.0.0.5:6379' };
 * @see https://github.com/rmax/scrapy-redis (its Scheduler)
 */
export class RedisScheduler implements SchedulerLike {
  #crawler: Crawler;
  #url: string;
  #persist: boolean;
  #leaseMs: number;
  #prefetch: number;
  #maxIdleMs: number;
  #frontier: RedisFrontier | undefined;
  #slots: ClusterSlots;
  #startFeed: StartUrlFeed | undefined;
  /** Enqueued without a parent of ours (start(), start URLs, other code): written as soon as possible. */
  #loose: QueuedEntry[] = [];
  #looseInFlight = 0;
  #looseFlush: Promise<void> = Promise.resolve();
  /** Children of requests handed out, written with their parent's acknowledgement. */
  #children = new Map<Request, QueuedEntry[]>();
  /** Leased, waiting for their slot's permit. */
  #waiting: Held[] = [];
  /** Permitted, for `nextRequest()`. */
  #ready: Held[] = [];
  #readyHead = 0;
  /** Handed to the engine, not yet acknowledged. */
  #given = new Map<Request, Held>();
  #remoteDone = false;
  #idleSinceMs: number | undefined;
  #closed = false;
  #pumpDone: Promise<void> | undefined;
  #wakePump: (() => void) | undefined;
  #kicked = false;
  #pumpTimer: DelayedCall | undefined;
  #lastRenewMs = 0;
  #permitCounter = 0;
  #seeding: Seeding;
  #retryLogged = false;
  #feeds: FeedBarrier | undefined;
  /** With JOBDIR: the local journal that makes this worker's feeds exactly-once. */
  #journal: WorkerJournal | undefined;
  /** With a journal: the items of each request handed out, until its acknowledgement. */
  #itemsOf = new Map<Request, unknown[]>();
  /** Journal ids written to the feeds, to remove from the acked set with the next call. */
  #written: string[] = [];
  /** The journal says this worker already finished: it crawls nothing. */
  #inert = false;
  /** Settles when `open()` has finished (or failed). */
  #opened: Promise<void>;
  #markOpened!: () => void;

  /** Builds it, after checking the platform. @throws {NotSupportedError} outside Node. */
  static fromCrawler(crawler: Crawler): RedisScheduler {
    return new RedisScheduler(crawler);
  }

  constructor(crawler: Crawler) {
    if (typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node !== 'string') {
      throw new NotSupportedError(`[skitter] RedisScheduler is not supported on ${crawler.adapter.name}: it needs TCP sockets to reach Redis, which only Node gives. Run Redis workers with Node (skitter/node), or use the default scheduler here.`);
    }
    const s = crawler.settings;
    this.#crawler = crawler;
    this.#url = s.get<string>('REDIS_URL');
    this.#persist = s.getBool('SCHEDULER_PERSIST');
    this.#leaseMs = s.getFloat('REDIS_LEASE_TIMEOUT') * 1000;
    this.#prefetch = s.getInt('CONCURRENT_REQUESTS');
    this.#maxIdleMs = s.getFloat('MAX_IDLE_TIME_BEFORE_CLOSE') * 1000;
    this.#slots = new ClusterSlots(crawler);
    const dupefilter = s.get<unknown>('DUPEFILTER_CLASS');
    if (dupefilter != null && !isRedisDupeFilterSpec(dupefilter)) {
      throw new SettingsError('[skitter] RedisScheduler: DUPEFILTER_CLASS must be RedisDupeFilter (or unset): the workers share one dupefilter in Redis, checked in the same step as the enqueue.');
    }
    this.#seeding = new Seeding(crawler, {
      frontier: () => this.#frontier!,
      flush: () => this.#flushLoose(),
      retrying: (what, fn) => this.#retrying(what, fn),
      closed: () => this.#closed || this.#inert,
      opened: () => this.#opened,
    });
    this.#seeding.install();
    this.#opened = new Promise((resolve) => {
      this.#markOpened = resolve;
    });
  }

  /** The shared frontier (after `open()`): its keys and worker token. */
  get frontier(): RedisFrontier | undefined {
    return this.#frontier;
  }

  async open(): Promise<void> {
    try {
      await this.#open();
    } finally {
      this.#markOpened();
    }
  }

  async #open(): Promise<void> {
    const c = this.#crawler;
    const spider = c.spider;
    const client = await connectRedis(this.#url, c.logger, 'RedisScheduler');
    const keys = redisKeys(c.settings.get<string>('REDIS_KEY_PREFIX'), spider.name, startUrlsKeyOf(spider, c.settings.get<string | null>('REDIS_START_URLS_KEY')));
    const jobdir = c.settings.get<string>('JOBDIR');
    if (jobdir) {
      try {
        // Loaded only with JOBDIR: node:sqlite is not needed otherwise.
        const { WorkerJournal } = await import('./worker-journal.node.ts');
        this.#journal = new WorkerJournal(c, jobdir);
      } catch (error) {
        client.disconnect();
        throw error;
      }
    }
    const journal = this.#journal;
    this.#frontier = new RedisFrontier(client, keys, crypto.randomUUID(), journal?.workerId);
    if (journal?.finished) {
      this.#inert = true;
      this.#remoteDone = true;
      c.logger.info(`JOBDIR ${journal.location}: this worker already finished its crawl; nothing to crawl. Delete it (or use another JOBDIR) to crawl again.`);
      return;
    }
    if (journal) {
      await this.#settle(journal, this.#frontier);
      const frontier = this.#frontier;
      if (journal.lastToken && await this.#retrying('reading the frontier', () => frontier.crawlGone())) {
        // This worker's crawl finished while it was away: starting a new one would crawl it all again.
        this.#inert = true;
        this.#remoteDone = true;
        journal.finish();
        c.logger.info(`JOBDIR ${journal.location}: the crawl this worker belonged to has finished; nothing to crawl. Delete the JOBDIR to take part in a new crawl.`);
        return;
      }
      c.signals.connect(signals.itemScraped, this.#onItemScraped);
    } else {
      this.#feeds = new FeedBarrier(c);
    }
    if (typeof (spider as { redisKey?: unknown }).redisKey === 'string' || c.settings.get('REDIS_START_URLS_KEY')) {
      this.#startFeed = new StartUrlFeed(c, this.#frontier, c.settings.getInt('REDIS_START_URLS_BATCH_SIZE') || this.#prefetch);
    }
    const identity = journal ? `; exactly-once feeds, worker id ${journal.workerId}, journal in ${journal.location}` : '';
    c.logger.info(`RedisScheduler: sharing the frontier ${keys.requests} (worker ${this.#frontier.token.slice(0, 8)}${identity})`);
    this.#pumpDone = this.#pump();
  }

  async close(reason: string): Promise<void> {
    this.#closed = true;
    this.#kick();
    await this.#pumpDone;
    const frontier = this.#frontier;
    if (!frontier) return;
    const journal = this.#journal;
    try {
      if (this.#inert) return;
      await this.#flushLoose();
      const unused = [...this.#waiting, ...this.#ready.slice(this.#readyHead), ...this.#given.values()];
      if (unused.length > 0) await frontier.release(unused).catch((e: unknown) => this.#crawler.logger.error('RedisScheduler: could not return leases (they return when they expire)', e));
      if (journal) {
        this.#crawler.signals.disconnect(signals.itemScraped, this.#onItemScraped);
        // What is left in the acked set is only needed after a kill; a closing worker has written it all.
        await frontier.forget(this.#written.splice(0)).catch(() => {});
        if (reason === 'finished') journal.finish();
      }
      if (reason === 'finished') await frontier.finish(this.#persist);
    } finally {
      journal?.close();
      frontier.client.disconnect();
    }
  }

  /**
   * Settles what the last run of this worker (same JOBDIR) left: returns its leases to the queue,
   * writes the items of the requests Redis recorded as acknowledged and drops the others (whoever
   * holds those requests produces them), then empties the acked set.
   */
  async #settle(journal: WorkerJournal, frontier: RedisFrontier): Promise<void> {
    const left = journal.leftover;
    if (left.length > 0 || journal.lastToken) {
      const { returned, acked } = await this.#retrying('settling the journal', () => frontier.settle(journal.lastToken, left.map((e) => String(e.id))));
      const written = left.filter((_, i) => acked[i]);
      journal.commit(written);
      journal.drop(left.filter((_, i) => !acked[i]).map((e) => e.id));
      await this.#retrying('settling the journal', () => frontier.forgetAll());
      if (journal.lastToken) await this.#retrying('settling the journal', () => frontier.dropPermitsOf(journal.lastToken));
      const stats = this.#crawler.stats;
      stats.incValue('redis/journal/settled_written', written.length);
      stats.incValue('redis/journal/settled_dropped', left.length - written.length);
      if (returned > 0) stats.incValue('redis/leases/returned_on_restart', returned);
      this.#crawler.logger.info(`JOBDIR ${journal.location}: worker ${journal.workerId} settled its last run: ${written.length} acknowledged requests' items written, ${left.length - written.length} unacknowledged dropped, ${returned} of its leases returned to the queue`);
    }
    journal.setToken(frontier.token);
  }

  /** With a journal: keeps each item with the request it came from, until that request's acknowledgement. */
  #onItemScraped = (args: { item: unknown; response: Response | null; request?: Request | null }): void => {
    const request = args.request ?? args.response?.request ?? null;
    const items = request ? this.#itemsOf.get(request) : undefined;
    if (items) items.push(args.item);
    // From start() or another source without a lease: written at once.
    else this.#journal?.writeLoose([args.item]);
  };

  hasPendingRequests(): boolean {
    if (this.#readyHead < this.#ready.length || this.#waiting.length > 0 || this.#loose.length > 0 || this.#looseInFlight > 0) return true;
    if (!this.#remoteDone) return true;
    if (this.#startFeed) {
      if (this.#maxIdleMs <= 0) return true;
      const now = this.#crawler.adapter.now();
      this.#idleSinceMs ??= now;
      return now - this.#idleSinceMs < this.#maxIdleMs;
    }
    return false;
  }

  /**
   * Accepts a request for the shared frontier. It is serialised now (so a request that cannot
   * travel fails here, naming it) and written to Redis shortly after, or, when `parent` is a
   * request this worker handed out, together with the parent's acknowledgement. Always returns
   * true: duplicates are found in Redis later and counted in `dupefilter/filtered`.
   * @throws {RequestSerializationError} for a request JSON cannot carry.
   */
  enqueueRequest(request: Request, parent?: Request): boolean {
    // A worker with nothing to crawl (its JOBDIR finished) must not start a new crawl in Redis.
    if (this.#inert) return false;
    const json = requestToJson(request, this.#crawler.spider);
    const entry: QueuedEntry = {
      fingerprint: request.dontFilter ? '' : fingerprint(request),
      priority: request.priority,
      json: JSON.stringify({ ...json, id: crypto.randomUUID() }),
    };
    const children = parent ? this.#children.get(parent) : undefined;
    if (children) {
      children.push(entry);
    } else {
      this.#loose.push(entry);
      this.#kick();
    }
    const stats = this.#crawler.stats;
    stats.incValue('scheduler/enqueued/redis');
    stats.incValue('scheduler/enqueued');
    this.#remoteDone = false;
    this.#idleSinceMs = undefined;
    return true;
  }

  nextRequest(): Request | null {
    if (this.#readyHead >= this.#ready.length) {
      this.#kick();
      return null;
    }
    const held = this.#ready[this.#readyHead++]!;
    if (this.#readyHead === this.#ready.length) {
      this.#ready = [];
      this.#readyHead = 0;
    }
    if (this.#ready.length - this.#readyHead < this.#prefetch / 2) this.#kick();
    this.#given.set(held.request, held);
    this.#children.set(held.request, []);
    if (this.#journal) this.#itemsOf.set(held.request, []);
    this.#slots.sendNow(held.request);
    const stats = this.#crawler.stats;
    stats.incValue('scheduler/dequeued/redis');
    stats.incValue('scheduler/dequeued');
    return held.request;
  }

  /**
   * Acknowledges a request handed out: once the feeds wrote its items out (see FeedBarrier), one
   * atomic script writes its children (after the dupefilter check), deletes its lease and frees
   * its slot permit. If the lease had expired and
   * the request went to another worker, the children are dropped (that worker makes them) and
   * `redis/leases/lost` counts it. Retries while Redis is away, so the engine waits.
   */
  async ackRequest(request: Request): Promise<void> {
    const held = this.#given.get(request);
    if (!held || !this.#frontier) return;
    const children = this.#children.get(request) ?? [];
    this.#children.delete(request);
    await this.#feeds?.wait();
    // Out of #given first, so a lease renewal running meanwhile does not count it as lost.
    this.#given.delete(request);
    const frontier = this.#frontier;
    const journal = this.#journal;
    const items = this.#itemsOf.get(request);
    this.#itemsOf.delete(request);
    // With a journal, items are pending under an id before the acknowledgement, and feed lines
    // only once Redis recorded that id with it (see worker-journal.node.ts).
    const id = journal?.hasFeeds && items && items.length > 0 ? journal.pend(frontier.token, held.member, items) : undefined;
    const written = this.#written.length > 0 ? this.#written.splice(0) : [];
    const result = await this.#retrying('acknowledging a request', () => frontier.commit(children, held, id === undefined ? '' : String(id), written));
    if (id !== undefined) {
      if (result.committed) {
        journal!.commit([{ id, items: items! }]);
        this.#written.push(String(id));
      } else {
        journal!.drop([id]);
      }
    }
    const stats = this.#crawler.stats;
    if (result.filtered > 0) stats.incValue('dupefilter/filtered', result.filtered);
    if (!result.committed) {
      stats.incValue('redis/leases/lost');
      this.#crawler.logger.warning(`RedisScheduler: the lease of ${request} had expired and the request went back to the queue; raise REDIS_LEASE_TIMEOUT if workers stall that long`);
    }
    // A freed permit may let a waiting request go; a drained buffer wants the next batch.
    if (this.#waiting.length > 0 || this.#ready.length - this.#readyHead < this.#prefetch / 2) this.#kick();
  }

  /** The background loop: writes loose requests, leases batches, takes permits, renews leases. */
  async #pump(): Promise<void> {
    const frontier = this.#frontier!;
    const adapter = this.#crawler.adapter;
    while (!this.#closed) {
      let waitMs = IDLE_POLL_MS;
      try {
        await this.#flushLoose();
        if (this.#startFeed && await this.#startFeed.feed()) this.#remoteDone = false;
        const want = this.#prefetch - this.#waiting.length - (this.#ready.length - this.#readyHead);
        if (want > 0) {
          const popped = await frontier.pop(want, this.#leaseMs);
          this.#onPopped(popped.members);
          if (popped.reclaimed > 0) this.#crawler.stats.incValue('redis/leases/reclaimed', popped.reclaimed);
          const done = popped.members.length === 0 && popped.queued === 0 && popped.leases === 0 && this.#loose.length === 0 && this.#looseInFlight === 0;
          if (done !== this.#remoteDone) {
            this.#remoteDone = done;
            if (done) this.#wakeEngine();
          }
        }
        if (this.#waiting.length > 0) waitMs = Math.min(waitMs, await this.#takePermits());
        if (adapter.now() - this.#lastRenewMs > this.#leaseMs / 3) await this.#renew();
        // Written ids usually ride on the next acknowledgement; when none is coming, send them.
        if (this.#written.length > 0 && (this.#given.size === 0 || this.#written.length >= MAX_BATCH)) await frontier.forget(this.#written.splice(0));
        this.#retryLogged = false;
      } catch (error) {
        if (this.#closed) break;
        this.#logRetry('polling the frontier', error);
        waitMs = RETRY_FIRST_MS * 10;
      }
      if (this.#startFeed && this.#remoteDone) this.#wakeEngine();
      if (waitMs > 0 && !this.#closed) await this.#sleep(waitMs);
    }
  }

  #onPopped(members: string[]): void {
    const spider = this.#crawler.spider;
    for (const member of members) {
      let request: Request;
      try {
        request = requestFromJson(JSON.parse(member), spider);
      } catch (error) {
        this.#crawler.logger.error(`RedisScheduler: dropping an unreadable request from the frontier: ${member.slice(0, 200)}`, error);
        this.#crawler.stats.incValue('redis/unreadable');
        void this.#frontier!.commit([], { member }).catch(() => {});
        continue;
      }
      this.#waiting.push({ request, member, slot: this.#slots.slotOf(request) });
      this.#idleSinceMs = undefined;
    }
  }

  /**
   * Asks Redis for slot permits and moves granted requests to the ready list. Returns ms until
   * the pump should ask again: 0 when every ask was granted in full and requests still wait,
   * else the shortest slot delay left (an acknowledgement freeing a permit wakes it sooner).
   */
  async #takePermits(): Promise<number> {
    const frontier = this.#frontier!;
    const asks = this.#slots.asks(this.#waiting, () => `${frontier.token}:${++this.#permitCounter}`);
    const results = await frontier.permits(asks, this.#leaseMs);
    const granted = new Set<Held>();
    let waitMs = IDLE_POLL_MS;
    let allGranted = true;
    asks.forEach((ask, i) => {
      const { granted: n, waitMs: w } = results[i]!;
      for (let j = 0; j < n; j++) {
        const held = ask.waiters[j] as Held;
        held.permit = { key: frontier.slotKey(ask.slot), member: ask.members[j]! };
        granted.add(held);
      }
      if (n < ask.members.length) allGranted = false;
      if (w > 0) waitMs = Math.min(waitMs, w);
      if (n > 0 && ask.delayMs > 0) waitMs = Math.min(waitMs, ask.delayMs);
    });
    if (granted.size > 0) {
      this.#waiting = this.#waiting.filter((h) => !granted.has(h));
      for (const h of granted) this.#ready.push(h);
      this.#idleSinceMs = undefined;
      this.#wakeEngine();
    }
    return allGranted && this.#waiting.length > 0 && asks.every((a) => a.delayMs === 0) ? 0 : waitMs;
  }

  async #renew(): Promise<void> {
    this.#lastRenewMs = this.#crawler.adapter.now();
    const held = [...this.#waiting, ...this.#ready.slice(this.#readyHead), ...this.#given.values()];
    const lost = await this.#frontier!.renew(held, this.#leaseMs);
    if (lost > 0) this.#crawler.stats.incValue('redis/leases/lost_on_renew', lost);
    if (this.#seeding.active) await this.#frontier!.renewSeeding(SEED_CLAIM_MS);
  }

  /**
   * Writes requests enqueued without a parent of ours. Calls are chained: a batch is taken out of
   * the buffer once, so concurrent callers (the pump, the end of `start()`) never write it twice.
   */
  #flushLoose(): Promise<void> {
    this.#looseFlush = this.#looseFlush.then(async () => {
      while (this.#loose.length > 0) {
        const batch = this.#loose.splice(0, MAX_BATCH);
        this.#looseInFlight += batch.length;
        const frontier = this.#frontier!;
        try {
          const result = await this.#retrying('enqueueing requests', () => frontier.commit(batch));
          if (result.filtered > 0) this.#crawler.stats.incValue('dupefilter/filtered', result.filtered);
        } finally {
          this.#looseInFlight -= batch.length;
        }
      }
    });
    return this.#looseFlush;
  }

  /** Runs `fn` until it succeeds (Redis away: the worker pauses), unless the crawl closes. */
  async #retrying<T>(what: string, fn: () => Promise<T>): Promise<T> {
    let waitMs = RETRY_FIRST_MS;
    for (;;) {
      try {
        const out = await fn();
        return out;
      } catch (error) {
        this.#logRetry(what, error);
        await this.#crawler.adapter.sleep(waitMs);
        waitMs = Math.min(waitMs * 2, RETRY_MAX_MS);
      }
    }
  }

  #logRetry(what: string, error: unknown): void {
    if (this.#retryLogged) return;
    this.#retryLogged = true;
    this.#crawler.logger.warning(`RedisScheduler: ${what} failed (${(error as Error).message ?? String(error)}); retrying with backoff`);
  }

  #wakeEngine(): void {
    (this.#crawler.engine as { wake?(): void }).wake?.();
  }

  /** Wakes the pump now (or makes its next sleep return at once). */
  #kick(): void {
    const wake = this.#wakePump;
    if (!wake) {
      this.#kicked = true;
      return;
    }
    this.#wakePump = undefined;
    this.#pumpTimer?.cancel();
    wake();
  }

  #sleep(ms: number): Promise<void> {
    if (this.#kicked) {
      this.#kicked = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.#wakePump = resolve;
      this.#pumpTimer = this.#crawler.adapter.callLater(ms, () => this.#kick());
    });
  }
}

/** The start list's key: REDIS_START_URLS_KEY with `%(name)s`, else the spider's `redisKey`, else none. */
function startUrlsKeyOf(spider: { name: string }, setting: string | null): string | undefined {
  const own = (spider as { redisKey?: unknown }).redisKey;
  if (typeof own === 'string' && own) return own.replaceAll('%(name)s', spider.name);
  if (setting) return setting.replaceAll('%(name)s', spider.name);
  return undefined;
}
