/**
 * skitter for Chrome MV3 extension service workers: the runtime-neutral API plus the MV3 loop
 * adapter (keeps the worker alive while a crawl runs, caps fetch timeouts under Chrome's 30 s,
 * runs thread tasks inline), IndexedDB / in-memory feeds, and the extension support of
 * `src/extension/` (popup <-> service worker crawl protocol, rendered-tab download handler). Import
 * it as `skitter/mv3` in the service worker's and the popup's bundles (MV3 forbids loading code at
 * run time).
 * @module
 */
import { installedPlatform, installPlatform } from './core/platform.ts';
import { Mv3LoopAdapter } from './platform/mv3.ts';
import { WEB_FEED_STORAGES } from './feeds/web-storages.ts';
import { IndexedDbCacheStorage } from './httpcache/indexeddb-cache-storage.ts';
import { canvasImageCodec } from './pipelines/media/canvas-image-codec.ts';
import { installImageCodec } from './pipelines/media/image-codec.ts';
import { IndexedDbFilesStore } from './pipelines/media/indexeddb-files-store.ts';
// Service workers have no DOMParser: response.dom uses linkedom's (MV3 cannot load it lazily).
import { DOMParser as LinkedomDomParser } from 'linkedom/worker';
import { domParserFrom, installDocumentParser } from './dom/document-parser.ts';
import { IDB_JOB_STORE } from './jobs/idb-job-store.ts';

export * from './index.ts';
export { Mv3LoopAdapter, type Mv3LoopAdapterOptions } from './platform/mv3.ts';
export * from './extension/index.ts';
export { IdbJobStore, IDB_JOB_STORE, readJobItems, countJobItems, deleteJob } from './jobs/idb-job-store.ts';
export { resumeJobOnWake, JOB_WAKE_MESSAGE, type ResumeJobOptions, type JobOnWake } from './jobs/resume-job-on-wake.ts';

const inExtension = typeof (globalThis as { chrome?: { runtime?: { id?: unknown } } }).chrome?.runtime?.id === 'string';
// An extension's spider files import `skitter/mv3`; when the Node CLI imports them (`skitter list`,
// `skitter crawl` scanning the project), they must not switch that process to the MV3 platform
// (its adapter, document parser or image codec).
if (inExtension || installedPlatform() === undefined) {
  installDocumentParser(domParserFrom(LinkedomDomParser));
  installImageCodec(canvasImageCodec);
  installPlatform({
    name: 'mv3',
    createAdapter: () => new Mv3LoopAdapter(),
    defaults: { FEED_STORAGES_BASE: { ...WEB_FEED_STORAGES }, HTTPCACHE_STORAGE: IndexedDbCacheStorage, FILES_STORAGES_BASE: { idb: IndexedDbFilesStore }, JOBDIR_STORE: IDB_JOB_STORE },
  });
}
