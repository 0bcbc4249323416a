/**
 * The Node loop adapter: real timers (unref'ed), `worker_threads`, a file store, the `undici`
 * package's fetch.
 * @module
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Capability, DelayedCall, KeyValueStore, LoopAdapter, ThreadTask } from './loop-adapter.ts';
import { HostDelayedCall, hostSleep } from './host-timers.ts';
import { FileStore, encodeFileName } from './node-file-store.ts';
import { NodeWorker } from './node-worker.ts';
import { createNodeFetch } from './node-fetch.ts';
import { createProxyFetch } from './node-proxy-fetch.ts';
import { ThreadPool } from './thread-pool.ts';
import { isRegistryUrl, runRegisteredTask } from './thread-tasks.ts';

/** Options of {@link NodeLoopAdapter}. All optional. */
export interface NodeLoopAdapterOptions {
  /**
   * Root directory of {@link NodeLoopAdapter.openStore} stores; each namespace gets a subdirectory.
   * @default `<cwd>/.skitter/storage`
   */
  storageDir?: string;
  /** Most worker threads {@link NodeLoopAdapter.runInThread} uses at once. @default max(1, cores - 1) */
  maxThreads?: number;
  /**
   * The module each pooled worker runs. Defaults to skitter's `node-thread-entry.ts`. Set it to a
   * module of yours that imports your `registerThreadTask` calls and then skitter's entry, to run
   * `'registry:'` tasks in workers; without it, `'registry:'` tasks run inline.
   */
  threadEntryUrl?: string | URL;
  /**
   * The fetch handed to the HTTP download handler. @default the `undici` package's fetch over its
   * own Agent (see {@link createNodeFetch}): Node's bundled undici can crash the process on some
   * gzip responses.
   */
  fetch?: typeof globalThis.fetch;
}

/**
 * skitter's own thread entry, beside this module: `node-thread-entry.ts` when running from source,
 * `node-thread-entry.js` from a build (Node does not strip types under node_modules, so a published
 * build must emit the entry as its own `.js` file next to the chunk holding this module).
 */
function defaultThreadEntryUrl(): URL {
  const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return new URL(`./node-thread-entry.${extension}`, import.meta.url);
}

const NODE_CAPABILITIES: ReadonlySet<Capability> = new Set<Capability>([
  'threads', 'manualRedirects', 'forbiddenHeaders', 'cookieJar', 'fileSystem', 'proxies', 'memoryUsage', 'stdout',
]);

/**
 * The loop adapter for Node (>= 22; Node 24 runs `.ts` workers natively).
 *
 * - Timers from `callLater` / `loopingCall` are unref'ed: a process whose crawls are done exits even
 *   if a timer is pending. While a crawl runs the engine holds {@link keepAlive}, a ref'ed handle.
 *   `sleep` is ref'ed, since someone awaits it.
 * - `runInThread` uses a lazily started pool of `worker_threads` workers (idle workers are unref'ed;
 *   call {@link close} to terminate them early).
 * - `openStore(namespace)` is a {@link FileStore} in `<storageDir>/<namespace>`.
 *
 * @see Scrapy's Twisted reactor / asyncio loop (the role this plays)
 * @example
 * const adapter = new NodeLoopAdapter({ storageDir: '/tmp/crawl-state' });
 * const release = adapter.keepAlive('crawl');
 * await adapter.sleep(1000);
 * release();
 */
export class NodeLoopAdapter implements LoopAdapter {
  /** `'node'`. */
  readonly name = 'node';
  /** threads, manualRedirects, forbiddenHeaders, cookieJar, fileSystem, proxies, memoryUsage, stdout. */
  readonly capabilities = NODE_CAPABILITIES;
  /** The fetch given to ky. */
  readonly fetch: typeof globalThis.fetch;
  #proxyFetches = new Map<string, typeof globalThis.fetch>();
  #storageDir: string;
  #maxThreads: number;
  #threadEntryUrl: string | URL | undefined;
  #pool: ThreadPool | undefined;
  #holds = new Map<symbol, string>();
  #holdHandle: ReturnType<typeof setInterval> | undefined;

  /** @throws {RangeError} if `maxThreads` < 1. */
  constructor(options: NodeLoopAdapterOptions = {}) {
    this.fetch = options.fetch ?? createNodeFetch();
    this.#storageDir = options.storageDir ?? join(process.cwd(), '.skitter', 'storage');
    this.#maxThreads = options.maxThreads ?? Math.max(1, availableParallelism() - 1);
    if (!(this.#maxThreads >= 1)) throw new RangeError(`[skitter] NodeLoopAdapter: maxThreads must be >= 1, got ${options.maxThreads}`);
    this.#threadEntryUrl = options.threadEntryUrl;
  }

  /** `performance.now()`, ms. */
  now(): number {
    return performance.now();
  }

  /** `Date.now()`, ms since the epoch. */
  wallClock(): number {
    return Date.now();
  }

  /** Runs `fn` once after `delayMs` ms (unref'ed timer). */
  callLater(delayMs: number, fn: () => void): DelayedCall {
    return new HostDelayedCall(delayMs, fn, { unref: true });
  }

  /** Runs `fn` every `intervalMs` ms until cancelled (unref'ed timer). */
  loopingCall(intervalMs: number, fn: () => void): DelayedCall {
    return new HostDelayedCall(intervalMs, fn, { intervalMs, unref: true });
  }

  /** Resolves after `ms` ms; rejects with `signal.reason` on abort. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return hostSleep(ms, signal, false);
  }

  /** Starts a `worker_threads` worker on the ES module at `moduleUrl`, in the web Worker shape. */
  spawnWorker(moduleUrl: string | URL, options?: { name?: string }): NodeWorker {
    return new NodeWorker(moduleUrl, options);
  }

  /**
   * Runs `task` on a pooled worker thread. `task.moduleUrl` must be absolute (`file:` URL, e.g.
   * `new URL('./task.ts', import.meta.url)`). `'registry:'` tasks run inline unless a
   * `threadEntryUrl` was configured.
   */
  runInThread<T>(task: ThreadTask): Promise<T> {
    if (isRegistryUrl(task.moduleUrl) && this.#threadEntryUrl === undefined) {
      return runRegisteredTask(task.exportName, task.args) as Promise<T>;
    }
    this.#pool ??= new ThreadPool({
      size: this.#maxThreads,
      spawn: () => new NodeWorker(this.#threadEntryUrl ?? defaultThreadEntryUrl(), { name: 'skitter-thread' }),
    });
    return this.#pool.run<T>(task);
  }

  /** A {@link FileStore} in `<storageDir>/<namespace>`. */
  openStore(namespace: string): KeyValueStore {
    return new FileStore(join(this.#storageDir, encodeFileName(namespace)));
  }

  /**
   * Keeps the process alive until every returned releaser was called (one ref'ed handle while any
   * hold is active). Releasing twice is a no-op.
   */
  keepAlive(reason: string): () => void {
    const token = Symbol(reason);
    this.#holds.set(token, reason);
    this.#holdHandle ??= setInterval(() => {}, 2 ** 31 - 1);
    return () => {
      if (!this.#holds.delete(token) || this.#holds.size > 0) return;
      clearInterval(this.#holdHandle);
      this.#holdHandle = undefined;
    };
  }

  /** Reasons of the holds currently keeping the process alive (to debug a process that will not exit). */
  get keepAliveReasons(): string[] {
    return [...this.#holds.values()];
  }

  /**
   * A fetch routed through the HTTP proxy at `proxyUrl` (undici's ProxyAgent); `proxyAuthorization`
   * goes to the proxy only. Cached per proxy and credentials.
   */
  proxyFetch(proxyUrl: string, proxyAuthorization?: string): typeof globalThis.fetch {
    const key = `${proxyUrl}\n${proxyAuthorization ?? ''}`;
    let f = this.#proxyFetches.get(key);
    if (!f) {
      f = createProxyFetch(proxyUrl, proxyAuthorization, this.fetch);
      this.#proxyFetches.set(key, f);
    }
    return f;
  }

  /** The process's resident set size in bytes (the MemoryUsage extension reads it). */
  memoryUsage(): number {
    return process.memoryUsage.rss();
  }

  /** Terminates the thread pool (pending tasks reject). The adapter stays usable: a later task starts a new pool. */
  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    await pool?.close();
  }
}
