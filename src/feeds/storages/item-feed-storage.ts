import { isPromiseLike, type MaybePromise } from '../../utils/maybe-async.ts';
import type { FeedStorage, FeedWriter } from './storage.ts';

/** Options of {@link ItemFeedStorage}. */
export interface ItemFeedStorageOptions {
  /** Receives each exported item as it is scraped; a returned promise holds the crawl's item back until it settles. */
  onItem: (item: unknown) => MaybePromise<void>;
  /** Called when the feed closes (the spider closed), with the number of items delivered. */
  onClose?: (itemCount: number) => void;
}

/**
 * A callback storage for UIs: hands each exported item to `onItem` as soon as it is scraped
 * (nothing is buffered). It must be used with the 'jsonlines' format, given as the `storage` of a
 * FEEDS entry; items arrive as the JSON the feed would contain (fields selected, plain data that
 * can be posted to another thread), not as the spider's objects.
 * `createItemStream()` builds one for you with an async iterator on top.
 * @example
 * FEEDS: { 'memory:ui': { format: 'jsonlines', storage: new ItemFeedStorage({ onItem: (item) => table.add(item) }) } }
 */
export class ItemFeedStorage implements FeedStorage {
  #options: ItemFeedStorageOptions;

  constructor(options: ItemFeedStorageOptions) {
    this.#options = options;
  }

  async open(): Promise<FeedWriter> {
    let count = 0;
    return {
      bufferChars: 0,
      write: (chunk) => {
        let pending: Promise<void> | undefined;
        for (const line of chunk.split('\n')) {
          if (line === '') continue;
          const item: unknown = JSON.parse(line);
          count += 1;
          const onItem = this.#options.onItem;
          pending = pending ? pending.then(() => onItem(item)) : toPromise(onItem(item));
        }
        return pending;
      },
      close: async () => {
        this.#options.onClose?.(count);
      },
    };
  }
}

function toPromise(value: MaybePromise<void>): Promise<void> | undefined {
  return isPromiseLike(value) ? Promise.resolve(value) : undefined;
}
