/**
 * The generic thread entry for Node's worker_threads: receives {@link ThreadRequest}s, runs each
 * with {@link handleThreadRequest} (import `moduleUrl`, call `exportName(...args)`, or the
 * thread-task registry for `'registry:'`) and posts the reply back.
 *
 * A custom entry (NodeLoopAdapter's `threadEntryUrl` option) imports the modules that call
 * `registerThreadTask` first, then this module.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { handleThreadRequest } from './thread-protocol.ts';
import type { ThreadRequest } from './thread-protocol.ts';

const port = parentPort;
if (!port) throw new Error('[skitter] node-thread-entry: must run inside a worker_threads Worker');
port.on('message', (request: ThreadRequest) => {
  void handleThreadRequest(request).then((reply) => {
    try {
      port.postMessage(reply);
    } catch (error) {
      // The result could not be cloned: report that instead of leaving the caller waiting.
      port.postMessage(
        { id: reply.id, ok: false, error: { name: 'DataCloneError', message: `[skitter] runInThread: the result of '${request.exportName}' cannot be sent back: ${(error as Error).message}` } },
      );
    }
  });
});
