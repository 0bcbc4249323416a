/**
 * The loop adapter: the one seam between skitter's runtime-neutral engine and the platform it runs
 * on. It plays the part of Scrapy's Twisted reactor / asyncio event loop: timers, threads, fetch and
 * storage all come from here, so the engine itself touches only web-standard globals.
 *
 * Implementations, one file each: `node.ts` (worker_threads, file store), `web.ts` (pages and
 * dedicated Web Workers), `mv3.ts` (extension service workers) and `virtual.ts` (deterministic
 * virtual time with a scripted transport, for tests).
 *
 * @see https://docs.scrapy.org/en/latest/topics/asyncio.html (the reactor's role)
 * @module
 */

/** A scheduled call that can be cancelled. `cancel()` is safe to call twice or after it ran. */
export interface DelayedCall {
  /** Stops the call from running (or, for a looping call, from running again). Idempotent. */
  cancel(): void;
  /** True until the call ran (one-shot) or was cancelled. */
  readonly active: boolean;
}

/** A minimal key-value store (async), the shape of idb-keyval / unstorage drivers. */
export interface KeyValueStore {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
  clear(): Promise<void>;
}

/**
 * A thread in the web `postMessage` shape (a dedicated Worker). Node's worker_threads are adapted
 * to it, not the reverse (comlink's rule).
 */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'error', listener: (event: { error?: unknown; message?: string }) => void): void;
  removeEventListener(type: 'message' | 'error', listener: (event: never) => void): void;
  terminate(): void | Promise<unknown>;
}

/** What a platform can do. Components check with {@link requireCapability}. */
export type Capability =
  /** Real OS threads / Web Workers for {@link LoopAdapter.spawnWorker}. */
  | 'threads'
  /** `fetch(..., { redirect: 'manual' })` shows the 3xx and its Location (Node); browsers hide it. */
  | 'manualRedirects'
  /** Request headers browsers forbid (Cookie, Host, Origin, Referer, User-Agent) can be set. */
  | 'forbiddenHeaders'
  /** The platform's fetch keeps no cookie jar of its own, so CookiesMiddleware must. */
  | 'cookieJar'
  /** Local files: `file:` URLs and file feeds. */
  | 'fileSystem'
  /** HTTP proxies per request (HttpProxyMiddleware). */
  | 'proxies'
  /** fetch returns still-encoded bodies (gzip/br/deflate) that HttpCompressionMiddleware must decode. */
  | 'encodedBodies'
  /** Process-level memory readings (MemoryUsage extension). */
  | 'memoryUsage'
  /** A terminal / stdout stream for feeds and progress lines. */
  | 'stdout';

/** A task for {@link LoopAdapter.runInThread}: a module URL and the name of an exported function. */
export interface ThreadTask {
  /** URL of an ES module the worker imports (must be reachable by the platform's worker). */
  moduleUrl: string | URL;
  /** Name of the exported (possibly async) function to call. */
  exportName: string;
  /** Arguments; must be structured-cloneable. */
  args: unknown[];
}

/**
 * The platform seam. Every time value is in milliseconds.
 */
export interface LoopAdapter {
  /** Short platform name used in messages: `node`, `web`, `mv3`, `virtual`, or a custom one. */
  readonly name: string;
  /** What this platform supports. */
  readonly capabilities: ReadonlySet<Capability>;
  /** Monotonic clock, in ms (any origin; only differences are meaningful). */
  now(): number;
  /** Wall clock, in ms since the Unix epoch (for `start_time` / `finish_time` stats). */
  wallClock(): number;
  /** Runs `fn` once after `delayMs` ms. Must not keep a finished Node process alive. */
  callLater(delayMs: number, fn: () => void): DelayedCall;
  /** Runs `fn` every `intervalMs` ms (first call after one interval) until cancelled. */
  loopingCall(intervalMs: number, fn: () => void): DelayedCall;
  /** Resolves after `ms` ms; rejects with `signal.reason` if the signal aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** The fetch given to ky by the HTTP download handler. */
  readonly fetch: typeof globalThis.fetch;
  /**
   * Starts a worker running the ES module at `moduleUrl`.
   * @throws {NotSupportedError} where the platform has no threads (MV3 service workers).
   */
  spawnWorker(moduleUrl: string | URL, options?: { name?: string }): WorkerLike;
  /**
   * Runs `task` off the main thread where the platform has threads, inline otherwise (the analog
   * of Scrapy's `run_in_thread`). Resolves with the function's return value.
   */
  runInThread<T>(task: ThreadTask): Promise<T>;
  /** A key-value store for `namespace` (a file store in Node, IndexedDB in browsers). */
  openStore(namespace: string): KeyValueStore;
  /**
   * Keeps the host alive while a crawl runs (MV3: Chrome's documented keep-alive; elsewhere a
   * no-op). Returns a function that releases the hold.
   */
  keepAlive(reason: string): () => void;
  /**
   * The longest a single fetch may take on this platform, in ms (MV3: Chrome stops a service worker
   * whose fetch takes over 30 s). The HTTP handler caps DOWNLOAD_TIMEOUT to it. Unset: no cap.
   */
  readonly maxFetchTimeoutMs?: number;
  /**
   * A fetch that routes through the HTTP proxy at `proxyUrl`, sending `proxyAuthorization` to the
   * proxy only. Present where the platform has the `proxies` capability.
   */
  proxyFetch?(proxyUrl: string, proxyAuthorization?: string): typeof globalThis.fetch;
  /** The process's resident memory in bytes, where the platform can tell (`memoryUsage` capability). */
  memoryUsage?(): number;
  /** Releases the adapter's resources (thread pools). Optional. */
  close?(): Promise<void>;
}
