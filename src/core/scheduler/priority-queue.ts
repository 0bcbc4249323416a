import type { Request } from '../../http/request.ts';

/**
 * Requests of one priority: callback requests in a LIFO stack (Scrapy's default
 * SCHEDULER_MEMORY_QUEUE, depth-first) and start requests in a FIFO queue (Scrapy 2.13's
 * SCHEDULER_START_MEMORY_QUEUE), so start requests go out in yield order and, at equal priority,
 * callback requests go first.
 */
class Bucket {
  readonly regular: Request[] = [];
  readonly start: Request[] = [];
  startHead = 0;

  get size(): number {
    return this.regular.length + this.start.length - this.startHead;
  }

  pop(): Request | undefined {
    const r = this.regular.pop();
    if (r) return r;
    if (this.startHead < this.start.length) {
      const s = this.start[this.startHead]!;
      this.start[this.startHead++] = undefined as unknown as Request;
      // Compact now and then so a long FIFO does not keep its consumed head alive.
      if (this.startHead > 1024 && this.startHead * 2 > this.start.length) {
        this.start.splice(0, this.startHead);
        this.startHead = 0;
      }
      return s;
    }
    return undefined;
  }
}

/**
 * Scrapy's ScrapyPriorityQueue over memory queues: the highest `request.priority` goes first.
 * Priorities are few in practice (depth and retry adjustments), so they are kept in a small sorted
 * array of buckets.
 */
export class RequestPriorityQueue {
  #buckets = new Map<number, Bucket>();
  /** Distinct priorities, highest first. */
  #order: number[] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  push(request: Request, isStart: boolean): void {
    const p = request.priority;
    let bucket = this.#buckets.get(p);
    if (!bucket) {
      bucket = new Bucket();
      this.#buckets.set(p, bucket);
      let i = 0;
      while (i < this.#order.length && this.#order[i]! > p) i++;
      this.#order.splice(i, 0, p);
    }
    if (isStart) bucket.start.push(request);
    else bucket.regular.push(request);
    this.#size++;
  }

  pop(): Request | undefined {
    while (this.#order.length > 0) {
      const p = this.#order[0]!;
      const bucket = this.#buckets.get(p)!;
      const r = bucket.pop();
      if (r) {
        this.#size--;
        if (bucket.size === 0) {
          this.#buckets.delete(p);
          this.#order.shift();
        }
        return r;
      }
      this.#buckets.delete(p);
      this.#order.shift();
    }
    return undefined;
  }
}
