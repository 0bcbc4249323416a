/**
 * The options of one feed: a value of the FEEDS setting.
 * @see https://docs.scrapy.org/en/latest/topics/feed-exports.html#feeds
 * @module
 */
import type { BlobFeedOptions } from './storages/blob-feed-storage.ts';
import type { MemoryFeedOptions } from './storages/memory-feed-storage.ts';
import type { ItemFilterSpec } from './item-filter.ts';
import type { FeedPostProcessingPluginClass } from './postprocessing.ts';
import type { FeedStorage } from './storages/storage.ts';

/**
 * The fields to export and their order: a list of field names, or a map of field name -> output
 * name (the column header / JSON key written), as Scrapy's FEED_EXPORT_FIELDS.
 */
export type FeedFields = readonly string[] | Readonly<Record<string, string>>;

/** A class an exported item may be an instance of (for `item_classes`). */
export type ItemClass = abstract new (...args: never[]) => unknown;

/**
 * One FEEDS entry, keyed by its URI in the setting:
 * `FEEDS: { 'items-%(name)s.jsonl': { format: 'jsonlines', overwrite: true } }`.
 * Keys keep Scrapy's snake_case names; unset keys fall back to the FEED_* settings.
 * @see Scrapy's feed options (`scrapy.extensions.feedexport`)
 */
export interface FeedOptions {
  /** Exporter name: 'json', 'jsonlines' (alias 'jsonl', 'jl'), 'csv', 'xml' or a FEED_EXPORTERS key. */
  format: string;
  /**
   * Whether to replace an existing feed (`-O`) rather than append to it (`-o`). Storages that cannot
   * append (blob:, memory:) always start empty.
   * @default false
   */
  overwrite?: boolean;
  /** Text encoding. null or 'ascii' makes JSON escape non-ASCII characters. @default FEED_EXPORT_ENCODING */
  encoding?: string | null;
  /** Fields to export, in order. @default FEED_EXPORT_FIELDS (null: every field, in insertion order) */
  fields?: FeedFields | null;
  /** Pretty-printing width for JSON and XML, in spaces. @default FEED_EXPORT_INDENT */
  indent?: number | null;
  /** Write the feed (e.g. `[]` for JSON) even when no item was exported. @default FEED_STORE_EMPTY */
  store_empty?: boolean;
  /** Only export items that are instances of one of these classes. @default every item */
  item_classes?: readonly ItemClass[];
  /**
   * Which items go to this feed: a function `(item) => boolean` (applied after `item_classes`), or
   * Scrapy's way, an {@link ItemFilter} subclass (built with these options; its `accepts(item)`
   * decides, the base class applying `item_classes`) or an object with `accepts`.
   * @default every item (of `item_classes`)
   */
  item_filter?: ItemFilterSpec;
  /**
   * Start a new file every this many items (Scrapy's batch feeds); the URI must then contain
   * `%(batch_id)d` (1, 2, 3..., `%(batch_id)05d` pads) or `%(batch_time)s`. 0 disables.
   * @default FEED_EXPORT_BATCH_ITEM_COUNT
   */
  batch_item_count?: number;
  /**
   * Post-processing plugins the feed's bytes go through, in order: `'gzip'` (or {@link GzipPlugin})
   * or plugin classes. The storage must take bytes (file, stdout, blob). Post-processed feeds are
   * UTF-8.
   * @default none
   */
  postprocessing?: ReadonlyArray<string | FeedPostProcessingPluginClass>;
  /** Scrapy's GzipPlugin level, 0-9: taken by `NodeGzipPlugin` (Node); the runtime-neutral GzipPlugin refuses it. @default 9 */
  gzip_compresslevel?: number;
  /** Scrapy's GzipPlugin mtime; refused as `gzip_compresslevel`. */
  gzip_mtime?: number;
  /** Scrapy's GzipPlugin file name; refused as `gzip_compresslevel`. */
  gzip_filename?: string;
  /**
   * A ready storage for this feed, used instead of the FEED_STORAGES entry for the URI's scheme
   * (see `createItemStream()` and `ItemFeedStorage`). Not a Scrapy key.
   */
  storage?: FeedStorage;
  /** Options of the `blob:` storage ({@link BlobFeedOptions}). */
  blob?: BlobFeedOptions;
  /** Options of the `memory:` storage ({@link MemoryFeedOptions}). */
  memory?: MemoryFeedOptions;
}
