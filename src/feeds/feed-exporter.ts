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
import { expandFeedUri, feedUriScheme } from './feed-uri.ts';
import { createFeedStorage, type FeedStorage, type FeedStorageSpec } from './storages/storage.ts';

/** The part of the Crawler the feed exports use. */
export interface FeedExportCrawler {
  settings: Pick<Settings, 'get' | 'getDict' | 'getBool' | 'getInt'>;
  signals: Pick<SignalManager, 'connect' | 'sendAsync'>;
  stats: Pick<StatsCollector, 'incValue'>;
  logger: Logger;
  /** Wall clock for `%(time)s`, in ms since the epoch. @default Date.now */
  adapter?: { wallClock(): number };
}

/**
 * The feed exports extension (Scrapy's `scrapy.extensions.feedexport.FeedExporter`): writes the
 * scraped items to every FEEDS entry as they are scraped.
 *
 * Settings: FEEDS (`{ uri: FeedOptions }`), FEED_EXPORT_FIELDS, FEED_EXPORT_INDENT,
 * FEED_EXPORT_ENCODING, FEED_STORE_EMPTY (per-feed keys override them), FEED_EXPORTERS (merged
 * over the built-in formats json, jsonlines/jsonl/jl, csv, xml) and FEED_STORAGES (scheme ->
 * storage; the entry files fill it with the platform's storages: '' and file, stdout in Node;
 * idb, blob, memory in web builds). URIs may use `%(name)s`, `%(time)s` and any `%(attr)s` of the
 * spider.
 *
 * Logs `Stored <format> feed (<n> items) in: <uri>` per feed and counts
 * `feedexport/success_count/<Storage>` or `feedexport/failed_count/<Storage>`.
 * @see https://docs.scrapy.org/en/latest/topics/feed-exports.html
 * @throws {NotConfigured} when FEEDS is empty.
 * @throws {SettingsError} for a FEEDS entry with an unknown format or storage scheme.
 * @example
 * EXTENSIONS: { FeedExportExtension: { use: FeedExportExtension, order: 0 } },
 * FEEDS: { 'out/%(name)s-%(time)s.jsonl': { format: 'jsonlines' } }
 */
export class FeedExportExtension {
  #crawler: FeedExportCrawler;
  #feeds: Array<[string, FeedOptions]>;
  #exporters: Record<string, FeedExporterClass>;
  #storages: Record<string, FeedStorageSpec>;
  #slots: FeedSlot[] = [];

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
    for (const [uri, options] of this.#feeds) this.#check(uri, options);
    crawler.signals.connect(signals.spiderOpened, ({ spider }) => this.openFeeds(spider));
    crawler.signals.connect(signals.itemScraped, ({ item }) => this.exportItem(item));
    crawler.signals.connect(signals.spiderClosed, () => this.closeFeeds());
  }

  /**
   * Creates and opens every feed (the `spider_opened` handler). A feed whose storage fails to open
   * is logged and reported as failed at close; the others go on.
   * @throws {SettingsError} when a URI placeholder names a missing spider attribute.
   */
  async openFeeds(spider: object): Promise<void> {
    const settings = this.#crawler.settings;
    const now = this.#crawler.adapter ? this.#crawler.adapter.wallClock() : Date.now();
    const slots = this.#feeds.map(([rawUri, options]) => {
      const uri = expandFeedUri(rawUri, spider, now);
      const Exporter = this.#exporters[options.format]!;
      const exporter = new Exporter({
        fields: options.fields !== undefined ? options.fields : normalizeFields(settings.get('FEED_EXPORT_FIELDS')),
        indent: options.indent !== undefined ? options.indent : settings.getInt('FEED_EXPORT_INDENT'),
        encoding: options.encoding !== undefined ? options.encoding : settings.get<string | null>('FEED_EXPORT_ENCODING', null),
      });
      const overwrite = options.overwrite ?? false;
      const storage: FeedStorage = options.storage ?? createFeedStorage(this.#storages[feedUriScheme(uri)]!, uri, { overwrite, feedOptions: options });
      return new FeedSlot({
        uri,
        format: options.format,
        exporter,
        storage,
        storeEmpty: options.store_empty ?? settings.getBool('FEED_STORE_EMPTY'),
        itemClasses: options.item_classes,
        itemFilter: options.item_filter,
      });
    });
    this.#slots = slots;
    await Promise.all(slots.map(async (slot) => {
      try {
        await slot.open();
      } catch (error) {
        slot.error = error;
        this.#crawler.logger.error(`Error opening ${slot.format} feed in: ${slot.uri}`, error);
      }
    }));
  }

  /**
   * Exports an item to every feed (the `item_scraped` handler). Returns a promise only when some
   * feed wrote to its storage.
   * @throws {TypeError} when the item is not an object.
   */
  exportItem(item: unknown): Promise<unknown> | undefined {
    let pending: Promise<void>[] | undefined;
    for (const slot of this.#slots) {
      const p = slot.exportItem(item);
      if (p) (pending ??= []).push(p);
    }
    if (!pending) return undefined;
    return pending.length === 1 ? pending[0] : Promise.all(pending);
  }

  /** Finishes and closes every feed (the `spider_closed` handler); never throws. */
  async closeFeeds(): Promise<void> {
    const slots = this.#slots;
    this.#slots = [];
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
