/**
 * Timers on the host's real `setTimeout`, shared by the Node, web and MV3 adapters.
 * @module
 */
import type { DelayedCall } from './loop-adapter.ts';

/** Hosts clamp delays above 2^31 - 1 ms (~24.8 days) to ~1 ms; longer delays are chained. */
const MAX_HOST_DELAY_MS = 2 ** 31 - 1;

type Handle = ReturnType<typeof globalThis.setTimeout>;

/** NaN and negative delays run as soon as possible, as in hosts; `Infinity` never fires. */
function toDelay(ms: number): number {
  return ms > 0 ? ms : 0;
}

function setHostTimer(delayMs: number, fn: () => void, unref: boolean): Handle {
  const handle = globalThis.setTimeout(fn, delayMs);
  // Node's Timeout has unref(); browsers return a number.
  if (unref) (handle as { unref?: () => void }).unref?.();
  return handle;
}

/**
 * A one-shot or repeating call on host timers.
 * @see Scrapy's `reactor.callLater` / `LoopingCall` (the Twisted originals)
 */
export class HostDelayedCall implements DelayedCall {
  #handle: Handle | undefined;
  #active = true;
  #fn: () => void;
  #unref: boolean;
  #intervalMs: number | undefined;

  /**
   * @param delayMs ms before the first call.
   * @param fn the callback.
   * @param options.intervalMs if set, repeat every `intervalMs` ms after the first call.
   * @param options.unref let a Node process exit while the timer is pending.
   */
  constructor(delayMs: number, fn: () => void, options: { intervalMs?: number; unref: boolean }) {
    this.#fn = fn;
    this.#unref = options.unref;
    this.#intervalMs = options.intervalMs === undefined ? undefined : toDelay(options.intervalMs);
    this.#schedule(toDelay(delayMs));
  }

  /** True until the (one-shot) call ran or the call was cancelled. */
  get active(): boolean {
    return this.#active;
  }

  /** Stops the call. Safe to call twice or after it ran. */
  cancel(): void {
    this.#active = false;
    if (this.#handle !== undefined) globalThis.clearTimeout(this.#handle);
    this.#handle = undefined;
  }

  #schedule(remainingMs: number): void {
    const stepMs = Math.min(remainingMs, MAX_HOST_DELAY_MS);
    this.#handle = setHostTimer(stepMs, () => {
      if (!this.#active) return;
      if (remainingMs > stepMs) return this.#schedule(remainingMs - stepMs);
      if (this.#intervalMs === undefined) {
        this.#active = false;
        this.#handle = undefined;
      } else {
        // Rescheduled before running so fn may cancel the loop.
        this.#schedule(this.#intervalMs);
      }
      this.#fn();
    }, this.#unref);
  }
}

/**
 * Resolves after `ms` ms on host timers; rejects with `signal.reason` when `signal` aborts first
 * (at once if it is already aborted).
 * @param unref let a Node process exit while the sleep is pending.
 */
export function hostSleep(ms: number, signal: AbortSignal | undefined, unref: boolean): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      call.cancel();
      reject(signal!.reason);
    };
    const call = new HostDelayedCall(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, { unref });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
