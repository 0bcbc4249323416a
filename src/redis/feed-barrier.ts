import type { Crawler } from '../core/crawler.ts';
import { FeedExportExtension } from '../feeds/feed-exporter.ts';

/**
 * Ties the feeds to the acknowledgements: before a request is acknowledged in Redis, the items it
 * produced (already handed to the feeds) are written out to the operating system. A worker killed
 * before that point has not acknowledged the request, so another worker redoes it and its items
 * are not lost; a worker killed after it has them on disk. Flushes are shared: every
 * acknowledgement waiting at the same time rides on one write per feed.
 */
export class FeedBarrier {
  #feeds: FeedExportExtension[];
  /** A flush that has not started yet: later callers join it. */
  #next: Promise<void> | undefined;
  #running: Promise<void> = Promise.resolve();

  constructor(crawler: Crawler) {
    this.#feeds = (crawler.extensions ?? []).filter((e): e is FeedExportExtension => e instanceof FeedExportExtension);
  }

  /** Resolves when every item exported before the call reached its feed's storage. Never rejects. */
  wait(): Promise<void> {
    if (this.#feeds.length === 0) return Promise.resolve();
    this.#next ??= this.#running.then(() => {
      this.#next = undefined;
      // A failing feed is reported when it closes; the crawl goes on as it would without Redis.
      this.#running = Promise.all(this.#feeds.map((f) => f.flush().catch(() => {}))).then(() => {});
      return this.#running;
    });
    return this.#next;
  }
}
