/**
 * skitter for browser pages and dedicated Web Workers: the runtime-neutral API plus the web loop
 * adapter (Web Workers for threads, IndexedDB storage) and IndexedDB / Blob / in-memory feeds.
 * Selected by the `browser` and `worker` export conditions, or imported as `skitter/web`.
 * @module
 */
import { installPlatform } from './core/platform.ts';
import { WebLoopAdapter } from './platform/web.ts';
import { WEB_FEED_STORAGES } from './feeds/web-storages.ts';
import { IDB_JOB_STORE } from './jobs/idb-job-store.ts';

export * from './index.ts';
export { WebLoopAdapter } from './platform/web.ts';
export { IdbJobStore, IDB_JOB_STORE, readJobItems } from './jobs/idb-job-store.ts';
export { runInWorker, type RunInWorkerOptions, type CrawlWorkerHandle } from './worker/run-in-worker.ts';

installPlatform({
  name: 'web',
  createAdapter: () => new WebLoopAdapter(),
  defaults: { FEED_STORAGES_BASE: { ...WEB_FEED_STORAGES }, JOBDIR_STORE: IDB_JOB_STORE },
});
