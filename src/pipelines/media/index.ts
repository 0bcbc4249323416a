/**
 * Media pipelines: Scrapy's `FilesPipeline` and `ImagesPipeline`, their stores and image codecs.
 * @module
 */
export { MediaPipeline, type MediaInfo, type MediaOutcome, type MediaResult } from './media-pipeline.ts';
export { FilesPipeline, FileException, type MediaSettingNames } from './files-pipeline.ts';
export { ImagesPipeline, ImageException } from './images-pipeline.ts';
export { resolveFilesStore, type FilesStore, type FileStat, type FilesStoreSpec } from './files-store.ts';
export { IndexedDbFilesStore, readIndexedDbFile } from './indexeddb-files-store.ts';
export { installImageCodec, fitWithin, type ImageCodec, type DecodedImage } from './image-codec.ts';
export { canvasImageCodec } from './canvas-image-codec.ts';
export { mediaGuid } from './media-path.ts';
