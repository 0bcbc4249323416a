/**
 * skitter for browser pages and dedicated Web Workers: the runtime-neutral API plus the web loop
 * adapter (Web Workers for threads, IndexedDB storage) and IndexedDB / Blob / in-memory feeds.
 * Selected by the `browser` and `worker` export conditions, or imported as `skitter/web`.
 * @module
 */
import { installedPlatform, installPlatform } from './core/platform.ts';
import { WebLoopAdapter } from './platform/web.ts';
import { WEB_FEED_STORAGES } from './feeds/web-storages.ts';
import { IndexedDbCacheStorage } from './httpcache/indexeddb-cache-storage.ts';
import { canvasImageCodec } from './pipelines/media/canvas-image-codec.ts';
import { installImageCodec } from './pipelines/media/image-codec.ts';
import { IndexedDbFilesStore } from './pipelines/media/indexeddb-files-store.ts';
import { IDB_JOB_STORE } from './jobs/idb-job-store.ts';

export * from './index.ts';
export { WebLoopAdapter } from './platform/web.ts';
export { IdbJobStore, IDB_JOB_STORE, readJobItems, countJobItems, deleteJob } from './jobs/idb-job-store.ts';
export { runInWorker, serveCrawls, type RunInWorkerOptions, type CrawlWorkerHandle } from './worker/run-in-worker.ts';

// In a Node process that also imports skitter/node first, Node's codec stays (jimp).
if (installedPlatform() === undefined) installImageCodec(canvasImageCodec);

installPlatform({
  name: 'web',
  createAdapter: () => new WebLoopAdapter(),
  defaults: { FEED_STORAGES_BASE: { ...WEB_FEED_STORAGES }, HTTPCACHE_STORAGE: IndexedDbCacheStorage, FILES_STORAGES_BASE: { idb: IndexedDbFilesStore }, JOBDIR_STORE: IDB_JOB_STORE },
});
