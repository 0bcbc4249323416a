/**
 * The service worker side of the extension protocol: runs one crawl at a time on behalf of the
 * extension's pages, keeps each run's record (status, live progress, latest items, final stats) in
 * `chrome.storage.local`, and its items in IndexedDB as a JSON Lines feed.
 * @module
 */
import { Crawler } from '../core/crawler.ts';
import { signals } from '../core/signals.ts';
import type { SettingsInput } from '../core/settings/settings.ts';
import type { FeedOptions } from '../feeds/feed-options.ts';
import { deleteIndexedDbFeed, IndexedDbFeedStorage, readIndexedDbFeedItems } from '../feeds/storages/indexed-db-feed-storage.ts';
import { Spider, type SpiderClass } from '../spiders/spider.ts';
import { chromeApi, type ChromeApi } from './chrome-api.ts';
import {
  isCrawlCommand, RUN_INDEX_KEY, runKey, type CrawlCommand, type CrawlProgress, type CrawlReply, type CrawlRun,
  type SpiderInfo, type StartCrawlOptions,
} from './crawl-protocol.ts';

/** Options of {@link serveExtensionCrawls}. */
export interface CrawlServiceOptions {
  /**
   * The spiders pages may start: spider classes, or objects whose values include spider classes
   * (module namespaces, e.g. the values of `import.meta.glob('./spiders/*.ts', { eager: true })`).
   */
  spiders: Iterable<unknown> | Record<string, unknown>;
  /** Project settings of every crawl (the spider's `customSettings` still win). */
  settings?: SettingsInput;
  /** IndexedDB database of the runs' feeds (store `feeds`, key = run id). @default 'skitter-runs' */
  database?: string;
  /** How many of the latest items a run record keeps for previews. @default 5 */
  previewItems?: number;
  /** How many runs are kept; older runs and their feeds are deleted when a run starts. @default 20 */
  maxRuns?: number;
  /** How often a running crawl's progress is written to storage, in ms. @default 500 */
  progressIntervalMs?: number;
}

interface ActiveCrawl {
  run: CrawlRun;
  crawler: Crawler;
  startedMs: number;
  pausedAtMs: number | undefined;
  pausedTotalMs: number;
  timer: ReturnType<typeof setInterval>;
}

/** Why an `interrupted` run stopped, as shown to the user. */
const INTERRUPTED_MESSAGE = 'Chrome stopped the extension\'s service worker while this crawl ran; the items scraped until then are kept.';

/**
 * Runs crawls for the extension's pages: answers {@link CrawlCommand} messages
 * (`chrome.runtime.onMessage`) and keeps {@link CrawlRun} records in `chrome.storage.local`.
 * Create it once, at the top level of the service worker (Chrome delivers the waking message only
 * to listeners registered synchronously). Pages talk to it with {@link CrawlClient}.
 *
 * One crawl runs at a time. A spider's start URL given by the page replaces its `startUrls`.
 * When the service worker starts and finds a run still marked running or paused, Chrome stopped
 * the previous worker mid-crawl: the run is marked `interrupted` (see {@link CrawlService.ready}).
 * @throws {Error} outside an extension, or when two spiders share a name.
 * @example
 * // service-worker.ts
 * import { serveExtensionCrawls } from 'skitter/mv3';
 * serveExtensionCrawls({ spiders: Object.values(import.meta.glob('./spiders/*.ts', { eager: true })) });
 */
export function serveExtensionCrawls(options: CrawlServiceOptions): CrawlService {
  return new CrawlService(options);
}

/** See {@link serveExtensionCrawls}. */
export class CrawlService {
  /** Resolves once runs left over by a stopped worker have been dealt with. */
  readonly ready: Promise<void>;
  #chrome: ChromeApi;
  #spiders = new Map<string, SpiderClass>();
  #settings: SettingsInput;
  #database: string;
  #previewItems: number;
  #maxRuns: number;
  #progressIntervalMs: number;
  #active: ActiveCrawl | undefined;

  constructor(options: CrawlServiceOptions) {
    this.#chrome = chromeApi('serveExtensionCrawls');
    for (const spider of findSpiderClasses(options.spiders)) {
      const name = spiderName(spider);
      const known = this.#spiders.get(name);
      if (known && known !== spider) throw new Error(`[skitter] serveExtensionCrawls: two spiders are named ${JSON.stringify(name)} (${known.name} and ${spider.name}); spider names must be unique.`);
      this.#spiders.set(name, spider);
    }
    this.#settings = options.settings ?? {};
    this.#database = options.database ?? 'skitter-runs';
    this.#previewItems = options.previewItems ?? 5;
    this.#maxRuns = options.maxRuns ?? 20;
    this.#progressIntervalMs = options.progressIntervalMs ?? 500;
    this.#chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
      if (!isCrawlCommand(message)) return false;
      this.handle(message).then(
        (value) => sendResponse({ ok: true, value } satisfies CrawlReply),
        (error: unknown) => sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) } satisfies CrawlReply),
      );
      return true;
    });
    this.ready = this.#recoverRuns();
  }

  /** The spiders pages may start. */
  get spiders(): SpiderInfo[] {
    return [...this.#spiders.entries()].map(([name, spider]) => ({ name, startUrls: [...(new spider().startUrls ?? [])] }));
  }

  /** The crawler of the run in progress, if any. */
  get crawler(): Crawler | undefined {
    return this.#active?.crawler;
  }

  /**
   * Carries out one command (what the message listener does; callable directly in the worker).
   * @throws {Error} with a message for the user: unknown spider, a crawl already running, nothing to pause.
   */
  async handle(command: CrawlCommand): Promise<unknown> {
    await this.ready;
    switch (command.skitter) {
      case 'spiders': return this.spiders;
      case 'start': return this.start(command);
      case 'pause': return this.pause();
      case 'resume': return this.resume();
      case 'stop': return this.stop();
      case 'delete': return this.deleteRun(command.id);
      default: throw new Error(`[skitter] CrawlService: unknown command ${JSON.stringify((command as { skitter: unknown }).skitter)}.`);
    }
  }

  /**
   * Starts a crawl and resolves with its record once it runs (not when it ends).
   * @throws {Error} when a crawl is already running or no spider has that name.
   */
  async start(options: StartCrawlOptions): Promise<CrawlRun> {
    await this.ready;
    if (this.#active) throw new Error(`A crawl is already running (${this.#active.run.spider}); stop it before starting another.`);
    const spider = this.#spiders.get(options.spider);
    if (!spider) throw new Error(`No spider named ${JSON.stringify(options.spider)}; known: ${[...this.#spiders.keys()].join(', ') || 'none'}.`);
    const startedAt = Date.now();
    const id = `${startedAt.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const feedUri = `idb://${encodeURIComponent(this.#database)}/${id}`;
    const run: CrawlRun = {
      id, spider: options.spider, args: { ...options.args }, status: 'running', startedAt,
      progress: { pages: 0, items: 0, errors: 0, pagesPerSecond: 0, elapsedMs: 0 }, latestItems: [], feedUri,
    };
    if (options.startUrl) run.startUrl = options.startUrl;
    const userFeeds = (this.#settings.FEEDS ?? {}) as Record<string, unknown>;
    const feed: FeedOptions = { format: 'jsonlines', overwrite: true };
    // Unbuffered: when Chrome stops the worker mid-crawl, every item counted so far is in the feed.
    feed.storage = new IndexedDbFeedStorage(feedUri, { overwrite: true, feedOptions: feed, bufferChars: 0 });
    const crawler = new Crawler(spider, { ...this.#settings, FEEDS: { ...userFeeds, [feedUri]: feed } });
    crawler.signals.connect(signals.itemScraped, ({ item }) => {
      run.latestItems.push(toJsonData(item));
      if (run.latestItems.length > this.#previewItems) run.latestItems.splice(0, run.latestItems.length - this.#previewItems);
    });
    // A pause asked for while the crawl was still starting takes effect once the engine exists.
    crawler.signals.connect(signals.engineStarted, () => {
      if (run.status === 'paused') crawler.engine.pause();
    });
    const active: ActiveCrawl = {
      run, crawler, startedMs: performance.now(), pausedAtMs: undefined, pausedTotalMs: 0,
      timer: setInterval(() => void this.#saveProgress(active), this.#progressIntervalMs),
    };
    this.#active = active;
    await this.#save(run);
    await this.#addToIndex(id);
    const spiderArgs: Record<string, unknown> = { ...options.args };
    if (options.startUrl) spiderArgs.startUrls = [options.startUrl];
    void crawler.crawl(spiderArgs).then(
      () => this.#finish(active),
      (error: unknown) => this.#finish(active, error),
    );
    return structuredClone(run);
  }

  /**
   * Pauses the running crawl: no new requests are sent; those in flight finish.
   * @throws {Error} when no crawl is running.
   */
  async pause(): Promise<CrawlRun> {
    const active = this.#requireActive('pause');
    if (active.run.status === 'running') {
      if (active.crawler.crawling && engineOf(active.crawler)) active.crawler.engine.pause();
      active.pausedAtMs = performance.now();
      active.run.status = 'paused';
      await this.#saveProgress(active);
    }
    return structuredClone(active.run);
  }

  /** Resumes a paused crawl. @throws {Error} when no crawl is running. */
  async resume(): Promise<CrawlRun> {
    const active = this.#requireActive('resume');
    if (active.run.status === 'paused') {
      active.pausedTotalMs += performance.now() - (active.pausedAtMs ?? performance.now());
      active.pausedAtMs = undefined;
      active.run.status = 'running';
      if (engineOf(active.crawler)) active.crawler.engine.unpause();
      await this.#saveProgress(active);
    }
    return structuredClone(active.run);
  }

  /**
   * Stops the crawl gracefully (finish reason `shutdown`): requests in flight finish, the feed is
   * closed. Resolves with the finished run. @throws {Error} when no crawl is running.
   */
  async stop(): Promise<CrawlRun> {
    const active = this.#requireActive('stop');
    // A crawl still starting has no running engine to stop yet: wait for it (or for its end).
    while (this.#active === active && !(engineOf(active.crawler) && active.crawler.engine.running)) await sleepMs(20);
    if (this.#active === active) {
      active.crawler.engine.unpause();
      await active.crawler.stop();
    }
    while (this.#active === active) await sleepMs(10);
    return (await this.#load(active.run.id)) ?? structuredClone(active.run);
  }

  /** Every stored run, newest first. */
  async runs(): Promise<CrawlRun[]> {
    const ids = await this.#index();
    const records = await this.#chrome.storage.local.get(ids.map(runKey));
    return ids.map((id) => records[runKey(id)] as CrawlRun | undefined).filter((run): run is CrawlRun => run !== undefined);
  }

  /** Deletes a run's record and its items. @throws {Error} for the run in progress. */
  async deleteRun(id: string): Promise<void> {
    if (this.#active?.run.id === id) throw new Error('This crawl is still running; stop it before deleting it.');
    const run = await this.#load(id);
    if (run) await deleteIndexedDbFeed(run.feedUri);
    await this.#chrome.storage.local.remove(runKey(id));
    await this.#chrome.storage.local.set({ [RUN_INDEX_KEY]: (await this.#index()).filter((other) => other !== id) });
  }

  async #finish(active: ActiveCrawl, error?: unknown): Promise<void> {
    clearInterval(active.timer);
    const run = active.run;
    this.#updateProgress(active);
    const stats = active.crawler.stats.getStats();
    run.stats = toJsonData(stats) as Record<string, unknown>;
    run.finishedAt = Date.now();
    if (error === undefined) {
      run.status = 'finished';
      run.finishReason = String(stats.finish_reason ?? 'finished');
    } else {
      run.status = 'failed';
      run.error = error instanceof Error ? error.message : String(error);
    }
    await this.#save(run);
    if (this.#active === active) this.#active = undefined;
  }

  /**
   * The one place where a run left `running` or `paused` by a stopped service worker is dealt
   * with, when the next worker starts.
   *
   * RESUME POINT: today the run is marked `interrupted` (its items so far stay in its feed). Once
   * crash-safe crawls exist (JOBDIR persistence, `src/jobs/`), resume the run's job here instead:
   * restart its spider from the persisted job state with the same `feedUri` appended to
   * (`overwrite: false`) and set the run back to `running`.
   */
  async #onLeftoverRun(run: CrawlRun): Promise<void> {
    run.status = 'interrupted';
    run.error = INTERRUPTED_MESSAGE;
    // The saved progress may be up to one interval old, or count an item whose write was cut off:
    // show what the feed really kept.
    run.progress.items = (await readIndexedDbFeedItems(run.feedUri))?.length ?? 0;
    run.finishedAt = Date.now();
    await this.#save(run);
  }

  async #recoverRuns(): Promise<void> {
    for (const run of await this.runs()) {
      if (run.status === 'running' || run.status === 'paused') await this.#onLeftoverRun(run);
    }
  }

  #requireActive(what: string): ActiveCrawl {
    if (!this.#active) throw new Error(`No crawl is running: nothing to ${what}.`);
    return this.#active;
  }

  #updateProgress(active: ActiveCrawl): void {
    const stats = active.crawler.stats;
    const now = performance.now();
    const pausedMs = active.pausedTotalMs + (active.pausedAtMs === undefined ? 0 : now - active.pausedAtMs);
    const elapsedMs = Math.max(0, now - active.startedMs - pausedMs);
    const pages = Number(stats.getValue('response_received_count') ?? 0);
    const progress: CrawlProgress = {
      pages,
      items: Number(stats.getValue('item_scraped_count') ?? 0),
      errors: Number(stats.getValue('log_count/ERROR') ?? 0),
      pagesPerSecond: elapsedMs > 0 ? Math.round((pages / elapsedMs) * 10_000) / 10 : 0,
      elapsedMs: Math.round(elapsedMs),
    };
    active.run.progress = progress;
  }

  async #saveProgress(active: ActiveCrawl): Promise<void> {
    if (this.#active !== active) return;
    this.#updateProgress(active);
    await this.#save(active.run);
  }

  #save(run: CrawlRun): Promise<void> {
    return this.#chrome.storage.local.set({ [runKey(run.id)]: run });
  }

  async #load(id: string): Promise<CrawlRun | undefined> {
    return (await this.#chrome.storage.local.get(runKey(id)))[runKey(id)] as CrawlRun | undefined;
  }

  async #index(): Promise<string[]> {
    const ids = (await this.#chrome.storage.local.get(RUN_INDEX_KEY))[RUN_INDEX_KEY];
    return Array.isArray(ids) ? (ids as string[]) : [];
  }

  async #addToIndex(id: string): Promise<void> {
    const ids = [id, ...(await this.#index()).filter((other) => other !== id)];
    for (const old of ids.splice(this.#maxRuns)) {
      const run = await this.#load(old);
      if (run) await deleteIndexedDbFeed(run.feedUri);
      await this.#chrome.storage.local.remove(runKey(old));
    }
    await this.#chrome.storage.local.set({ [RUN_INDEX_KEY]: ids });
  }
}

function sleepMs(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The engine when the crawl has one (it exists from `crawl()`'s first steps on). */
function engineOf(crawler: Crawler): boolean {
  try {
    return crawler.engine !== undefined;
  } catch {
    return false;
  }
}

function isSpiderClass(value: unknown): value is SpiderClass {
  return typeof value === 'function' && (value === Spider || value.prototype instanceof Spider);
}

function findSpiderClasses(source: Iterable<unknown> | Record<string, unknown>): SpiderClass[] {
  const values = Symbol.iterator in source ? [...(source as Iterable<unknown>)] : Object.values(source);
  const found = new Set<SpiderClass>();
  for (const value of values) {
    if (isSpiderClass(value)) found.add(value);
    else if (value && typeof value === 'object') for (const inner of Object.values(value)) if (isSpiderClass(inner)) found.add(inner);
  }
  return [...found];
}

function spiderName(spider: SpiderClass): string {
  const name = new spider().name;
  if (!name) throw new Error(`[skitter] serveExtensionCrawls: spider class ${spider.name} has no name; set \`name = '...'\` on it.`);
  return name;
}

/** Plain JSON data (what storage and messages carry): Dates become ISO strings, functions vanish. */
function toJsonData(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null)) as unknown;
}
