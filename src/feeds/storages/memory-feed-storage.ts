import type { FeedStorage, FeedStorageOptions, FeedWriter } from './storage.ts';

/** Options of the `memory:` storage, given as the `memory` key of a FEEDS entry. */
export interface MemoryFeedOptions {
  /** Called with each chunk as it is written (after the feed's buffering). */
  onChunk?: (chunk: string, uri: string) => void;
  /** Called once with the whole feed text when the feed closes. */
  onClose?: (text: string, uri: string) => void;
}

/**
 * Keeps a feed's text in memory (scheme `memory:`, e.g. `memory:results`): for tests and small
 * crawls in pages. The text is held whole, so prefer `createItemStream()`, `blob:` or `idb:` for
 * large crawls. Reopening the same instance appends unless `overwrite` is true.
 * @see Scrapy's in-memory feed storages used in its tests (no public Scrapy equivalent)
 * @example
 * FEEDS: { 'memory:out': { format: 'json', memory: { onClose: (text) => render(JSON.parse(text)) } } }
 */
export class MemoryFeedStorage implements FeedStorage {
  #uri: string;
  #overwrite: boolean;
  #options: MemoryFeedOptions;
  #chunks: string[] = [];

  constructor(uri: string, options: FeedStorageOptions) {
    this.#uri = uri;
    this.#overwrite = options.overwrite;
    this.#options = options.feedOptions.memory ?? {};
  }

  /** Everything written so far. */
  get text(): string {
    return this.#chunks.join('');
  }

  async open(): Promise<FeedWriter> {
    if (this.#overwrite) this.#chunks = [];
    return {
      write: (chunk) => {
        this.#chunks.push(chunk);
        this.#options.onChunk?.(chunk, this.#uri);
      },
      close: async () => {
        this.#options.onClose?.(this.text, this.#uri);
      },
    };
  }
}
