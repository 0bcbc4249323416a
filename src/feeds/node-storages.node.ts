import type { FeedStorageSpec } from './storages/storage.ts';
import { FileFeedStorage } from './storages/file-feed-storage.node.ts';
import { StdoutFeedStorage } from './storages/stdout-feed-storage.node.ts';

/**
 * The Node feed storages by URI scheme ('' is plain paths); the Node entry merges it (with
 * `memory`) into the FEED_STORAGES default.
 * @see Scrapy's FEED_STORAGES_BASE
 */
export const NODE_FEED_STORAGES: Readonly<Record<string, FeedStorageSpec>> = Object.freeze({
  '': FileFeedStorage,
  file: FileFeedStorage,
  stdout: StdoutFeedStorage,
});
