import type { FeedFields, FeedOptions, ItemClass } from './feed-options.ts';
import { ItemFeedStorage } from './storages/item-feed-storage.ts';

/** Options of {@link createItemStream}. */
export interface ItemStreamOptions {
  /** The FEEDS key. @default a unique `memory:item-stream-<n>` */
  uri?: string;
  /**
   * How many items may wait for the consumer before the crawl's item processing pauses
   * (backpressure, as a stream's highWaterMark). Once the consumer stops iterating early, items are
   * dropped instead.
   * @default 1000
   */
  highWaterMark?: number;
  /** Fields to deliver, in order (as FEEDS `fields`). @default every field */
  fields?: FeedFields | null;
  /** Only deliver instances of these classes. */
  item_classes?: readonly ItemClass[];
  /** Only deliver items for which this returns true. */
  item_filter?: (item: unknown) => boolean;
}

/** A live stream of a crawl's items, made by {@link createItemStream}. */
export interface ItemStream {
  /** The FEEDS key of {@link ItemStream.feed}. */
  readonly uri: string;
  /** The FEEDS entry (format 'jsonlines' with an {@link ItemFeedStorage}). */
  readonly feed: FeedOptions;
  /** `{ [uri]: feed }`, to spread into FEEDS. */
  readonly feeds: Record<string, FeedOptions>;
  /**
   * The items, in the order they were scraped, ending when the spider closes. One consumer: the
   * items are taken from one queue.
   */
  readonly items: AsyncIterable<unknown>;
  /** Resolves with the number of items exported when the spider closes. */
  readonly done: Promise<number>;
}

let streamCount = 0;

/**
 * A FEEDS entry plus an async iterator of the crawl's items, for UIs: show items while the crawl
 * runs. Items arrive as JSON data (the same a jsonlines feed would contain).
 * @example
 * const stream = createItemStream();
 * const run = crawl(MySpider, { settings: { FEEDS: { ...stream.feeds } } });
 * for await (const item of stream.items) list.append(render(item));
 * await run;
 */
export function createItemStream(options: ItemStreamOptions = {}): ItemStream {
  const highWaterMark = Math.max(1, options.highWaterMark ?? 1000);
  const queue: unknown[] = [];
  let head = 0;
  let ended = false;
  let abandoned = false;
  let wakeConsumer: (() => void) | undefined;
  let wakeProducer: (() => void) | undefined;
  let resolveDone!: (count: number) => void;
  const done = new Promise<number>((resolve) => {
    resolveDone = resolve;
  });

  const wake = (): void => {
    const w = wakeConsumer;
    wakeConsumer = undefined;
    w?.();
  };
  const releaseProducer = (): void => {
    const w = wakeProducer;
    wakeProducer = undefined;
    w?.();
  };

  const storage = new ItemFeedStorage({
    onItem: (item) => {
      if (abandoned) return;
      queue.push(item);
      wake();
      if (queue.length - head < highWaterMark) return;
      return new Promise<void>((resolve) => {
        wakeProducer = resolve;
      });
    },
    onClose: (count) => {
      ended = true;
      wake();
      resolveDone(count);
    },
  });

  const items: AsyncIterable<unknown> = {
    [Symbol.asyncIterator]: () => ({
      next: async (): Promise<IteratorResult<unknown>> => {
        while (head === queue.length && !ended && !abandoned) {
          await new Promise<void>((resolve) => {
            wakeConsumer = resolve;
          });
        }
        if (head < queue.length) {
          const value = queue[head];
          queue[head++] = undefined;
          if (head > 1024 && head * 2 > queue.length) {
            queue.splice(0, head);
            head = 0;
          }
          if (queue.length - head < highWaterMark) releaseProducer();
          return { value, done: false };
        }
        return { value: undefined, done: true };
      },
      return: async (): Promise<IteratorResult<unknown>> => {
        abandoned = true;
        queue.length = 0;
        head = 0;
        releaseProducer();
        return { value: undefined, done: true };
      },
    }),
  };

  const uri = options.uri ?? `memory:item-stream-${++streamCount}`;
  const feed: FeedOptions = { format: 'jsonlines', store_empty: true, storage };
  if (options.fields !== undefined) feed.fields = options.fields;
  if (options.item_classes) feed.item_classes = options.item_classes;
  if (options.item_filter) feed.item_filter = options.item_filter;
  return { uri, feed, feeds: { [uri]: feed }, items, done };
}
