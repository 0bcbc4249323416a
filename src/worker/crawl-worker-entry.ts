/**
 * The crawl worker for dedicated module Web Workers, started by {@link runInWorker}: installs the
 * web platform, then serves one crawl over the worker's `postMessage` channel.
 * @module
 */
import '../web.ts';
// Dedicated workers have no DOMParser: response.dom uses linkedom's (bundled into the worker only).
import { DOMParser as LinkedomDomParser } from 'linkedom/worker';
import { domParserFrom, installDocumentParser } from '../dom/document-parser.ts';
import type { CrawlHostMessage, CrawlWorkerMessage } from './crawl-worker-protocol.ts';
import { serveCrawlWorker } from './serve-crawl-worker.ts';

interface DedicatedWorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: CrawlHostMessage }) => void): void;
}

installDocumentParser(domParserFrom(LinkedomDomParser));

const scope = globalThis as unknown as DedicatedWorkerScope;
serveCrawlWorker({
  postMessage: (message: CrawlWorkerMessage) => scope.postMessage(message),
  onMessage: (handler) => scope.addEventListener('message', (event) => handler(event.data)),
});
