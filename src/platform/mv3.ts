/**
 * The loop adapter for Chrome MV3 extension service workers: no Workers, no dynamic `import()`,
 * a host that stops idle workers after 30 s and cuts fetches that take over 30 s.
 * @module
 */
import type { Capability, DelayedCall, KeyValueStore, LoopAdapter, ThreadTask, WorkerLike } from './loop-adapter.ts';
import { HostDelayedCall, hostSleep } from './host-timers.ts';
import { IdbStore } from './idb-store.ts';
import { isRegistryUrl, runRegisteredTask } from './thread-tasks.ts';
import { NotSupportedError } from '../errors/not-supported-error.ts';

/** Options of {@link Mv3LoopAdapter}. All optional. */
export interface Mv3LoopAdapterOptions {
  /** The fetch handed to the HTTP download handler. @default globalThis.fetch (looked up per call), with {@link credentials} */
  fetch?: typeof globalThis.fetch;
  /**
   * The `credentials` mode of the default fetch. `'include'` sends the browser's cookies for the
   * target site (the user's logged-in sessions), which an extension may do for origins it has host
   * permissions for; `'omit'` crawls as a stranger.
   * @default 'include'
   */
  credentials?: RequestCredentials;
  /** Prefix of the IndexedDB database names (`<dbPrefix>:<namespace>`). @default 'skitter' */
  dbPrefix?: string;
  /**
   * How often an active {@link Mv3LoopAdapter.keepAlive} hold calls an extension API. Chrome stops
   * a service worker after 30 s without one. @default 25_000
   */
  keepAliveIntervalMs?: number;
}

interface ChromeRuntime {
  getPlatformInfo?: () => Promise<unknown> | undefined;
}

/**
 * The loop adapter for Chrome MV3 extension service workers.
 *
 * - No capabilities: no threads, the browser's own cookie jar (sent with every request:
 *   `credentials: 'include'`), opaque manual redirects,
 *   forbidden headers dropped, no file system.
 * - `spawnWorker` throws {@link NotSupportedError}; `runInThread` runs inline and, because service
 *   workers forbid dynamic `import()`, only for tasks registered with `registerThreadTask`
 *   (`moduleUrl: 'registry:'`).
 * - `keepAlive`: Chrome's documented pattern, calling `chrome.runtime.getPlatformInfo()` every
 *   `keepAliveIntervalMs` while any hold is active.
 * - {@link maxFetchTimeoutMs}: Chrome stops a worker whose fetch response takes over 30 s, so the
 *   HTTP download handler caps DOWNLOAD_TIMEOUT to this value on this adapter.
 * - Storage: IndexedDB through idb-keyval ({@link IdbStore}).
 *
 * @see Scrapy's Twisted reactor / asyncio loop (the role this plays)
 */
export class Mv3LoopAdapter implements LoopAdapter {
  /** `'mv3'`. */
  readonly name = 'mv3';
  /** None. */
  readonly capabilities: ReadonlySet<Capability> = new Set<Capability>();
  /** The fetch given to ky. */
  readonly fetch: typeof globalThis.fetch;
  /** The longest a download may take here, in ms (Chrome's 30 s fetch limit, with a margin). */
  readonly maxFetchTimeoutMs = 25_000;
  #dbPrefix: string;
  #keepAliveIntervalMs: number;
  #holds = new Map<symbol, string>();
  #pinger: DelayedCall | undefined;

  constructor(options: Mv3LoopAdapterOptions = {}) {
    const credentials = options.credentials ?? 'include';
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, { ...init, credentials }));
    this.#dbPrefix = options.dbPrefix ?? 'skitter';
    this.#keepAliveIntervalMs = options.keepAliveIntervalMs ?? 25_000;
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

  /** @throws {NotSupportedError} always: extension service workers cannot create Workers. */
  spawnWorker(_moduleUrl: string | URL, _options?: { name?: string }): WorkerLike {
    throw new NotSupportedError(
      '[skitter] spawnWorker is not supported on mv3: extension service workers cannot create Workers; use an offscreen document, or runInThread (runs inline here)',
    );
  }

  /**
   * Runs a registered task inline.
   * @throws {NotSupportedError} (as a rejection) when `task.moduleUrl` is not `'registry:'`.
   */
  runInThread<T>(task: ThreadTask): Promise<T> {
    if (!isRegistryUrl(task.moduleUrl)) {
      return Promise.reject(new NotSupportedError(
        `[skitter] runInThread with a module URL is not supported on mv3: service workers forbid dynamic import(); register '${task.exportName}' with registerThreadTask() in your bundle and pass moduleUrl: 'registry:'`,
      ));
    }
    return runRegisteredTask(task.exportName, task.args) as Promise<T>;
  }

  /** An {@link IdbStore} in the IndexedDB database `<dbPrefix>:<namespace>`. */
  openStore(namespace: string): KeyValueStore {
    return new IdbStore(namespace, this.#dbPrefix);
  }

  /**
   * Keeps the service worker alive until every returned releaser was called, by calling
   * `chrome.runtime.getPlatformInfo()` now and every `keepAliveIntervalMs`. Releasing twice is a
   * no-op. Outside an extension (no `chrome.runtime`) the hold is only counted.
   */
  keepAlive(reason: string): () => void {
    const token = Symbol(reason);
    this.#holds.set(token, reason);
    if (!this.#pinger) {
      pingExtensionApi();
      this.#pinger = new HostDelayedCall(this.#keepAliveIntervalMs, pingExtensionApi, {
        intervalMs: this.#keepAliveIntervalMs,
        unref: false,
      });
    }
    return () => {
      if (!this.#holds.delete(token) || this.#holds.size > 0) return;
      this.#pinger?.cancel();
      this.#pinger = undefined;
    };
  }

  /** Reasons of the holds currently keeping the worker alive. */
  get keepAliveReasons(): string[] {
    return [...this.#holds.values()];
  }
}

function pingExtensionApi(): void {
  const runtime = (globalThis as { chrome?: { runtime?: ChromeRuntime } }).chrome?.runtime;
  try {
    void runtime?.getPlatformInfo?.()?.catch?.(() => {});
  } catch {
    // A failed ping only shortens the worker's life; the crawl itself is unaffected.
  }
}
