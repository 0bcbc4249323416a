/**
 * The playground's crawl worker: skitter's own Web Worker crawl entry (the `runInWorker`
 * protocol, `src/worker/crawl-worker-entry.ts`) plus what the visitor's spider needs to run from
 * a `blob:` module: the worker's copy of skitter to import (a second copy would have other
 * `Spider` and `Request` classes than the engine's), the request recorder, and message batching.
 * @module
 */
import '../../../../src/worker/crawl-worker-entry.ts';
import * as skitter from 'skitter';
import { batchPostMessage } from '../message-batches.ts';
import { WORKER_GLOBAL, type RequestsMessage } from '../protocol.ts';
import { recordRequests } from './request-recorder.ts';
import { spiderModuleRuntime } from './spider-module-runtime.ts';

const scope = globalThis as unknown as { postMessage(data: unknown): void };
// The crawl worker entry looks `postMessage` up at each call: from here on, its messages are batched.
batchPostMessage(scope);
const post = (message: RequestsMessage): void => scope.postMessage(message);

Object.defineProperty(globalThis, WORKER_GLOBAL, {
  value: spiderModuleRuntime(skitter, (crawler) => recordRequests(crawler, post)),
});
