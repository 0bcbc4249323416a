/**
 * The storage side of feed exports: where the exporters' text goes.
 * @see https://docs.scrapy.org/en/latest/topics/feed-exports.html#storages
 * @module
 */
import type { MaybePromise } from '../../utils/maybe-async.ts';
import type { FeedOptions } from '../feed-options.ts';

/**
 * How much text (in UTF-16 code units, about bytes for ASCII) a feed gathers before it calls
 * {@link FeedWriter.write}, unless the writer asks for another amount with `bufferChars`.
 */
export const DEFAULT_FEED_BUFFER_CHARS = 64 * 1024;

/** An open feed: text chunks go in, in order; `close()` makes the feed complete. */
export interface FeedWriter {
  /**
   * Writes a chunk. Returning a promise applies backpressure: the feed waits for it before the next
   * write, and the item that triggered the write waits too.
   */
  write(chunk: string): MaybePromise<void>;
  /**
   * Writes bytes as they are (no encoding), with the same backpressure as `write`. Only storages
   * that have it can take post-processed (e.g. gzip) feeds.
   */
  writeBytes?(chunk: Uint8Array): MaybePromise<void>;
  /** Flushes and releases what the writer holds. Called once, after the last write. */
  close(): Promise<void>;
  /**
   * How much text the feed gathers before each `write`; 0 writes each item's text at once (live
   * views).
   * @default DEFAULT_FEED_BUFFER_CHARS
   */
  readonly bufferChars?: number;
  /**
   * Resolves when everything written so far reached the operating system, so a process killed
   * afterwards (SIGKILL) loses none of it. Absent: writes are taken as done when `write` settles.
   * A distributed crawl waits for it before acknowledging the requests whose items were written.
   */
  written?(): Promise<void>;
}

/**
 * A feed storage: opened once per feed when the spider opens (or at the first item when
 * `store_empty` is false). Constructing it must do no I/O.
 * @see Scrapy's `IFeedStorage`
 */
export interface FeedStorage {
  /** Opens the target. @throws when it cannot be opened (the feed is then logged as failed). */
  open(): Promise<FeedWriter>;
  /**
   * Checks, when the crawl starts, that the target can be written, without creating the feed
   * (the file storage creates parent folders and probes the file). A crawl whose feed fails this
   * check does not start.
   * @throws an error saying why the target cannot be written.
   */
  prepare?(): Promise<void>;
}

/** What a storage is constructed with. */
export interface FeedStorageOptions {
  /** Replace the target (true, `-O`) or append to it (false, `-o`). */
  overwrite: boolean;
  /** The feed's FEEDS entry (storage-specific keys included). */
  feedOptions: FeedOptions;
}

/** A storage class, built with `new Storage(uri, options)`. */
export type FeedStorageClass = new (uri: string, options: FeedStorageOptions) => FeedStorage;

/** A storage factory object, for storages that need more than a URI (e.g. an injected stream). */
export interface FeedStorageFactory {
  create(uri: string, options: FeedStorageOptions): FeedStorage;
}

/** A FEED_STORAGES value: a class or a factory object. `null` disables a default scheme. */
export type FeedStorageSpec = FeedStorageClass | FeedStorageFactory;

/** Builds a storage from a FEED_STORAGES value. */
export function createFeedStorage(spec: FeedStorageSpec, uri: string, options: FeedStorageOptions): FeedStorage {
  return typeof spec === 'function' ? new spec(uri, options) : spec.create(uri, options);
}
