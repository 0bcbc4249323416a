/**
 * skitter for Node (>= 22): the runtime-neutral API plus the Node loop adapter (worker_threads,
 * file store, unref'ed timers), `file:` downloads, and file / stdout feeds.
 * Selected by the `node` export condition, or imported as `skitter/node`.
 * @module
 */
import { installPlatform } from './core/platform.ts';
import { NodeLoopAdapter } from './platform/node.ts';
import { FileDownloadHandler } from './platform/node-file-handler.ts';
import { NODE_FEED_STORAGES } from './feeds/index.node.ts';
import { WEB_FEED_STORAGES } from './feeds/web-storages.ts';
import { NODE_JOB_STORE } from './jobs/index.node.ts';

export * from './index.ts';
export { NodeLoopAdapter, type NodeLoopAdapterOptions } from './platform/node.ts';
export { FileDownloadHandler } from './platform/node-file-handler.ts';
export * from './feeds/index.node.ts';
export * from './jobs/index.node.ts';
export { runInWorker, type RunInWorkerOptions, type CrawlWorkerHandle } from './worker/run-in-worker.node.ts';

installPlatform({
  name: 'node',
  createAdapter: () => new NodeLoopAdapter(),
  defaults: {
    DOWNLOAD_HANDLERS_BASE: { file: FileDownloadHandler },
    FEED_STORAGES_BASE: { ...WEB_FEED_STORAGES, ...NODE_FEED_STORAGES },
    JOBDIR_STORE: NODE_JOB_STORE,
  },
});
