/**
 * The virtual loop adapter: deterministic virtual time and a scripted HTTP transport, for tests
 * (skitter's own and users'). A crawl of 100 pages with DOWNLOAD_DELAY = 10 (s) runs in
 * milliseconds of real time, with exact virtual timings.
 * @module
 */
import type { Capability, DelayedCall, KeyValueStore, LoopAdapter, ThreadTask, WorkerLike } from './loop-adapter.ts';
import { MemoryStore } from './memory-store.ts';
import { executeThreadTask } from './thread-protocol.ts';
import { VirtualClock } from './virtual-clock.ts';
import { VirtualTransport } from './virtual-transport.ts';
import type { VirtualRequestRecord, VirtualRoutes } from './virtual-transport.ts';
import { NotSupportedError } from '../errors/not-supported-error.ts';

export type { VirtualRoute, VirtualRoutes, VirtualRequestRecord } from './virtual-transport.ts';

/** Options of {@link VirtualLoopAdapter}. All optional. */
export interface VirtualLoopAdapterOptions {
  /** The scripted routes (see {@link VirtualRoutes}). @default {} (everything answers 404) */
  routes?: VirtualRoutes;
  /** Virtual ms each response takes unless its route says otherwise. @default 0 */
  latencyMs?: number;
  /** Called when each request is sent, with its URL and the virtual time in ms. */
  onRequest?: (url: string, atMs: number) => void;
  /**
   * Run timers on their own, in real host macrotasks, as soon as microtasks settle. Set `false`
   * to drive time only with {@link VirtualLoopAdapter.advance} / {@link VirtualLoopAdapter.runUntilIdle}.
   * @default true
   */
  autoAdvance?: boolean;
  /** What `wallClock()` returns at virtual time 0, in ms since the epoch. @default 0 */
  wallClockStartMs?: number;
  /**
   * The declared capabilities, e.g. `[]` to test how components behave on an MV3-like platform.
   * @default ['manualRedirects', 'forbiddenHeaders', 'cookieJar'] (what the scripted transport does)
   */
  capabilities?: Iterable<Capability>;
}

/**
 * Deterministic loop adapter: `now()` starts at 0 and moves only when a timer runs; `fetch`
 * answers from scripted routes after virtual latencies; storage is in memory; `runInThread` runs
 * inline. Timers run in due-time order (ties in scheduling order), one per real macrotask.
 *
 * @see Scrapy's tests on `twisted.internet.task.Clock` (the same idea)
 * @example
 * const adapter = new VirtualLoopAdapter({ routes: { 'http://example.com/': '<a href="/b">b</a>' }, latencyMs: 100 });
 * const response = await adapter.fetch('http://example.com/');
 * adapter.now(); // 100
 */
export class VirtualLoopAdapter implements LoopAdapter {
  /** `'virtual'`. */
  readonly name = 'virtual';
  /** manualRedirects, forbiddenHeaders, cookieJar unless overridden. */
  readonly capabilities: ReadonlySet<Capability>;
  /** The scripted fetch. */
  readonly fetch: typeof globalThis.fetch;
  /** Every request the scripted fetch received, in order (`{ url, method, atMs, headers }`). */
  readonly requests: VirtualRequestRecord[];
  #clock: VirtualClock;
  #wallClockStartMs: number;
  #stores = new Map<string, MemoryStore>();
  #holds = new Map<symbol, string>();

  constructor(options: VirtualLoopAdapterOptions = {}) {
    this.#clock = new VirtualClock(options.autoAdvance ?? true);
    this.#wallClockStartMs = options.wallClockStartMs ?? 0;
    this.capabilities = new Set(options.capabilities ?? ['manualRedirects', 'forbiddenHeaders', 'cookieJar']);
    const transport = new VirtualTransport(this, options);
    this.fetch = transport.fetch as typeof globalThis.fetch;
    this.requests = transport.requests;
  }

  /** Virtual ms since the adapter was created. */
  now(): number {
    return this.#clock.now();
  }

  /** `wallClockStartMs + now()`. */
  wallClock(): number {
    return this.#wallClockStartMs + this.#clock.now();
  }

  /** Runs `fn` at virtual time `now() + delayMs`. */
  callLater(delayMs: number, fn: () => void): DelayedCall {
    return this.#clock.schedule(delayMs, fn);
  }

  /** Runs `fn` every `intervalMs` virtual ms until cancelled. */
  loopingCall(intervalMs: number, fn: () => void): DelayedCall {
    return this.#clock.schedule(intervalMs, fn, intervalMs);
  }

  /** Resolves at virtual time `now() + ms`; rejects with `signal.reason` on abort. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        call.cancel();
        reject(signal!.reason);
      };
      const call = this.#clock.schedule(ms, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** @throws {NotSupportedError} always: virtual time has no threads (use `runInThread`, inline here). */
  spawnWorker(_moduleUrl: string | URL, _options?: { name?: string }): WorkerLike {
    throw new NotSupportedError('[skitter] spawnWorker is not supported on virtual: virtual time has no threads; use runInThread (runs inline here)');
  }

  /** Runs `task` inline (registry or dynamic import), on the calling thread. */
  runInThread<T>(task: ThreadTask): Promise<T> {
    return executeThreadTask(task) as Promise<T>;
  }

  /** An in-memory store; the same namespace gives the same data for the adapter's lifetime. */
  openStore(namespace: string): KeyValueStore {
    let store = this.#stores.get(namespace);
    if (!store) this.#stores.set(namespace, (store = new MemoryStore()));
    return store;
  }

  /** Counts the hold (see {@link keepAliveReasons}); virtual time needs no keep-alive. */
  keepAlive(reason: string): () => void {
    const token = Symbol(reason);
    this.#holds.set(token, reason);
    return () => {
      this.#holds.delete(token);
    };
  }

  /** Reasons of the holds not released yet (to assert the engine released them all). */
  get keepAliveReasons(): string[] {
    return [...this.#holds.values()];
  }

  /** Number of pending timers (looping calls count once). */
  get pendingTimers(): number {
    return this.#clock.pendingTimers;
  }

  /** Runs every timer due within the next `ms` virtual ms, then sets `now()` to the window's end. */
  advance(ms: number): Promise<void> {
    return this.#clock.advance(ms);
  }

  /** Runs timers until none is pending (never returns while a looping call is active). */
  runUntilIdle(): Promise<void> {
    return this.#clock.runUntilIdle();
  }
}
