/**
 * Feed exports, runtime-neutral parts: exporters, the web storages, the item stream for UIs and the
 * FeedExportExtension. Node's file and stdout storages are in `./node.ts`.
 * @see https://docs.scrapy.org/en/latest/topics/feed-exports.html
 * @module
 */
export type { FeedFields, FeedOptions, ItemClass } from './feed-options.ts';
export type { ExporterOptions, FeedExporter, FeedExporterClass } from './exporters/exporter.ts';
export { JsonLinesExporter } from './exporters/jsonlines-exporter.ts';
export { JsonExporter } from './exporters/json-exporter.ts';
export { CsvExporter, type CsvExporterOptions } from './exporters/csv-exporter.ts';
export { XmlExporter, type XmlExporterOptions } from './exporters/xml-exporter.ts';
export { BUILTIN_FEED_EXPORTERS } from './exporters/builtin-exporters.ts';
export {
  DEFAULT_FEED_BUFFER_CHARS, createFeedStorage,
  type FeedStorage, type FeedStorageClass, type FeedStorageFactory, type FeedStorageOptions, type FeedStorageSpec, type FeedWriter,
} from './storages/storage.ts';
export { MemoryFeedStorage, type MemoryFeedOptions } from './storages/memory-feed-storage.ts';
export { BlobFeedStorage, type BlobFeedOptions, type BlobFeedResult } from './storages/blob-feed-storage.ts';
export {
  IndexedDbFeedStorage, readIndexedDbFeed, readIndexedDbFeedItems, deleteIndexedDbFeed, parseIdbFeedUri,
  type IndexedDbFeedStorageOptions, type IdbFeedLocation,
} from './storages/indexed-db-feed-storage.ts';
export { ItemFeedStorage, type ItemFeedStorageOptions } from './storages/item-feed-storage.ts';
export { exportItems, exportItemsBlob, FEED_MIME_TYPES, type ExportItemsOptions } from './export-items.ts';
export { createItemStream, type ItemStream, type ItemStreamOptions } from './item-stream.ts';
export { WEB_FEED_STORAGES } from './web-storages.ts';
export { FeedSlot, type FeedSlotOptions } from './feed-slot.ts';
export {
  expandFeedUri, feedBatchTimestamp, feedTimestamp, feedUriParams, feedUriScheme, formatFeedUri, hasBatchPlaceholder,
  type FeedBatch, type FeedUriParams, type FeedUriParamsFunction,
} from './feed-uri.ts';
export { ItemFilter, itemFilterOf, type ItemFilterSpec } from './item-filter.ts';
export {
  BUILTIN_POSTPROCESSING_PLUGINS, GzipPlugin, postProcessedWriter, resolvePostProcessing,
  type FeedByteSink, type FeedPostProcessingPlugin, type FeedPostProcessingPluginClass,
} from './postprocessing.ts';
export { FeedExportExtension, type FeedExportCrawler } from './feed-exporter.ts';
export { feedsFromCliArgs } from './cli-feeds.ts';
