import { BlobFeedStorage } from './storages/blob-feed-storage.ts';
import { IndexedDbFeedStorage } from './storages/indexed-db-feed-storage.ts';
import { MemoryFeedStorage } from './storages/memory-feed-storage.ts';
import type { FeedStorageSpec } from './storages/storage.ts';

/**
 * The feed storages of the web builds (pages, Web Workers, MV3 service workers) by URI scheme;
 * the web entry files merge it into the FEED_STORAGES default.
 * @see Scrapy's FEED_STORAGES_BASE
 */
export const WEB_FEED_STORAGES: Readonly<Record<string, FeedStorageSpec>> = Object.freeze({
  idb: IndexedDbFeedStorage,
  blob: BlobFeedStorage,
  memory: MemoryFeedStorage,
});
