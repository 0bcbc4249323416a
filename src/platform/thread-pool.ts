/**
 * A small pool of workers that run {@link ThreadTask}s through a generic thread entry. Shared by
 * the Node and web adapters: it only speaks the web `WorkerLike` shape.
 * @module
 */
import type { ThreadTask, WorkerLike } from './loop-adapter.ts';
import { deserializeError } from './thread-protocol.ts';
import type { ThreadReply, ThreadRequest } from './thread-protocol.ts';

/** A pooled worker. `ref` / `unref` exist on Node, where idle workers must not keep the process alive. */
export interface PooledWorker extends WorkerLike {
  ref?(): void;
  unref?(): void;
}

/** Options of {@link ThreadPool}. */
export interface ThreadPoolOptions {
  /** Starts one worker running a thread entry (`node-thread-entry.ts` / `web-thread-entry.ts`). */
  spawn: () => PooledWorker;
  /** Most workers alive at once; tasks beyond it wait in FIFO order. Must be >= 1. */
  size: number;
}

interface Job {
  request: ThreadRequest;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: PooledWorker;
  job: Job | undefined;
  onMessage: (event: { data: unknown }) => void;
  onError: (event: { error?: unknown; message?: string }) => void;
}

/**
 * Runs tasks on up to `size` workers, started lazily and reused. A worker that fails (uncaught
 * error, unexpected exit) rejects its task and is replaced on demand. Idle workers are `unref`ed
 * where that exists, busy ones `ref`ed: an awaited task keeps Node alive, an idle pool does not.
 * @see Scrapy's `deferToThread` thread pool (REACTOR_THREADPOOL_MAXSIZE)
 */
export class ThreadPool {
  #spawn: () => PooledWorker;
  #size: number;
  #slots = new Set<Slot>();
  #idle: Slot[] = [];
  #queue: Job[] = [];
  #nextId = 1;
  #closed = false;

  /** @throws {RangeError} if `size` < 1. */
  constructor(options: ThreadPoolOptions) {
    if (!(options.size >= 1)) throw new RangeError(`[skitter] ThreadPool: size must be >= 1, got ${options.size}`);
    this.#spawn = options.spawn;
    this.#size = Math.floor(options.size);
  }

  /** Number of live workers (for tests and stats). */
  get workerCount(): number {
    return this.#slots.size;
  }

  /** Runs `task` on a worker; resolves with its result or rejects with its (rebuilt) error. */
  run<T>(task: ThreadTask): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('[skitter] ThreadPool: the pool is closed'));
    return new Promise<T>((resolve, reject) => {
      const request: ThreadRequest = {
        id: this.#nextId++,
        moduleUrl: String(task.moduleUrl),
        exportName: task.exportName,
        args: task.args,
      };
      this.#queue.push({ request, resolve: resolve as (value: unknown) => void, reject });
      this.#pump();
    });
  }

  /** Terminates every worker; pending and queued tasks reject. */
  async close(): Promise<void> {
    this.#closed = true;
    const closedError = new Error('[skitter] ThreadPool: the pool was closed before the task finished');
    for (const job of this.#queue.splice(0)) job.reject(closedError);
    const terminations: unknown[] = [];
    for (const slot of [...this.#slots]) {
      slot.job?.reject(closedError);
      terminations.push(this.#drop(slot));
    }
    await Promise.all(terminations);
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      let slot = this.#idle.pop();
      if (!slot) {
        if (this.#slots.size >= this.#size) return;
        try {
          slot = this.#start();
        } catch (error) {
          this.#queue.shift()!.reject(error);
          continue;
        }
      }
      this.#assign(slot, this.#queue.shift()!);
    }
  }

  #start(): Slot {
    const worker = this.#spawn();
    const slot: Slot = {
      worker,
      job: undefined,
      onMessage: (event) => this.#onMessage(slot, event.data as ThreadReply),
      onError: (event) => this.#onError(slot, event),
    };
    worker.addEventListener('message', slot.onMessage);
    worker.addEventListener('error', slot.onError);
    this.#slots.add(slot);
    return slot;
  }

  #assign(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref?.();
    try {
      slot.worker.postMessage(job.request);
    } catch (error) {
      // Arguments that cannot be cloned: the worker is fine, only this task fails.
      this.#release(slot);
      job.reject(error);
    }
  }

  #release(slot: Slot): void {
    slot.job = undefined;
    slot.worker.unref?.();
    this.#idle.push(slot);
  }

  #onMessage(slot: Slot, reply: ThreadReply): void {
    const job = slot.job;
    if (!job || reply?.id !== job.request.id) return;
    this.#release(slot);
    if (reply.ok) job.resolve(reply.value);
    else job.reject(deserializeError(reply.error));
    this.#pump();
  }

  #onError(slot: Slot, event: { error?: unknown; message?: string }): void {
    const job = slot.job;
    void this.#drop(slot);
    job?.reject(
      event.error ?? new Error(`[skitter] runInThread: the worker failed: ${event.message ?? 'unknown error'}`),
    );
    if (!this.#closed) this.#pump();
  }

  #drop(slot: Slot): unknown {
    this.#slots.delete(slot);
    const idleIndex = this.#idle.indexOf(slot);
    if (idleIndex !== -1) this.#idle.splice(idleIndex, 1);
    slot.job = undefined;
    slot.worker.removeEventListener('message', slot.onMessage as (event: never) => void);
    slot.worker.removeEventListener('error', slot.onError as (event: never) => void);
    return slot.worker.terminate();
  }
}
