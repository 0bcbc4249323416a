/**
 * Batching of the crawl worker's messages. A crawl of 1,000 pages posts thousands of messages (one
 * per item and per log record); each is a task on the page's main thread, and on a busy machine
 * their fixed cost is what makes a page sluggish. The worker queues its messages and posts them
 * together every {@link BATCH_INTERVAL_MS} (at once for the last one, `done` or `error`); the page
 * unpacks them, in order, for `connectCrawlWorker`, which sees the messages `runInWorker` defines.
 * @module
 */
import type { WorkerLike } from '../../../src/platform/loop-adapter.ts';

/** How long the worker holds messages, in ms: 20 batches a second look live. */
export const BATCH_INTERVAL_MS = 50;

/** Worker -> page: several messages, in the order they were posted. */
interface MessageBatch {
  type: 'playground:batch';
  messages: unknown[];
}

function isBatch(data: unknown): data is MessageBatch {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'playground:batch';
}

/** The end of a crawl: posted at once, with everything queued before it. */
function isFinal(message: unknown): boolean {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'done' || type === 'error';
}

/** In the worker: makes `scope.postMessage` queue messages and post them in batches. */
export function batchPostMessage(scope: { postMessage(message: unknown): void }): void {
  const post = scope.postMessage.bind(scope);
  let queue: unknown[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (queue.length === 0) return;
    const batch: MessageBatch = { type: 'playground:batch', messages: queue };
    queue = [];
    post(batch);
  };
  scope.postMessage = (message: unknown) => {
    queue.push(message);
    if (isFinal(message)) flush();
    else timer ??= setTimeout(flush, BATCH_INTERVAL_MS);
  };
}

/** In the page: `worker` as a {@link WorkerLike} whose `message` listeners get the batches' messages one by one. */
export function unbatchedWorker(worker: Worker): WorkerLike {
  const listeners = new Set<(event: { data: unknown }) => void>();
  worker.addEventListener('message', (event: MessageEvent) => {
    const messages = isBatch(event.data) ? event.data.messages : [event.data];
    for (const data of messages) for (const listener of listeners) listener({ data });
  });
  return {
    postMessage: (message) => worker.postMessage(message),
    addEventListener(type: 'message' | 'error', listener: (event: never) => void) {
      if (type === 'message') listeners.add(listener as (event: { data: unknown }) => void);
      else worker.addEventListener('error', listener as (event: ErrorEvent) => void);
    },
    removeEventListener(type, listener) {
      if (type === 'message') listeners.delete(listener as (event: { data: unknown }) => void);
      else worker.removeEventListener('error', listener as (event: ErrorEvent) => void);
    },
    terminate: () => worker.terminate(),
  };
}
