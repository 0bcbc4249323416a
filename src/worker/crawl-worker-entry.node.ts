/**
 * The crawl worker for Node's `worker_threads`, started by the Node {@link runInWorker}: installs
 * the Node platform, then serves one crawl over `parentPort`.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import '../node.ts';
import type { CrawlHostMessage, CrawlWorkerMessage } from './crawl-worker-protocol.ts';
import { serveCrawlWorker } from './serve-crawl-worker.ts';

const port = parentPort;
if (!port) throw new Error('[skitter] crawl-worker-entry.node: must run inside a worker_threads Worker (runInWorker starts it).');
serveCrawlWorker({
  postMessage: (message: CrawlWorkerMessage) => port.postMessage(message),
  onMessage: (handler) => port.on('message', (message: CrawlHostMessage) => handler(message)),
});
