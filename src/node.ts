/**
 * skitter for Node (>= 22): the runtime-neutral API plus the Node loop adapter (worker_threads,
 * file store, unref'ed timers), `file:` downloads, and file / stdout feeds.
 * Selected by the `node` export condition, or imported as `skitter/node`.
 * @module
 */
import { createRequire } from 'node:module';
import { installPlatform } from './core/platform.ts';
import { installDocumentParser, type DocumentParser } from './dom/document-parser.ts';
import { NodeLoopAdapter } from './platform/node.ts';
import { FileDownloadHandler } from './platform/node-file-handler.ts';
import { NODE_FEED_STORAGES } from './feeds/index.node.ts';
import { FilesystemCacheStorage } from './httpcache/filesystem-cache-storage.node.ts';
import { installMailTransport } from './mail/mail-transport.ts';
import { FsFilesStore } from './platform/node-files-store.ts';
import { installImageCodec } from './pipelines/media/image-codec.ts';
import { jimpImageCodec } from './platform/node-image-codec.ts';
import { nodemailerTransport } from './mail/nodemailer-transport.node.ts';
import { WEB_FEED_STORAGES } from './feeds/web-storages.ts';
import { CookiesMiddleware } from './middlewares/downloader/cookies-middleware.ts';
import { NODE_JOB_STORE } from './jobs/index.node.ts';

export * from './index.ts';
export { NodeLoopAdapter, type NodeLoopAdapterOptions } from './platform/node.ts';
export { FileDownloadHandler } from './platform/node-file-handler.ts';
export { CookiesMiddleware } from './middlewares/downloader/cookies-middleware.ts';
export * from './feeds/index.node.ts';
export { FilesystemCacheStorage } from './httpcache/filesystem-cache-storage.node.ts';
export { inspectResponse } from './shell/inspect-response.node.ts';
export { FsFilesStore } from './platform/node-files-store.ts';
export * from './jobs/index.node.ts';
export { runInWorker, type RunInWorkerOptions, type CrawlWorkerHandle } from './worker/run-in-worker.node.ts';

installPlatform({
  name: 'node',
  createAdapter: () => new NodeLoopAdapter(),
  defaults: {
    DOWNLOAD_HANDLERS_BASE: { file: FileDownloadHandler },
    // Node's fetch keeps no cookies: Scrapy's CookiesMiddleware at its order.
    DOWNLOADER_MIDDLEWARES_BASE: { CookiesMiddleware: { use: CookiesMiddleware, order: 700 } },
    FEED_STORAGES_BASE: { ...WEB_FEED_STORAGES, ...NODE_FEED_STORAGES },
    HTTPCACHE_STORAGE: FilesystemCacheStorage,
    FILES_STORAGES_BASE: { '': FsFilesStore, file: FsFilesStore },
    JOBDIR_STORE: NODE_JOB_STORE,
  },
});

installMailTransport(nodemailerTransport);
installImageCodec(jimpImageCodec);

// linkedom is loaded on the first `response.dom`, not at start-up: most crawls never use it.
// `require` of an ES module is synchronous on Node >= 22.12, as the `dom` getter must be.
let linkedomParser: DocumentParser | undefined;
installDocumentParser((markup, mimeType) => {
  if (!linkedomParser) {
    const { DOMParser } = createRequire(import.meta.url)('linkedom') as typeof import('linkedom');
    linkedomParser = (text, type) => new DOMParser().parseFromString(text, type) as never;
  }
  return linkedomParser(markup, mimeType);
});
