/**
 * The web loop adapter, for browser pages and dedicated Web Workers. Uses `globalThis` only (no
 * `window` / `document`), so the same code runs in both.
 * @module
 */
import type { Capability, DelayedCall, KeyValueStore, LoopAdapter, ThreadTask, WorkerLike } from './loop-adapter.ts';
import { HostDelayedCall, hostSleep } from './host-timers.ts';
import { IdbStore } from './idb-store.ts';
import { ThreadPool } from './thread-pool.ts';
import { executeThreadTask } from './thread-protocol.ts';
import { isRegistryUrl, runRegisteredTask } from './thread-tasks.ts';
import { NotSupportedError } from '../errors/not-supported-error.ts';

/** Options of {@link WebLoopAdapter}. All optional. */
export interface WebLoopAdapterOptions {
  /** The fetch handed to the HTTP download handler. @default globalThis.fetch (looked up per call) */
  fetch?: typeof globalThis.fetch;
  /** Most workers {@link WebLoopAdapter.runInThread} uses at once. @default max(1, navigator.hardwareConcurrency - 1) */
  maxThreads?: number;
  /**
   * The module each pooled worker runs. Defaults to skitter's `web-thread-entry.ts`. Set it to a
   * module of yours that imports your `registerThreadTask` calls and then skitter's entry, to run
   * `'registry:'` tasks in workers; without it, `'registry:'` tasks run inline.
   */
  threadEntryUrl?: string | URL;
  /** Prefix of the IndexedDB database names (`<dbPrefix>:<namespace>`). @default 'skitter' */
  dbPrefix?: string;
}

type WorkerConstructor = new (url: string | URL, options?: { type?: 'module'; name?: string }) => WorkerLike;

function workerClass(): WorkerConstructor | undefined {
  return (globalThis as { Worker?: WorkerConstructor }).Worker;
}

/**
 * The loop adapter for browser pages and dedicated Web Workers.
 *
 * - Timers: `globalThis.setTimeout`.
 * - Threads: module Web Workers (`new Worker(url, { type: 'module' })`) where `Worker` exists
 *   (capability `threads`); otherwise (a dedicated worker without nested workers) `runInThread`
 *   runs inline and `spawnWorker` throws.
 * - Storage: IndexedDB through idb-keyval ({@link IdbStore}).
 * - The browser keeps its own cookie jar and hides manual redirects, so `cookieJar`,
 *   `manualRedirects` and `forbiddenHeaders` are not declared.
 * - `keepAlive` is a no-op: pages and workers live as long as they are open.
 *
 * @see Scrapy's Twisted reactor / asyncio loop (the role this plays)
 */
export class WebLoopAdapter implements LoopAdapter {
  /** `'web'`. */
  readonly name = 'web';
  /** `threads` where `Worker` exists, nothing else. */
  readonly capabilities: ReadonlySet<Capability>;
  /** The fetch given to ky. */
  readonly fetch: typeof globalThis.fetch;
  #maxThreads: number;
  #threadEntryUrl: string | URL | undefined;
  #dbPrefix: string;
  #pool: ThreadPool | undefined;

  /** @throws {RangeError} if `maxThreads` < 1. */
  constructor(options: WebLoopAdapterOptions = {}) {
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.capabilities = new Set<Capability>(workerClass() ? ['threads'] : []);
    const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 2;
    this.#maxThreads = options.maxThreads ?? Math.max(1, cores - 1);
    if (!(this.#maxThreads >= 1)) throw new RangeError(`[skitter] WebLoopAdapter: maxThreads must be >= 1, got ${options.maxThreads}`);
    this.#threadEntryUrl = options.threadEntryUrl;
    this.#dbPrefix = options.dbPrefix ?? 'skitter';
  }

  /** `performance.now()`, ms. */
  now(): number {
    return performance.now();
  }

  /** `Date.now()`, ms since the epoch. */
  wallClock(): number {
    return Date.now();
  }

  /** Runs `fn` once after `delayMs` ms. */
  callLater(delayMs: number, fn: () => void): DelayedCall {
    return new HostDelayedCall(delayMs, fn, { unref: false });
  }

  /** Runs `fn` every `intervalMs` ms until cancelled. */
  loopingCall(intervalMs: number, fn: () => void): DelayedCall {
    return new HostDelayedCall(intervalMs, fn, { intervalMs, unref: false });
  }

  /** Resolves after `ms` ms; rejects with `signal.reason` on abort. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return hostSleep(ms, signal, false);
  }

  /**
   * Starts a module Web Worker on `moduleUrl`.
   * @throws {NotSupportedError} where `Worker` does not exist (some dedicated workers).
   */
  spawnWorker(moduleUrl: string | URL, options?: { name?: string }): WorkerLike {
    const WorkerClass = workerClass();
    if (!WorkerClass) {
      throw new NotSupportedError('[skitter] spawnWorker is not supported on web here: this global scope has no Worker (nested workers are missing in some browsers); use runInThread (runs inline here)');
    }
    return new WorkerClass(moduleUrl, { type: 'module', name: options?.name });
  }

  /**
   * Runs `task` on a pooled module worker where `Worker` exists, inline otherwise. `task.moduleUrl`
   * must be absolute (`new URL('./task.ts', import.meta.url)`). `'registry:'` tasks run inline
   * unless a `threadEntryUrl` was configured.
   */
  runInThread<T>(task: ThreadTask): Promise<T> {
    if (isRegistryUrl(task.moduleUrl) && this.#threadEntryUrl === undefined) {
      return runRegisteredTask(task.exportName, task.args) as Promise<T>;
    }
    const WorkerClass = workerClass();
    if (!WorkerClass) return executeThreadTask(task) as Promise<T>;
    this.#pool ??= new ThreadPool({
      size: this.#maxThreads,
      // The literal `new Worker(new URL(...), ...)` form lets bundlers (vite) emit the entry as a worker chunk.
      spawn: () => this.#threadEntryUrl === undefined
        ? new Worker(new URL('./web-thread-entry.ts', import.meta.url), { type: 'module', name: 'skitter-thread' }) as unknown as WorkerLike
        : new WorkerClass(this.#threadEntryUrl, { type: 'module', name: 'skitter-thread' }),
    });
    return this.#pool.run<T>(task);
  }

  /** An {@link IdbStore} in the IndexedDB database `<dbPrefix>:<namespace>`. */
  openStore(namespace: string): KeyValueStore {
    return new IdbStore(namespace, this.#dbPrefix);
  }

  /** A no-op hold: pages and dedicated workers are not stopped while busy. */
  keepAlive(_reason: string): () => void {
    return () => {};
  }

  /** Terminates the worker pool (pending tasks reject). A later task starts a new pool. */
  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    await pool?.close();
  }
}
