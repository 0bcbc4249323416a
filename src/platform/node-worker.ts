/**
 * Node's `worker_threads.Worker` adapted to the web `WorkerLike` shape, so the thread pool and
 * user code speak one protocol everywhere (comlink's rule: adapt Node to the web, not the reverse).
 * @module
 */
import { Worker } from 'node:worker_threads';
import type { WorkerLike } from './loop-adapter.ts';

type MessageListener = (event: { data: unknown }) => void;
type ErrorListener = (event: { error?: unknown; message?: string }) => void;

/**
 * A `worker_threads` worker seen as a dedicated Web Worker: `postMessage`, `addEventListener`
 * (`'message'` listeners get `{ data }`, `'error'` listeners get `{ error, message }`) and
 * `terminate`. An exit the caller did not ask for (the module failed to load, `process.exit` in the
 * worker) is reported as an `'error'` event, so nobody waits forever for a dead worker's reply.
 * Errors with no listener are dropped, as in browsers, instead of crashing the process.
 *
 * Node extras: `ref()` / `unref()` (an unref'ed worker does not keep the process alive) and
 * `threadId`.
 */
/** True when skitter runs from its TypeScript sources (the repository), not from the build. */
const FROM_SOURCES = import.meta.url.endsWith('.ts');
/**
 * From the sources, a worker resolves `skitter` to the sources too (package.json's
 * `skitter-source` condition), so its spiders and the engine share one copy of skitter.
 */
const SOURCE_EXEC_ARGV = [...process.execArgv.filter((arg) => arg !== '--conditions=skitter-source'), '--conditions=skitter-source'];

export class NodeWorker implements WorkerLike {
  #worker: Worker;
  #messageListeners = new Set<MessageListener>();
  #errorListeners = new Set<ErrorListener>();
  #terminated = false;
  #failed = false;

  /**
   * Starts the ES module at `moduleUrl` (a `file:` URL or a path; `.ts` runs natively on Node 24).
   * @param options.name the worker's name (shown in debuggers).
   */
  constructor(moduleUrl: string | URL, options?: { name?: string }) {
    const target = typeof moduleUrl === 'string' && moduleUrl.startsWith('file:') ? new URL(moduleUrl) : moduleUrl;
    this.#worker = new Worker(target, { name: options?.name, ...(FROM_SOURCES ? { execArgv: SOURCE_EXEC_ARGV } : {}) });
    this.#worker.on('message', (data: unknown) => {
      for (const listener of [...this.#messageListeners]) listener({ data });
    });
    this.#worker.on('error', (error: Error) => this.#fail(error));
    this.#worker.on('exit', (code: number) => {
      if (!this.#terminated) this.#fail(new Error(`[skitter] NodeWorker: the worker exited unexpectedly with code ${code}`));
    });
  }

  /** The worker's `threadId`. */
  get threadId(): number {
    return this.#worker.threadId;
  }

  /** Sends `message` (structured clone; `transfer` moves ArrayBuffers and ports). */
  postMessage(message: unknown, transfer?: Transferable[]): void {
    this.#worker.postMessage(message, transfer as never);
  }

  addEventListener(type: 'message', listener: MessageListener): void;
  addEventListener(type: 'error', listener: ErrorListener): void;
  /** Adds a `'message'` or `'error'` listener (adding the same listener twice is a no-op). */
  addEventListener(type: 'message' | 'error', listener: MessageListener | ErrorListener): void {
    if (type === 'message') this.#messageListeners.add(listener as MessageListener);
    else this.#errorListeners.add(listener as ErrorListener);
  }

  /** Removes a listener added with {@link addEventListener}. */
  removeEventListener(type: 'message' | 'error', listener: (event: never) => void): void {
    if (type === 'message') this.#messageListeners.delete(listener as MessageListener);
    else this.#errorListeners.delete(listener as ErrorListener);
  }

  /** Stops the worker; resolves with its exit code. */
  terminate(): Promise<number> {
    this.#terminated = true;
    return this.#worker.terminate();
  }

  /** Lets the worker keep the process alive (the default for a new worker). */
  ref(): void {
    this.#worker.ref();
  }

  /** Lets the process exit even while this worker is alive. */
  unref(): void {
    this.#worker.unref();
  }

  #fail(error: Error): void {
    // An 'error' event is followed by an 'exit': report the failure once.
    if (this.#failed) return;
    this.#failed = true;
    for (const listener of [...this.#errorListeners]) listener({ error, message: error.message });
  }
}
