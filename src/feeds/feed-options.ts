/**
 * The options of one feed: a value of the FEEDS setting.
 * @see https://docs.scrapy.org/en/latest/topics/feed-exports.html#feeds
 * @module
 */
import type { BlobFeedOptions } from './storages/blob-feed-storage.ts';
import type { MemoryFeedOptions } from './storages/memory-feed-storage.ts';
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
  /** Only export items for which this returns true (applied after `item_classes`). @default every item */
  item_filter?: (item: unknown) => boolean;
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
