import { isPromiseLike } from '../utils/maybe-async.ts';
import type { FeedExporter } from './exporters/exporter.ts';
import type { ItemClass } from './feed-options.ts';
import { DEFAULT_FEED_BUFFER_CHARS, type FeedStorage, type FeedWriter } from './storages/storage.ts';

/** What a {@link FeedSlot} is made of. */
export interface FeedSlotOptions {
  /** The expanded URI (for messages). */
  uri: string;
  format: string;
  exporter: FeedExporter;
  storage: FeedStorage;
  storeEmpty: boolean;
  itemClasses?: readonly ItemClass[] | undefined;
  itemFilter?: ((item: unknown) => boolean) | undefined;
  /** Wraps the storage's writer once it is open (post-processing plugins). */
  wrapWriter?: ((writer: FeedWriter) => FeedWriter) | undefined;
  /** Called once, with the first storage error (opening or writing). */
  onError?: ((error: unknown) => void) | undefined;
}

/**
 * One feed being written: the exporter's text is gathered up to the writer's `bufferChars`
 * (64 K by default), or until {@link flush} (the feed exporter calls it every second and when the
 * crawl is idle), then written; writes are chained in order, always end on an item boundary, and
 * their backpressure is passed on to the item that triggered them. The storage is opened at spider open when `store_empty` is set,
 * else at the first item, so an empty feed leaves no file behind.
 * @see Scrapy's `FeedSlot`
 */
export class FeedSlot {
  readonly uri: string;
  readonly format: string;
  readonly storage: FeedStorage;
  /** Items exported so far. */
  itemCount = 0;
  /** The first storage error (the feed then stops writing and is reported as failed). */
  error: unknown;

  #options: FeedSlotOptions;
  #writer: FeedWriter | undefined;
  #opening: Promise<FeedWriter> | undefined;
  #started = false;
  #buffer: string[] = [];
  #buffered = 0;
  #threshold = DEFAULT_FEED_BUFFER_CHARS;
  #tail: Promise<void> = Promise.resolve();

  constructor(options: FeedSlotOptions) {
    this.#options = options;
    this.uri = options.uri;
    this.format = options.format;
    this.storage = options.storage;
  }

  /** Opens the storage now when the feed is stored even if empty. @throws what the storage throws */
  async open(): Promise<void> {
    if (this.#options.storeEmpty) await this.#ensureWriter();
  }

  /** True if the item passes `item_classes` and `item_filter`. */
  accepts(item: unknown): boolean {
    const classes = this.#options.itemClasses;
    if (classes && classes.length > 0 && !classes.some((c) => item instanceof c)) return false;
    const filter = this.#options.itemFilter;
    return filter ? filter(item) : true;
  }

  /**
   * Exports an item (if accepted). Returns a promise only when a write happened, so most items cost
   * no promise at all.
   */
  exportItem(item: unknown): Promise<void> | undefined {
    if (this.error !== undefined || !this.accepts(item)) return undefined;
    if (!this.#started) {
      this.#started = true;
      this.#append(this.#options.exporter.start());
    }
    this.#append(this.#options.exporter.exportItem(item));
    this.itemCount += 1;
    // The first item is written at once (opening a lazily opened storage): open and write errors,
    // such as a full disk, surface with it rather than a buffer later.
    return this.#buffered >= this.#threshold || this.itemCount === 1 ? this.#flush() : undefined;
  }

  /**
   * Finishes and closes the feed. Resolves to false when nothing was stored (no item and
   * `store_empty` false).
   * @throws the storage's error when the feed could not be written.
   */
  async close(): Promise<boolean> {
    if (this.error !== undefined) throw this.error;
    if (!this.#started) {
      if (!this.#options.storeEmpty) return false;
      this.#started = true;
      this.#append(this.#options.exporter.start());
    }
    this.#append(this.#options.exporter.finish());
    await this.#flush();
    if (this.error !== undefined) throw this.error;
    const writer = await this.#ensureWriter();
    await writer.close();
    return true;
  }

  /**
   * Writes the text gathered so far, if any (a no-op before the first item), and resolves when it
   * reached the storage (the operating system, for storages with `written()`): items exported
   * before the call survive a killed process.
   */
  async flush(): Promise<void> {
    if (this.#buffered > 0 && this.error === undefined) await this.#flush();
    else await this.#tail;
    await this.#writer?.written?.();
  }

  #append(chunk: string): void {
    if (chunk === '') return;
    this.#buffer.push(chunk);
    this.#buffered += chunk.length;
  }

  #flush(): Promise<void> {
    const text = this.#buffer.join('');
    this.#buffer = [];
    this.#buffered = 0;
    this.#tail = this.#tail.then(async () => {
      if (this.error !== undefined || text === '') return;
      try {
        const writer = this.#writer ?? (await this.#ensureWriter());
        const r = writer.write(text);
        if (isPromiseLike(r)) await r;
      } catch (error) {
        if (this.error !== undefined) return;
        this.error = error;
        this.#options.onError?.(error);
      }
    });
    return this.#tail;
  }

  #ensureWriter(): Promise<FeedWriter> {
    this.#opening ??= this.storage.open().then((opened) => {
      const writer = this.#options.wrapWriter ? this.#options.wrapWriter(opened) : opened;
      this.#writer = writer;
      this.#threshold = writer.bufferChars ?? DEFAULT_FEED_BUFFER_CHARS;
      return writer;
    });
    return this.#opening;
  }
}
