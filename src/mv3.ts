/**
 * skitter for Chrome MV3 extension service workers: the runtime-neutral API plus the MV3 loop
 * adapter (keeps the worker alive while a crawl runs, caps fetch timeouts under Chrome's 30 s,
 * runs thread tasks inline) and IndexedDB / in-memory feeds. Import it as `skitter/mv3` in the
 * service worker's bundle (MV3 forbids loading code at run time).
 * @module
 */
import { installPlatform } from './core/platform.ts';
import { Mv3LoopAdapter } from './platform/mv3.ts';
import { WEB_FEED_STORAGES } from './feeds/web-storages.ts';
import { IDB_JOB_STORE } from './jobs/idb-job-store.ts';

export * from './index.ts';
export { Mv3LoopAdapter, type Mv3LoopAdapterOptions } from './platform/mv3.ts';
export { IdbJobStore, IDB_JOB_STORE, readJobItems } from './jobs/idb-job-store.ts';
export { resumeJobOnWake, JOB_WAKE_MESSAGE, type ResumeJobOptions, type JobOnWake } from './jobs/resume-job-on-wake.ts';

installPlatform({
  name: 'mv3',
  createAdapter: () => new Mv3LoopAdapter(),
  defaults: { FEED_STORAGES_BASE: { ...WEB_FEED_STORAGES }, JOBDIR_STORE: IDB_JOB_STORE },
});
