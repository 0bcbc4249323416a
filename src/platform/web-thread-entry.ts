/**
 * The generic thread entry for dedicated Web Workers (module workers): receives
 * {@link ThreadRequest}s, runs each with {@link handleThreadRequest} (import `moduleUrl`, call
 * `exportName(...args)`, or the thread-task registry for `'registry:'`) and posts the reply back.
 *
 * A custom entry (WebLoopAdapter's `threadEntryUrl` option) imports the modules that call
 * `registerThreadTask` first, then this module.
 * @module
 */
import { handleThreadRequest } from './thread-protocol.ts';
import type { ThreadRequest } from './thread-protocol.ts';

interface WorkerScope {
  addEventListener(type: 'message', listener: (event: { data: ThreadRequest }) => void): void;
  postMessage(message: unknown): void;
}

const scope = globalThis as unknown as WorkerScope;
scope.addEventListener('message', (event) => {
  const request = event.data;
  void handleThreadRequest(request).then((reply) => {
    try {
      scope.postMessage(reply);
    } catch (error) {
      // The result could not be cloned: report that instead of leaving the caller waiting.
      scope.postMessage(
        { id: reply.id, ok: false, error: { name: 'DataCloneError', message: `[skitter] runInThread: the result of '${request.exportName}' cannot be sent back: ${(error as Error).message}` } },
      );
    }
  });
});
