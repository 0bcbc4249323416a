import type { Logger } from '../core/log.ts';
import type { Settings } from '../core/settings/settings.ts';
import { signals, type SignalManager } from '../core/signals.ts';
import type { StatsCollector } from '../core/stats.ts';
import { NotConfigured } from '../errors/not-configured.ts';
import { SettingsError } from '../errors/settings-error.ts';
import { BUILTIN_FEED_EXPORTERS } from './exporters/builtin-exporters.ts';
import type { FeedExporterClass } from './exporters/exporter.ts';
import type { FeedFields, FeedOptions } from './feed-options.ts';
import { FeedSlot } from './feed-slot.ts';
import { expandFeedUri, feedUriScheme, hasBatchPlaceholder, type FeedUriParamsFunction } from './feed-uri.ts';
import { itemFilterOf } from './item-filter.ts';
import { checkPostProcessingEncoding, GzipPlugin, postProcessedWriter, resolvePostProcessing, type FeedPostProcessingPluginClass } from './postprocessing.ts';
import { createFeedStorage, type FeedStorage, type FeedStorageSpec } from './storages/storage.ts';
import { itemPreview } from './item-preview.ts';

/** One FEEDS entry while the spider runs: its current file (slot) and batch. */
interface FeedState {
  rawUri: string;
  options: FeedOptions;
  /** Items per file; 0: one file. */
  batchSize: number;
  batchId: number;
  plugins: FeedPostProcessingPluginClass[];
  itemFilter: ((item: unknown) => boolean) | undefined;
  slot: FeedSlot;
}

/** The part of the Crawler the feed exports use. */
export interface FeedExportCrawler {
  settings: Pick<Settings, 'get' | 'getDict' | 'getBool' | 'getInt'>;
  signals: Pick<SignalManager, 'connect' | 'sendAsync'>;
  stats: Pick<StatsCollector, 'incValue'>;
  logger: Logger;
  /**
   * Wall clock for `%(time)s`, in ms since the epoch (@default Date.now), and the timer that
   * flushes the feeds every {@link FEED_FLUSH_INTERVAL_MS} (none without it).
   */
  adapter?: { wallClock(): number; loopingCall?(intervalMs: number, fn: () => void): { cancel(): void } };
  /** The spider, for `%(name)s` placeholders in the start-up check of the feed targets. */
  readonly spider?: object;
  /** Closes the spider when a feed cannot be written (none: the crawl goes on). */
  readonly engine?: { closeSpider(reason: string): Promise<void> };
}

/**
 * Most ms a scraped item waits in a feed's buffer before it is written: a `kill -9` loses at most
 * this much of a slow crawl's items. The feeds are also flushed when the crawl is idle.
 */
export const FEED_FLUSH_INTERVAL_MS = 1_000;

/**
 * The feed exports extension (Scrapy's `scrapy.extensions.feedexport.FeedExporter`): writes the
 * scraped items to every FEEDS entry as they are scraped.
 *
 * Settings: FEEDS (`{ uri: FeedOptions }`), FEED_EXPORT_FIELDS, FEED_EXPORT_INDENT,
 * FEED_EXPORT_ENCODING, FEED_STORE_EMPTY (per-feed keys override them), FEED_EXPORTERS (merged
 * over the built-in formats json, jsonlines/jsonl/jl, csv, xml) and FEED_STORAGES (scheme ->
 * storage; the entry files fill it with the platform's storages: '' and file, stdout in Node;
 * idb, blob, memory in web builds). URIs may use `%(name)s`, `%(time)s` and any `%(attr)s` of the
 * spider, filtered through FEED_URI_PARAMS. FEED_EXPORT_BATCH_ITEM_COUNT (or a feed's
 * `batch_item_count`) starts a new file every N items, named by `%(batch_id)d` / `%(batch_time)s`.
 * A feed's `postprocessing` (e.g. `['gzip']`) transforms its bytes before the storage.
 *
 * Logs `Stored <format> feed (<n> items) in: <uri>` per feed and counts
 * `feedexport/success_count/<Storage>` or `feedexport/failed_count/<Storage>`.
 *
 * Reliability: items are written at least every {@link FEED_FLUSH_INTERVAL_MS} and when the crawl
 * is idle, always whole; built through `fromCrawler` (as EXTENSIONS does), it refuses at start a
 * feed its storage cannot write (`prepare()`); a write error during the crawl is logged at once and
 * closes the spider with finish reason `feed_error: <uri>`.
 * @see https://docs.scrapy.org/en/latest/topics/feed-exports.html
 * @throws {NotConfigured} when FEEDS is empty.
 * @throws {SettingsError} for a FEEDS entry with an unknown format or storage scheme, or (from
 * `fromCrawler`) a target that cannot be written.
 * @example
 * EXTENSIONS: { FeedExportExtension: { use: FeedExportExtension, order: 0 } },
 * FEEDS: { 'out/%(name)s-%(time)s.jsonl': { format: 'jsonlines' } }
 */
export class FeedExportExtension {
  #crawler: FeedExportCrawler;
  #feeds: Array<[string, FeedOptions]>;
  #exporters: Record<string, FeedExporterClass>;
  #storages: Record<string, FeedStorageSpec>;
  #states: FeedState[] = [];
  #spider: object | undefined;
  #uriParams: FeedUriParamsFunction | null;
  /** Batch files being closed while the crawl goes on. */
  #closing = new Set<Promise<void>>();
  #flushTimer: { cancel(): void } | undefined;

  /**
   * Builds the extension and checks that every feed's target can be written (the storages'
   * `prepare()`), so that a crawl never runs for a feed it cannot store.
   * @throws {SettingsError} naming the feed and the reason when a target cannot be written.
   */
  static async fromCrawler(crawler: FeedExportCrawler): Promise<FeedExportExtension> {
    const extension = new FeedExportExtension(crawler);
    await extension.#prepareStorages();
    return extension;
  }

  constructor(crawler: FeedExportCrawler) {
    this.#crawler = crawler;
    const settings = crawler.settings;
    this.#feeds = Object.entries(settings.getDict<FeedOptions>('FEEDS'));
    if (this.#feeds.length === 0) throw new NotConfigured('FEEDS is empty');
    // A JOBDIR job writes FEEDS itself, exactly once, from what it commits (see src/jobs).
    if (settings.get('JOBDIR')) throw new NotConfigured('JOBDIR is set: the job writes the feeds');
    this.#exporters = withoutNulls({ ...BUILTIN_FEED_EXPORTERS, ...settings.getDict<FeedExporterClass | null>('FEED_EXPORTERS') });
    this.#storages = withoutNulls({
      ...settings.getDict<FeedStorageSpec | null>('FEED_STORAGES_BASE'),
      ...settings.getDict<FeedStorageSpec | null>('FEED_STORAGES'),
    });
    const uriParams = settings.get<unknown>('FEED_URI_PARAMS', null);
    if (uriParams != null && typeof uriParams !== 'function') {
      throw new SettingsError('[skitter] FeedExporter: FEED_URI_PARAMS must be a function (params, spider) => params, or null.');
    }
    this.#uriParams = (uriParams as FeedUriParamsFunction | null) ?? null;
    for (const [uri, options] of this.#feeds) this.#check(uri, options);
    crawler.signals.connect(signals.spiderOpened, ({ spider }) => this.openFeeds(spider));
    crawler.signals.connect(signals.itemScraped, ({ item }) => this.exportItem(item));
    crawler.signals.connect(signals.spiderIdle, () => {
      void this.flush();
    });
    crawler.signals.connect(signals.spiderClosed, () => this.closeFeeds());
  }

  /**
   * Creates and opens every feed (the `spider_opened` handler). A feed whose storage fails to open
   * is logged and reported as failed at close; the others go on.
   * @throws {SettingsError} when a URI placeholder names a missing spider attribute.
   */
  async openFeeds(spider: object): Promise<void> {
    const settings = this.#crawler.settings;
    this.#spider = spider;
    this.#states = this.#feeds.map(([rawUri, options]) => {
      const state: FeedState = {
        rawUri,
        options,
        batchSize: options.batch_item_count ?? settings.getInt('FEED_EXPORT_BATCH_ITEM_COUNT'),
        batchId: 1,
        plugins: resolvePostProcessing(rawUri, options.postprocessing),
        itemFilter: itemFilterOf(options),
        slot: undefined as unknown as FeedSlot,
      };
      state.slot = this.#newSlot(state);
      return state;
    });
    this.#flushTimer = this.#crawler.adapter?.loopingCall?.(FEED_FLUSH_INTERVAL_MS, () => {
      void this.flush();
    });
    await Promise.all(this.#states.map(async ({ slot }) => {
      try {
        await slot.open();
      } catch (error) {
        slot.error = error;
        this.#feedFailed(slot.uri, slot.format, error, 'opening');
      }
    }));
  }

  /** The slot of a feed's current batch (`state.batchId`). */
  #newSlot(state: FeedState): FeedSlot {
    const settings = this.#crawler.settings;
    const { options } = state;
    const now = this.#crawler.adapter ? this.#crawler.adapter.wallClock() : Date.now();
    const uri = expandFeedUri(state.rawUri, this.#spider!, now, { id: state.batchId, startedMs: now }, this.#uriParams);
    const Exporter = this.#exporters[options.format]!;
    const exporter = new Exporter({
      fields: options.fields !== undefined ? options.fields : normalizeFields(settings.get('FEED_EXPORT_FIELDS')),
      indent: options.indent !== undefined ? options.indent : settings.getInt('FEED_EXPORT_INDENT'),
      encoding: options.encoding !== undefined ? options.encoding : settings.get<string | null>('FEED_EXPORT_ENCODING', null),
    });
    const overwrite = options.overwrite ?? false;
    const storage: FeedStorage = options.storage ?? createFeedStorage(this.#storages[feedUriScheme(uri)]!, uri, { overwrite, feedOptions: options });
    const plugins = state.plugins;
    return new FeedSlot({
      uri,
      format: options.format,
      exporter,
      storage,
      // Later batches are only written when they get an item: no empty file after the last batch.
      storeEmpty: state.batchId === 1 && (options.store_empty ?? settings.getBool('FEED_STORE_EMPTY')),
      itemFilter: state.itemFilter,
      wrapWriter: plugins.length > 0 ? (writer) => postProcessedWriter(uri, writer, plugins, options) : undefined,
      onError: (error) => this.#feedFailed(uri, options.format, error),
    });
  }

  /**
   * Exports an item to every feed (the `item_scraped` handler). Returns a promise only when some
   * feed wrote to its storage. An item a feed's exporter cannot write (not an object, a cycle, a
   * bigint) is logged as an error naming the item and the feed, counted in
   * `feedexport/item_error_count`, and left out of that feed only.
   */
  exportItem(item: unknown): Promise<unknown> | undefined {
    let pending: Promise<void>[] | undefined;
    for (const state of this.#states) {
      const slot = state.slot;
      let p: Promise<void> | undefined;
      try {
        p = slot.exportItem(item);
      } catch (error) {
        // One item the exporter cannot write (a cycle, a bigint) must not hide which item and
        // which feed; the other feeds and the following items go on.
        this.#crawler.logger.error(`Error exporting item ${itemPreview(item)} to ${slot.format} feed in: ${slot.uri}: ${(error as Error).message?.split('\n')[0] ?? String(error)}`, error);
        this.#crawler.stats.incValue('feedexport/item_error_count');
        continue;
      }
      if (state.batchSize > 0 && slot.itemCount >= state.batchSize) {
        // The batch is full: the next item starts a new file, and this item waits until this one
        // is complete on its storage.
        state.batchId += 1;
        state.slot = this.#newSlot(state);
        const closing = (p ?? Promise.resolve()).then(() => this.#closeSlot(slot));
        this.#closing.add(closing);
        void closing.finally(() => this.#closing.delete(closing));
        p = closing;
      }
      if (p) (pending ??= []).push(p);
    }
    if (!pending) return undefined;
    return pending.length === 1 ? pending[0] : Promise.all(pending);
  }

  /**
   * Writes every feed's buffered items to its storage and resolves when they reached it (see
   * {@link FeedSlot.flush}): every second, when the crawl is idle, and, in a distributed crawl,
   * before requests are acknowledged, so a killed worker never has acknowledged items that were
   * only in its memory.
   */
  async flush(): Promise<void> {
    await Promise.all(this.#states.map((state) => state.slot.flush()));
  }

  /** Finishes and closes every feed (the `spider_closed` handler); never throws. */
  async closeFeeds(): Promise<void> {
    this.#flushTimer?.cancel();
    this.#flushTimer = undefined;
    const slots = this.#states.map((state) => state.slot);
    this.#states = [];
    await Promise.all([...this.#closing]);
    await Promise.all(slots.map((slot) => this.#closeSlot(slot)));
  }

  async #closeSlot(slot: FeedSlot): Promise<void> {
    const { logger, stats } = this.#crawler;
    const storageName = slot.storage.constructor.name || 'FeedStorage';
    let stored: boolean;
    try {
      stored = await slot.close();
    } catch (error) {
      logger.error(`Error storing ${slot.format} feed (${slot.itemCount} items) in: ${slot.uri}`, error);
      stats.incValue(`feedexport/failed_count/${storageName}`);
      return;
    }
    if (!stored) return;
    logger.info(`Stored ${slot.format} feed (${slot.itemCount} items) in: ${slot.uri}`);
    stats.incValue(`feedexport/success_count/${storageName}`);
    await this.#crawler.signals.sendAsync(signals.feedExporterClosed, { uri: slot.uri, itemCount: slot.itemCount });
  }

  /** A feed's storage failed: log it now and stop the crawl, so no more items are scraped for nothing. */
  #feedFailed(uri: string, format: string, error: unknown, doing = 'writing'): void {
    this.#crawler.logger.error(`Error ${doing} ${format} feed in: ${uri}; closing the spider`, error);
    void this.#crawler.engine?.closeSpider(`feed_error: ${uri}`);
  }

  async #prepareStorages(): Promise<void> {
    let spider: object | undefined;
    try {
      spider = this.#crawler.spider;
    } catch {
      // no spider yet (a crawler built by hand): placeholders are checked at open
    }
    const now = this.#crawler.adapter ? this.#crawler.adapter.wallClock() : Date.now();
    for (const [rawUri, options] of this.#feeds) {
      if (options.storage) continue;
      let uri: string;
      try {
        uri = spider ? expandFeedUri(rawUri, spider, now, undefined, this.#uriParams) : rawUri;
      } catch {
        continue; // a missing placeholder attribute: openFeeds reports it
      }
      const overwrite = options.overwrite ?? false;
      const storage = createFeedStorage(this.#storages[feedUriScheme(uri)]!, uri, { overwrite, feedOptions: options });
      try {
        await storage.prepare?.();
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw new SettingsError(`[skitter] FeedExporter: cannot write the ${options.format} feed ${uri} (FEEDS[${JSON.stringify(rawUri)}]): ${why}. Fix the path (-o / FEEDS) or its permissions.`);
      }
    }
  }

  #check(uri: string, options: FeedOptions): void {
    if (options === null || typeof options !== 'object' || typeof options.format !== 'string') {
      throw new SettingsError(`[skitter] FeedExporter: FEEDS[${JSON.stringify(uri)}] must be an object with a format, e.g. { format: 'jsonlines' }.`);
    }
    if (!this.#exporters[options.format]) {
      throw new SettingsError(
        `[skitter] FeedExporter: unknown feed format ${JSON.stringify(options.format)} for FEEDS[${JSON.stringify(uri)}]; ` +
          `known formats: ${Object.keys(this.#exporters).sort().join(', ')}. Add exporters with FEED_EXPORTERS.`,
      );
    }
    const batchSize = options.batch_item_count ?? this.#crawler.settings.getInt('FEED_EXPORT_BATCH_ITEM_COUNT');
    if (!Number.isInteger(batchSize) || batchSize < 0) {
      throw new SettingsError(`[skitter] FeedExporter: batch_item_count of FEEDS[${JSON.stringify(uri)}] must be a whole number >= 0 (0 disables batches), not ${JSON.stringify(batchSize)}.`);
    }
    if (batchSize > 0 && !hasBatchPlaceholder(uri)) {
      throw new SettingsError(
        `[skitter] FeedExporter: FEEDS[${JSON.stringify(uri)}] is split every ${batchSize} items (FEED_EXPORT_BATCH_ITEM_COUNT or batch_item_count), ` +
          'so its URI must contain %(batch_id)d or %(batch_time)s to name each file, e.g. items-%(batch_id)05d.jsonl.',
      );
    }
    const plugins = resolvePostProcessing(uri, options.postprocessing);
    if (plugins.length > 0) {
      if (plugins.includes(GzipPlugin)) GzipPlugin.checkOptions(options);
      const encoding = options.encoding !== undefined ? options.encoding : this.#crawler.settings.get<string | null>('FEED_EXPORT_ENCODING', null);
      checkPostProcessingEncoding(uri, encoding);
    }
    itemFilterOf(options);
    if (options.storage) return;
    const scheme = feedUriScheme(uri);
    if (!this.#storages[scheme]) {
      const known = Object.keys(this.#storages).sort().map((s) => (s === '' ? "'' (plain paths)" : s));
      throw new SettingsError(
        `[skitter] FeedExporter: no feed storage for ${scheme ? `the ${JSON.stringify(scheme)} scheme` : 'plain paths'} (FEEDS[${JSON.stringify(uri)}]); ` +
          `known schemes: ${known.length ? known.join(', ') : 'none'}. Node has file and stdout, web builds idb, blob and memory; add storages with FEED_STORAGES.`,
      );
    }
  }
}

/** FEED_EXPORT_FIELDS as fields: null, a list, a map, or a comma-separated string (`-s`). */
function normalizeFields(value: unknown): FeedFields | null {
  if (value == null || value === '') return null;
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  return value as FeedFields;
}

function withoutNulls<T>(map: Record<string, T | null | undefined>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(map)) if (v != null) out[k] = v;
  return out;
}
