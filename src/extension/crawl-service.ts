/**
 * The service worker side of the extension protocol: runs one crawl at a time on behalf of the
 * extension's pages, keeps each run's record (status, live progress, latest items, final stats) in
 * `chrome.storage.local`, and runs each crawl as a crash-safe job (JOBDIR, one IndexedDB database
 * per run) so that a crawl Chrome stopped with its worker carries on at the next wake.
 * @module
 */
import { Crawler } from '../core/crawler.ts';
import { signals } from '../core/signals.ts';
import type { SettingsInput } from '../core/settings/settings.ts';
import { deleteJob, IdbJobStore } from '../jobs/idb-job-store.ts';
import { Spider, type SpiderClass } from '../spiders/spider.ts';
import { chromeApi, type ChromeApi } from './chrome-api.ts';
import {
  isCrawlCommand, RUN_INDEX_KEY, runKey, type CrawlCommand, type CrawlReply, type CrawlRun,
  type SpiderInfo, type StartCrawlOptions,
} from './crawl-protocol.ts';

/** Options of {@link serveExtensionCrawls}. */
export interface CrawlServiceOptions {
  /**
   * The spiders pages may start: spider classes, or objects whose values include spider classes
   * (module namespaces, e.g. the values of `import.meta.glob('./spiders/*.ts', { eager: true })`).
   */
  spiders: Iterable<unknown> | Record<string, unknown>;
  /** Project settings of every crawl (the spider's `customSettings` still win). JOBDIR is set per run. */
  settings?: SettingsInput;
  /**
   * Prefix of the runs' IndexedDB job databases: run `<id>` keeps its job in `<database>-<id>`.
   * @default 'skitter-runs'
   */
  database?: string;
  /** How many of the latest items a run record keeps for previews. @default 5 */
  previewItems?: number;
  /** How many runs are kept; older runs and their jobs are deleted when a run starts. @default 20 */
  maxRuns?: number;
  /** How often a running crawl's progress is written to storage, in ms. @default 500 */
  progressIntervalMs?: number;
}

interface ActiveCrawl {
  run: CrawlRun;
  crawler: Crawler;
  /** A connection to the run's job, to count and preview its committed items. */
  journal: IdbJobStore;
  startedMs: number;
  /** Crawling time of the run before this crawl of its job (earlier crawls, before a pause or a stop of the worker). */
  elapsedBeforeMs: number;
  /** What the user asked for, applied when the crawl closes: keep the job (`pause`) or end the run (`stop`). */
  ending: 'pause' | 'stop' | undefined;
  timer: ReturnType<typeof setInterval>;
  /** Resolves once the crawl closed and the run record says how it ended. */
  closed: Promise<void>;
}

/**
 * The alarm that wakes a stopped service worker while a run is crawling (Chrome fires alarms at most
 * every 30 s); the wake itself resumes the run. Cleared when no run is crawling.
 */
export const CRAWL_WAKE_ALARM = 'skitter-crawl-wake';
const WAKE_PERIOD_MINUTES = 0.5;

/**
 * Runs crawls for the extension's pages: answers {@link CrawlCommand} messages
 * (`chrome.runtime.onMessage`) and keeps {@link CrawlRun} records in `chrome.storage.local`.
 * Create it once, at the top level of the service worker (Chrome delivers the waking event only
 * to listeners registered synchronously). Pages talk to it with {@link CrawlClient}.
 *
 * One crawl runs at a time, as a JOBDIR job (one IndexedDB database per run, see docs/jobs.md),
 * so its requests must be persistable. A spider's start URL given by the page replaces its
 * `startUrls`. When the service worker starts (any wake: a page's message, the
 * {@link CRAWL_WAKE_ALARM} alarm, browser start-up) and finds a run still marked running, Chrome
 * stopped the previous worker mid-crawl: the run's job is resumed at once, the run stays `running`
 * and its `interruptions` count goes up (see {@link CrawlService.ready}). Only a run that cannot be
 * resumed (its spider is gone, its job unreadable) becomes `interrupted`.
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
  /** Resolves once a run left crawling by a stopped worker has been resumed (or marked interrupted). */
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
    // Listeners that make Chrome start the worker for these events; starting is all it takes, since
    // the recovery below runs on every start.
    this.#chrome.alarms?.onAlarm.addListener(() => undefined);
    this.#chrome.runtime.onStartup?.addListener(() => undefined);
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
   * @throws {Error} when a crawl is already running or paused, or no spider has that name.
   */
  async start(options: StartCrawlOptions): Promise<CrawlRun> {
    await this.ready;
    const current = this.#active?.run ?? await this.#pausedRun();
    if (current) throw new Error(`A crawl is already ${current.status === 'paused' ? 'paused' : 'running'} (${current.spider}); stop it before starting another.`);
    if (!this.#spiders.has(options.spider)) throw new Error(`No spider named ${JSON.stringify(options.spider)}; known: ${[...this.#spiders.keys()].join(', ') || 'none'}.`);
    const startedAt = Date.now();
    const id = `${startedAt.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const run: CrawlRun = {
      id, spider: options.spider, args: { ...options.args }, status: 'running', startedAt,
      progress: { pages: 0, items: 0, errors: 0, pagesPerSecond: 0, elapsedMs: 0 }, latestItems: [], jobdir: `${this.#database}-${id}`,
    };
    if (options.startUrl) run.startUrl = options.startUrl;
    await this.#save(run);
    await this.#addToIndex(id);
    try {
      await this.#launch(run);
    } catch (error) {
      run.status = 'failed';
      run.error = error instanceof Error ? error.message : String(error);
      run.finishedAt = Date.now();
      await this.#save(run);
      throw error;
    }
    return structuredClone(run);
  }

  /**
   * Pauses the crawl: its job is saved and its crawl stops gracefully (requests in flight finish
   * and are committed); resolves with the paused run once the crawl closed. A paused run survives
   * the worker and the browser stopping; {@link resume} restarts it from its job.
   * @throws {Error} when no crawl is running.
   */
  async pause(): Promise<CrawlRun> {
    const active = this.#active;
    if (!active) {
      const paused = await this.#pausedRun();
      if (paused) return paused;
      throw new Error('No crawl is running: nothing to pause.');
    }
    if (active.ending === undefined) {
      active.ending = 'pause';
      // Said at once (and kept if the worker dies while the crawl closes: a paused run is not resumed on wake).
      active.run.status = 'paused';
      await this.#saveProgress(active);
      await active.crawler.stop();
    }
    await active.closed;
    return (await this.#load(active.run.id)) ?? structuredClone(active.run);
  }

  /**
   * Resumes the paused run: a new crawl of its job, from its pending requests.
   * @throws {Error} when no run is paused.
   */
  async resume(): Promise<CrawlRun> {
    if (this.#active?.ending === 'pause') await this.#active.closed;
    if (this.#active) return structuredClone(this.#active.run);
    const run = await this.#pausedRun();
    if (!run) throw new Error('No crawl is paused: nothing to resume.');
    await this.#launch(run);
    return structuredClone(run);
  }

  /**
   * Stops the crawl gracefully and ends its run (finish reason `shutdown`): requests in flight
   * finish, the run is `finished` and its job is never resumed. Works on a paused run too.
   * Resolves with the finished run. @throws {Error} when no crawl is running or paused.
   */
  async stop(): Promise<CrawlRun> {
    const active = this.#active;
    if (active) {
      const pausing = active.ending === 'pause';
      active.ending = 'stop';
      if (!pausing) await active.crawler.stop();
      await active.closed;
      return (await this.#load(active.run.id)) ?? structuredClone(active.run);
    }
    const run = await this.#pausedRun();
    if (!run) throw new Error('No crawl is running: nothing to stop.');
    run.status = 'finished';
    run.finishReason = 'shutdown';
    run.finishedAt = Date.now();
    await this.#save(run);
    return run;
  }

  /** Every stored run, newest first. */
  async runs(): Promise<CrawlRun[]> {
    const ids = await this.#index();
    const records = await this.#chrome.storage.local.get(ids.map(runKey));
    return ids.map((id) => records[runKey(id)] as CrawlRun | undefined).filter((run): run is CrawlRun => run !== undefined);
  }

  /** Deletes a run's record and its job (items included). @throws {Error} for the run in progress or paused. */
  async deleteRun(id: string): Promise<void> {
    const run = await this.#load(id);
    if (this.#active?.run.id === id || run?.status === 'paused') throw new Error('This crawl is still running or paused; stop it before deleting it.');
    await this.#chrome.storage.local.set({ [RUN_INDEX_KEY]: (await this.#index()).filter((other) => other !== id) });
    await this.#chrome.storage.local.remove(runKey(id));
    if (run?.jobdir) await deleteJob(run.jobdir);
  }

  /** Starts a crawl of `run`'s job (new or resumed) and records the run as running. */
  async #launch(run: CrawlRun): Promise<void> {
    const spider = this.#spiders.get(run.spider);
    if (!spider) throw new Error(`this extension has no spider named ${JSON.stringify(run.spider)} any more.`);
    const journal = await IdbJobStore.open(run.jobdir);
    let crawler: Crawler;
    try {
      crawler = new Crawler(spider, { ...this.#settings, JOBDIR: run.jobdir });
      // Items scraped but not committed when the last crawl ended are scraped again: show what was kept.
      run.latestItems = await this.#committedPreview(journal);
      run.progress.items = await journal.countItems();
    } catch (error) {
      // An open connection would keep the run's job from ever being deleted.
      journal.close();
      throw error;
    }
    run.status = 'running';
    crawler.signals.connect(signals.itemScraped, ({ item }) => {
      run.latestItems.push(toJsonData(item));
      if (run.latestItems.length > this.#previewItems) run.latestItems.splice(0, run.latestItems.length - this.#previewItems);
    });
    let closed!: () => void;
    const active: ActiveCrawl = {
      run, crawler, journal, startedMs: performance.now(), elapsedBeforeMs: run.progress.elapsedMs, ending: undefined,
      // A failed progress write only delays the display; the next one (or the final one) follows.
      timer: setInterval(() => void this.#saveProgress(active).catch(() => undefined), this.#progressIntervalMs),
      closed: new Promise((resolve) => {
        closed = resolve;
      }),
    };
    this.#active = active;
    await this.#chrome.alarms?.create(CRAWL_WAKE_ALARM, { periodInMinutes: WAKE_PERIOD_MINUTES, delayInMinutes: WAKE_PERIOD_MINUTES });
    await this.#save(run);
    const spiderArgs: Record<string, unknown> = { ...run.args };
    if (run.startUrl) spiderArgs.startUrls = [run.startUrl];
    void crawler.crawl(spiderArgs).then(
      () => this.#closed(active),
      (error: unknown) => this.#closed(active, error),
    ).catch((error: unknown) => {
      crawler.logger.error(`serveExtensionCrawls: could not record the end of run ${run.id}`, error);
    }).finally(closed);
  }

  /** The crawl closed: the run is paused, finished or failed, as its ending says. */
  async #closed(active: ActiveCrawl, error?: unknown): Promise<void> {
    clearInterval(active.timer);
    const run = active.run;
    try {
      await this.#updateProgress(active);
      run.latestItems = await this.#committedPreview(active.journal);
    } finally {
      active.journal.close();
    }
    const stats = active.crawler.stats.getStats();
    const reason = String(stats.finish_reason ?? 'finished');
    if (error !== undefined) {
      run.status = 'failed';
      run.error = error instanceof Error ? error.message : String(error);
      run.finishedAt = Date.now();
    } else if (active.ending === 'pause' && reason !== 'finished') {
      run.status = 'paused';
    } else {
      run.status = 'finished';
      run.finishReason = reason;
      run.stats = toJsonData(stats) as Record<string, unknown>;
      run.finishedAt = Date.now();
    }
    if (this.#active === active) this.#active = undefined;
    await this.#chrome.alarms?.clear(CRAWL_WAKE_ALARM);
    await this.#save(run);
  }

  /**
   * Runs on every start of the service worker. A run still marked `running` lost its crawl with
   * the previous worker (Chrome stopped it): its job is resumed now, with nothing for the user to
   * do. Its committed items are kept and the requests it had in flight are crawled again, so its
   * items stay exactly once. A run that cannot be resumed is marked `interrupted`, saying why.
   */
  async #recoverRuns(): Promise<void> {
    const leftover = (await this.runs()).filter((run) => run.status === 'running');
    for (const [i, run] of leftover.entries()) {
      run.interruptions = (run.interruptions ?? 0) + 1;
      try {
        // Only one crawl runs at a time; older leftovers (never expected) cannot all resume.
        if (i > 0) throw new Error('a newer crawl was resumed instead.');
        await this.#launch(run);
      } catch (error) {
        run.status = 'interrupted';
        run.error = `Chrome stopped the extension's service worker while this crawl ran, and it could not be resumed: ${error instanceof Error ? error.message : String(error)} The items scraped until then are kept.`;
        run.progress.items = await this.#countItems(run.jobdir);
        run.finishedAt = Date.now();
        await this.#save(run);
      }
    }
  }

  /** The paused run, if any (at most one: nothing starts while a run is paused). */
  async #pausedRun(): Promise<CrawlRun | undefined> {
    return (await this.runs()).find((run) => run.status === 'paused');
  }

  async #committedPreview(journal: IdbJobStore): Promise<unknown[]> {
    return (await journal.readItems(this.#previewItems)).map((entry) => toJsonData(entry.item));
  }

  async #countItems(jobdir: string): Promise<number> {
    try {
      const journal = await IdbJobStore.open(jobdir);
      try {
        return await journal.countItems();
      } finally {
        journal.close();
      }
    } catch {
      return 0;
    }
  }

  async #updateProgress(active: ActiveCrawl): Promise<void> {
    const stats = active.crawler.stats;
    const elapsedMs = active.elapsedBeforeMs + Math.max(0, performance.now() - active.startedMs);
    const pages = Number(stats.getValue('response_received_count') ?? 0);
    active.run.progress = {
      pages,
      // What the job committed, not `item_scraped_count`: the items a download gives right now.
      items: await active.journal.countItems(),
      errors: Number(stats.getValue('log_count/ERROR') ?? 0),
      pagesPerSecond: elapsedMs > 0 ? Math.round((pages / elapsedMs) * 10_000) / 10 : 0,
      elapsedMs: Math.round(elapsedMs),
    };
  }

  async #saveProgress(active: ActiveCrawl): Promise<void> {
    if (this.#active !== active) return;
    await this.#updateProgress(active);
    if (this.#active === active) await this.#save(active.run);
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
      await this.#chrome.storage.local.remove(runKey(old));
      if (run?.jobdir) await deleteJob(run.jobdir);
    }
    await this.#chrome.storage.local.set({ [RUN_INDEX_KEY]: ids });
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
