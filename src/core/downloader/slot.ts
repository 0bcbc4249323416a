import type { DelayedCall } from '../../platform/loop-adapter.ts';
import type { Request } from '../../http/request.ts';
import type { Response } from '../../http/response.ts';

/** A request waiting in a slot, with the settle functions of its download promise. */
export interface QueuedDownload {
  request: Request;
  resolve: (response: Response) => void;
  reject: (error: unknown) => void;
}

/**
 * A download slot (Scrapy's `Slot`): one per domain (or per `download_slot` meta), with its own
 * concurrency, delay and queue. Delays are kept in ms internally.
 */
export class Slot {
  concurrency: number;
  /** Base delay between downloads in ms (DOWNLOAD_DELAY x 1000; AutoThrottle changes it). */
  delayMs: number;
  randomizeDelay: boolean;
  /** Requests assigned to this slot, queued or transferring. */
  readonly active = new Set<Request>();
  readonly queue: QueuedDownload[] = [];
  queueHead = 0;
  readonly transferring = new Set<Request>();
  /** Monotonic ms of the last download start (-Infinity: the first download never waits). */
  lastSeen = -Infinity;
  latercall: DelayedCall | undefined;

  constructor(concurrency: number, delayMs: number, randomizeDelay: boolean) {
    this.concurrency = concurrency;
    this.delayMs = delayMs;
    this.randomizeDelay = randomizeDelay;
  }

  get queued(): number {
    return this.queue.length - this.queueHead;
  }

  shift(): QueuedDownload | undefined {
    if (this.queueHead >= this.queue.length) return undefined;
    const item = this.queue[this.queueHead]!;
    this.queue[this.queueHead++] = undefined as unknown as QueuedDownload;
    if (this.queueHead === this.queue.length) {
      this.queue.length = 0;
      this.queueHead = 0;
    }
    return item;
  }

  freeTransferSlots(): number {
    return this.concurrency - this.transferring.size;
  }

  /** The delay before the next download, in ms: the base delay x U(0.5, 1.5) when randomized. */
  downloadDelayMs(): number {
    return this.randomizeDelay ? this.delayMs * (0.5 + Math.random()) : this.delayMs;
  }

  toString(): string {
    return `<downloader.Slot concurrency=${this.concurrency} delay=${(this.delayMs / 1000).toFixed(2)}s randomize_delay=${this.randomizeDelay} active=${this.active.size} queue=${this.queued} transferring=${this.transferring.size}>`;
  }
}
