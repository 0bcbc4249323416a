/**
 * The playground's crawl worker: skitter's own Web Worker crawl entry (the `runInWorker`
 * protocol, `src/worker/crawl-worker-entry.ts`) plus what the visitor's spider needs to run from
 * a `blob:` module: the worker's copy of skitter to import (a second copy would have other
 * `Spider` and `Request` classes than the engine's), and the request recorder.
 * @module
 */
import '../../../../src/worker/crawl-worker-entry.ts';
import * as skitter from 'skitter';
import { WORKER_GLOBAL, type RequestsMessage } from '../protocol.ts';
import { recordRequests } from './request-recorder.ts';
import { spiderModuleRuntime } from './spider-module-runtime.ts';

const post = (message: RequestsMessage): void => (globalThis as unknown as { postMessage(data: unknown): void }).postMessage(message);

Object.defineProperty(globalThis, WORKER_GLOBAL, {
  value: spiderModuleRuntime(skitter, (crawler) => recordRequests(crawler, post)),
});
