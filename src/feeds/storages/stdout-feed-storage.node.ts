import type { FeedStorage, FeedStorageOptions, FeedWriter } from './storage.ts';
import { streamWriter, type WritableLike } from './stream-writer.node.ts';

/** Options of {@link StdoutFeedStorage} beyond the storage ones. */
export interface StdoutFeedStorageOptions extends FeedStorageOptions {
  /** Where to write. The stream is never ended (it is not the feed's). @default process.stdout */
  stream?: WritableLike;
}

/**
 * Standard output (Node): URI `stdout:` or `-` (`-o -:jsonlines`). Writes respect the stream's
 * backpressure; the stream is not closed. Overwriting has no meaning here and is ignored, as in
 * Scrapy.
 * @see Scrapy's `StdoutFeedStorage`
 * @example
 * // capture in a test: FEED_STORAGES: { stdout: { create: (uri, o) => new StdoutFeedStorage(uri, { ...o, stream }) } }
 */
export class StdoutFeedStorage implements FeedStorage {
  #stream: WritableLike;

  constructor(_uri: string, options: StdoutFeedStorageOptions) {
    this.#stream = options.stream ?? process.stdout;
  }

  async open(): Promise<FeedWriter> {
    return streamWriter(this.#stream, false);
  }
}
