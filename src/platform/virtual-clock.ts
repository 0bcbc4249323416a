/**
 * Deterministic virtual time: a timer queue whose clock moves only when timers run.
 * @module
 */
import type { DelayedCall } from './loop-adapter.ts';

interface Timer {
  due: number;
  seq: number;
  intervalMs: number | undefined;
  fn: () => void;
  active: boolean;
}

let macrotaskChannel: { port: MessagePort; queue: Array<() => void> } | undefined;

/**
 * Runs `fn` in a real host macrotask, i.e. after every pending microtask (and, in Node,
 * `process.nextTick` callback) has run: `setImmediate` where it exists, else a `MessageChannel`
 * (no 4 ms clamp, unlike nested `setTimeout(0)`), else `setTimeout(0)`.
 */
export function hostMacrotask(fn: () => void): void {
  const g = globalThis as { setImmediate?: (callback: () => void) => unknown };
  if (typeof g.setImmediate === 'function') {
    g.setImmediate(fn);
  } else if (typeof MessageChannel === 'function') {
    if (!macrotaskChannel) {
      const channel = new MessageChannel();
      const queue: Array<() => void> = [];
      channel.port1.onmessage = () => queue.shift()?.();
      macrotaskChannel = { port: channel.port2, queue };
    }
    macrotaskChannel.queue.push(fn);
    macrotaskChannel.port.postMessage(undefined);
  } else {
    globalThis.setTimeout(fn, 0);
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}

class VirtualDelayedCall implements DelayedCall {
  #timer: Timer;
  #onCancel: (timer: Timer) => void;

  constructor(timer: Timer, onCancel: (timer: Timer) => void) {
    this.#timer = timer;
    this.#onCancel = onCancel;
  }

  get active(): boolean {
    return this.#timer.active;
  }

  cancel(): void {
    if (this.#timer.active) this.#onCancel(this.#timer);
  }
}

/**
 * A virtual clock with a timer queue ordered by due time, then scheduling order.
 *
 * With `autoAdvance` (the default), whenever timers are pending the clock arranges a real host
 * macrotask that runs the earliest timer, moving `now()` to its due time, and repeats while
 * timers remain. One timer runs per macrotask, so every microtask chain started by a timer settles
 * (and may schedule more timers) before the next timer runs, as with Node's real timers. Work that
 * waits on real I/O does not hold the clock back: virtual time is for scripted transports.
 */
export class VirtualClock {
  #now = 0;
  #seq = 0;
  #heap: Timer[] = [];
  #activeCount = 0;
  #autoAdvance: boolean;
  #stepScheduled = false;

  /** @param autoAdvance run due timers on their own (see class doc). @default true */
  constructor(autoAdvance = true) {
    this.#autoAdvance = autoAdvance;
  }

  /** Virtual ms since the clock was created. */
  now(): number {
    return this.#now;
  }

  /** Number of active (not yet run, not cancelled) timers; looping calls count once. */
  get pendingTimers(): number {
    return this.#activeCount;
  }

  /**
   * Schedules `fn` at `now() + delayMs` (negative / NaN delays count as 0), repeating every
   * `intervalMs` after that if given.
   */
  schedule(delayMs: number, fn: () => void, intervalMs?: number): DelayedCall {
    const timer: Timer = {
      due: this.#now + (delayMs > 0 ? delayMs : 0),
      seq: this.#seq++,
      intervalMs: intervalMs === undefined ? undefined : intervalMs > 0 ? intervalMs : 0,
      fn,
      active: true,
    };
    this.#activeCount++;
    this.#push(timer);
    this.#requestStep();
    return new VirtualDelayedCall(timer, (t) => {
      t.active = false;
      this.#activeCount--;
    });
  }

  /**
   * Runs, in order, every timer due within the next `ms` virtual ms (letting microtasks settle
   * after each), then sets `now()` to the end of the window.
   */
  async advance(ms: number): Promise<void> {
    const target = this.#now + Math.max(0, ms);
    for (let next = this.#peek(); next && next.due <= target; next = this.#peek()) {
      this.#runNext();
      await new Promise<void>((resolve) => hostMacrotask(resolve));
    }
    this.#now = Math.max(this.#now, target);
  }

  /** Runs timers until none is pending. Never returns while an uncancelled looping call exists. */
  async runUntilIdle(): Promise<void> {
    while (this.#peek()) {
      this.#runNext();
      await new Promise<void>((resolve) => hostMacrotask(resolve));
    }
  }

  #requestStep(): void {
    if (!this.#autoAdvance || this.#stepScheduled || this.#activeCount === 0) return;
    this.#stepScheduled = true;
    hostMacrotask(() => {
      this.#stepScheduled = false;
      try {
        this.#runNext();
      } finally {
        this.#requestStep();
      }
    });
  }

  /** Runs the earliest active timer, if any. A throwing timer propagates like a host timer's error. */
  #runNext(): void {
    const timer = this.#peek();
    if (!timer) return;
    this.#pop();
    this.#now = Math.max(this.#now, timer.due);
    if (timer.intervalMs === undefined) {
      timer.active = false;
      this.#activeCount--;
    } else {
      // Requeued before running so the callback may cancel the loop.
      timer.due = this.#now + timer.intervalMs;
      timer.seq = this.#seq++;
      this.#push(timer);
    }
    timer.fn();
  }

  /** The earliest active timer, dropping cancelled ones from the top. */
  #peek(): Timer | undefined {
    while (this.#heap.length > 0 && !this.#heap[0]!.active) this.#pop();
    return this.#heap[0];
  }

  #push(timer: Timer): void {
    const heap = this.#heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  #pop(): void {
    const heap = this.#heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }
}
