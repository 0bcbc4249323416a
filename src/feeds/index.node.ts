/**
 * Feed exports, Node-only parts: file and stdout storages and their scheme map.
 * @module
 */
export { FileFeedStorage, type FileFeedStorageOptions } from './storages/file-feed-storage.node.ts';
export { StdoutFeedStorage, type StdoutFeedStorageOptions } from './storages/stdout-feed-storage.node.ts';
export { streamWriter, type WritableLike } from './storages/stream-writer.node.ts';
export { NODE_FEED_STORAGES } from './node-storages.node.ts';
export { NodeGzipPlugin } from './gzip-plugin.node.ts';
