import type { LoopAdapter } from '../platform/loop-adapter.ts';
import type { Spider, SpiderClass } from '../spiders/spider.ts';
import { InvalidOutputError } from '../errors/invalid-output-error.ts';
import { SettingsError } from '../errors/settings-error.ts';
import { isAsyncIterable, isOutputIterable } from '../utils/maybe-async.ts';
import { describeValue } from './middleware/describe.ts';
import { buildComponent, buildComponentList, componentName, type ComponentMap, type ComponentSpec } from './component.ts';
import { baseComponentSettings } from './default-components.ts';
import { Downloader, type DownloaderLike } from './downloader/downloader.ts';
import { DownloaderMiddlewareManager, type DownloaderMiddleware } from './downloader/downloader-middleware-manager.ts';
import { DownloadHandlers } from './downloader/download-handlers.ts';
import { ExecutionEngine } from './engine/engine.ts';
import { createLogger, levelEnabled, parseLogLevel, type LogLevel, type Logger, type LogSink } from './log.ts';
import { platformForAdapter, resolveLoopAdapter } from './platform.ts';
import { Scheduler, type SchedulerLike } from './scheduler/scheduler.ts';
import { ItemPipelineManager, type ItemPipeline } from './scraper/item-pipeline-manager.ts';
import { Scraper } from './scraper/scraper.ts';
import { SpiderMiddlewareManager, type SpiderMiddleware } from './scraper/spider-middleware-manager.ts';
import { Settings, type SettingsInput } from './settings/settings.ts';
import { SignalManager } from './signals.ts';
import { StatsCollector } from './stats.ts';

/** Options of a {@link Crawler}. */
export interface CrawlerOptions {
  /** The loop adapter; defaults to the LOOP_ADAPTER setting (the installed platform's adapter). */
  adapter?: LoopAdapter;
  /** Where log records go. @default the console */
  logSink?: LogSink;
}

/**
 * Runs one spider: Scrapy's Crawler. It assembles the settings (defaults < platform < project <
 * spider `customSettings` < command line), freezes them, builds the extensions, middlewares,
 * pipelines, scheduler and downloader, and drives the engine. The platform defaults (feed
 * storages, download handlers) are those of the platform the crawl's loop adapter belongs to,
 * added when `crawl()` starts.
 *
 * @see https://docs.scrapy.org/en/latest/topics/api.html#crawler-api
 * @example
 * const crawler = new Crawler(MySpider, { DOWNLOAD_DELAY: 0.5 });
 * await crawler.crawl({ category: 'books' });
 * console.log(crawler.stats.getStats());
 */
export class Crawler {
  readonly spiderClass: SpiderClass;
  readonly settings: Settings;
  readonly signals: SignalManager;
  readonly stats = new StatsCollector();
  #spider: Spider | undefined;
  #engine: ExecutionEngine | undefined;
  #adapter: LoopAdapter | undefined;
  #options: CrawlerOptions;
  #logger: Logger;
  #logLevel: LogLevel = 'DEBUG';
  #crawling = false;
  /** A stop asked for before the engine existed (while components were built). */
  #pendingStop: 'graceful' | 'forced' | undefined;
  /** Extensions built for this crawl, in order. */
  extensions: object[] = [];

  /**
   * @param spiderClass the spider to run.
   * @param settings project settings (a plain object at `project` priority, or a Settings with its own priorities).
   * @throws {SettingsError} for invalid settings.
   */
  constructor(spiderClass: SpiderClass, settings?: SettingsInput | Settings, options: CrawlerOptions = {}) {
    if (typeof spiderClass !== 'function') {
      throw new TypeError(`[skitter] Crawler: expected a Spider class, got ${typeof spiderClass}; pass the class itself (new Crawler(MySpider)), not an instance.`);
    }
    this.spiderClass = spiderClass;
    this.#options = options;
    const warnings: string[] = [];
    const s = new Settings(undefined, 'default', (m) => warnings.push(m));
    s.update(baseComponentSettings(), 'default');
    if (settings instanceof Settings) s.update(settings);
    else if (settings) s.update(settings, 'project');
    this.settings = s;
    this.#logger = this.#makeLogger('skitter');
    this.signals = new SignalManager((signal, error) => this.#logger.error(`Error caught on signal handler for ${signal}`, error));
    // The log line already names the logger (`[skitter] WARNING: ...`): drop the message's own prefix.
    for (const w of warnings) this.#logger.warning(w.replace(/^\[skitter\] /, ''));
  }

  /** The spider instance (after `crawl()` started). */
  get spider(): Spider {
    if (!this.#spider) throw new Error('[skitter] Crawler.spider: the crawl has not started; call crawl() first.');
    return this.#spider;
  }

  /** The engine (after `crawl()` started). */
  get engine(): ExecutionEngine {
    if (!this.#engine) throw new Error('[skitter] Crawler.engine: the crawl has not started; call crawl() first.');
    return this.#engine;
  }

  /** The loop adapter this crawl runs on. */
  get adapter(): LoopAdapter {
    if (!this.#adapter) this.#adapter = this.#options.adapter ?? resolveLoopAdapter(this.settings.get('LOOP_ADAPTER'));
    return this.#adapter;
  }

  /** The crawler's logger (name `skitter`). */
  get logger(): Logger {
    return this.#logger;
  }

  /** The LOG_LEVEL in force. */
  get logLevel(): LogLevel {
    return this.#logLevel;
  }

  /** True when records at `level` are emitted (hot paths skip building messages otherwise). */
  logLevelEnabled(level: LogLevel): boolean {
    return levelEnabled(level, this.#logLevel);
  }

  /** True while the crawl runs. */
  get crawling(): boolean {
    return this.#crawling;
  }

  /** A logger named `name` with this crawl's level and sink. */
  getLogger(name: string): Logger {
    return this.#logger.child(name);
  }

  /**
   * Runs the crawl and resolves when it finished (any finish reason). Spider arguments are
   * assigned to the spider as properties.
   * @throws {Error} if this crawler already crawled, or when the crawl cannot start (bad
   * settings, a component failing to build). Errors inside the crawl are logged and counted.
   */
  async crawl(args: Record<string, unknown> = {}): Promise<void> {
    if (this.#crawling || this.#spider) throw new Error('[skitter] Crawler.crawl: crawling already taking place; a Crawler runs once. Create a new Crawler (or use CrawlerRunner).');
    this.#crawling = true;
    try {
      const spider = new this.spiderClass();
      Object.assign(spider, args);
      this.#applySpiderSettings(spider);
      // Default components follow the adapter the crawl runs on, not the last entry imported.
      const platform = platformForAdapter(this.adapter);
      if (platform) this.settings.update(mergeBaseMaps(this.settings, platform.defaults), 'default');
      this.#spider = spider;
      spider.bindCrawler(this);
      this.#logLevel = parseLogLevel(this.settings.get<string>('LOG_LEVEL', 'DEBUG'));
      this.#logger = this.#makeLogger('skitter');
      this.settings.freeze();
      const adapter = this.adapter;
      this.#logger.info(`Crawling with ${spider} on the ${adapter.name} loop adapter`);
      this.#logOverridden();
      this.extensions = await this.#buildList<object>('EXTENSIONS', 'extensions');
      const engine = await this.#buildEngine();
      // start() is called only once the components exist: a scheduler may wrap it (the Redis
      // scheduler lets one worker seed the crawl and makes the others' start() yield nothing).
      const startOutput = startIterable(spider);
      this.#engine = engine;
      if (this.#pendingStop === 'forced') void engine.forceStop();
      else if (this.#pendingStop === 'graceful') void engine.stop();
      const start = engine.scraper.spidermw.processStart(startOutput, spider);
      await engine.openSpider(start);
      await engine.start();
    } finally {
      this.#crawling = false;
      // A crawl that failed before its engine existed (bad settings, a bad start()) has no stats.
      if (this.#engine && this.settings.getBool('STATS_DUMP')) this.#logger.info(`Dumping skitter stats:\n${formatStats(this.stats.getStats())}`);
    }
  }

  /**
   * Gracefully stops the crawl (finish reason `shutdown`): in-flight requests finish. Called while
   * the crawl starts (components being built, the spider opening), the stop is remembered and the
   * spider closes as soon as it is open. Resolves when the engine stopped (at once when no crawl
   * is running).
   */
  async stop(): Promise<void> {
    if (!this.#crawling) return;
    if (this.#engine) return this.#engine.stop();
    this.#pendingStop ??= 'graceful';
  }

  /**
   * Stops now (Scrapy's second Ctrl-C): nothing new is sent, downloads in flight and queued are
   * cancelled and not retried, and pipelines and feeds still close. Remembered like {@link stop}
   * while the crawl starts.
   */
  async forceStop(): Promise<void> {
    if (!this.#crawling) return;
    if (this.#engine) return this.#engine.forceStop();
    this.#pendingStop = 'forced';
  }

  #applySpiderSettings(spider: Spider): void {
    const custom = spider.customSettings ?? {};
    if (Object.hasOwn(custom, 'LOOP_ADAPTER')) {
      // As Scrapy with TWISTED_REACTOR: a spider may name the adapter the crawl already runs on.
      const { LOOP_ADAPTER: requested, ...rest } = custom;
      const adapter = this.adapter;
      if (!namesAdapter(requested, adapter)) {
        throw new SettingsError(`[skitter] ${spider.constructor.name}.customSettings: LOOP_ADAPTER ${describeAdapterSetting(requested)} differs from the ${adapter.name} adapter this crawl runs on; the loop adapter is process-wide (like Scrapy's TWISTED_REACTOR): set it in project settings or on the command line, or remove it from customSettings.`);
      }
      this.settings.update(rest, 'spider');
      return;
    }
    this.settings.update(custom, 'spider');
  }

  async #buildEngine(): Promise<ExecutionEngine> {
    const s = this.settings;
    const dmws = await this.#buildList<DownloaderMiddleware>('DOWNLOADER_MIDDLEWARES', 'downloader middlewares');
    const smws = await this.#buildList<SpiderMiddleware>('SPIDER_MIDDLEWARES', 'spider middlewares');
    const pipelines = await this.#buildList<ItemPipeline>('ITEM_PIPELINES', 'item pipelines');
    const handlers = new DownloadHandlers(this);
    await handlers.open();
    const downloaderSpec = s.get<ComponentSpec<DownloaderLike> | null>('DOWNLOADER');
    const downloader = downloaderSpec
      ? await requireBuilt(downloaderSpec, this, 'DOWNLOADER')
      : new Downloader(this, new DownloaderMiddlewareManager(this, dmws), handlers);
    const schedulerSpec = s.get<ComponentSpec<SchedulerLike> | null>('SCHEDULER');
    const scheduler = schedulerSpec ? await requireBuilt(schedulerSpec, this, 'SCHEDULER') : new Scheduler(this);
    // The scraper and the engine refer to each other: the scraper only needs crawl/closeSpider.
    let engine: ExecutionEngine | undefined;
    const toEngine = {
      crawl: (request: Parameters<ExecutionEngine['crawl']>[0], parent?: Parameters<ExecutionEngine['crawl']>[1]) => engine!.crawl(request, parent),
      closeSpider: (reason: string) => engine!.closeSpider(reason),
    };
    const scraper = new Scraper(this, toEngine, new SpiderMiddlewareManager(this, smws), new ItemPipelineManager(this, pipelines));
    engine = new ExecutionEngine(this, { scheduler, downloader, scraper });
    return engine;
  }

  async #buildList<T extends object>(key: string, label: string): Promise<T[]> {
    const s = this.settings;
    const base = s.getDict(`${key}_BASE`) as ComponentMap<T>;
    const custom = s.getDict(key) as ComponentMap<T>;
    const built = await buildComponentList(base, custom, this);
    const names = built.map((c) => componentName(c));
    this.#logger.info(`Enabled ${label}:\n[${names.map((n) => `'${n}'`).join(',\n ')}]`);
    return built;
  }

  #logOverridden(): void {
    const overridden: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this.settings.toObject())) {
      const p = this.settings.getPriority(key) ?? 0;
      if (p > 0 && !key.endsWith('_BASE') && typeof value !== 'object' && typeof value !== 'function') overridden[key] = value;
    }
    if (Object.keys(overridden).length > 0) this.#logger.info(`Overridden settings:\n${JSON.stringify(overridden, null, 1)}`);
  }

  #makeLogger(name: string): Logger {
    const enabled = this.settings.getBool('LOG_ENABLED', true);
    const sink: LogSink | undefined = enabled ? (this.#options.logSink ?? defaultSink) : () => {};
    return createLogger(name, {
      level: this.#logLevel,
      ...(sink ? { sink } : {}),
      onRecord: (r) => this.stats.incValue(`log_count/${r.level}`),
    });
  }
}

/**
 * The spider's `start()` output, which must be an async iterable (Scrapy's `async def start()`).
 * Checked before anything is built or sent: a sync generator would otherwise be converted
 * silently by the default spider middlewares, and fail with a raw TypeError without them.
 * @throws {InvalidOutputError} naming the spider and the fix.
 */
function startIterable(spider: Spider): AsyncIterable<unknown> {
  const output: unknown = spider.start();
  if (isAsyncIterable(output)) return output;
  const got = Object.prototype.toString.call(output) === '[object Generator]' ? 'a sync generator (*start())'
    : isOutputIterable(output) ? 'a sync iterable' : describeValue(output);
  throw new InvalidOutputError(`[skitter] ${spider.constructor.name} (spider ${JSON.stringify(spider.name)}): start() must be an async generator, got ${got}; declare it as \`async *start() { ... }\`.`);
}

/** True when a customSettings LOOP_ADAPTER value designates `adapter`. */
function namesAdapter(value: unknown, adapter: LoopAdapter): boolean {
  if (value == null || value === 'auto') return true;
  if (typeof value === 'string') return value === adapter.name;
  if (typeof value === 'function') return adapter instanceof (value as abstract new () => LoopAdapter);
  return value === adapter;
}

function describeAdapterSetting(value: unknown): string {
  if (typeof value === 'function') return value.name || 'class';
  if (value && typeof value === 'object' && typeof (value as LoopAdapter).name === 'string') return `(a ${(value as LoopAdapter).name} adapter instance)`;
  return JSON.stringify(value);
}

let defaultSink: LogSink | undefined;
/** Sets the sink used by crawlers created without `logSink` (the CLI installs its own). */
export function setDefaultLogSink(sink: LogSink | undefined): void {
  defaultSink = sink;
}

/** A platform's *_BASE maps add to the built-in ones instead of replacing them. */
function mergeBaseMaps(current: Settings, defaults: SettingsInput): SettingsInput {
  const out: SettingsInput = {};
  for (const [key, value] of Object.entries(defaults)) {
    const base = current.get<unknown>(key);
    const mergeable = key.endsWith('_BASE') && value && typeof value === 'object' && base && typeof base === 'object';
    out[key] = mergeable ? { ...(base as object), ...(value as object) } : value;
  }
  return out;
}

async function requireBuilt<T extends object>(spec: ComponentSpec<T>, crawler: Crawler, key: string): Promise<T> {
  const built = await buildComponent(spec, crawler);
  if (!built) throw new SettingsError(`[skitter] ${key}: ${componentName(spec)} raised NotConfigured; the crawl cannot run without it.`);
  return built;
}

/** Stats as Scrapy prints them: one `'key': value` per line, sorted. */
export function formatStats(stats: Record<string, unknown>): string {
  const lines = Object.entries(stats).map(([k, v]) => ` '${k}': ${typeof v === 'string' ? `'${v}'` : JSON.stringify(v)}`);
  return `{${lines.join(',\n').slice(1)}}`;
}
