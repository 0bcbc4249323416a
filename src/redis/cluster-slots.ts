/**
 * Politeness for the whole cluster: DOWNLOAD_DELAY and CONCURRENT_REQUESTS_PER_DOMAIN (and
 * DOWNLOAD_SLOTS overrides) hold per download slot across every worker, not per process. A leased
 * request waits here until Redis grants its slot a permit (see PERMIT_SCRIPT); the worker's own
 * downloader slot then sends it at once, because its local delay is set to 0 (the delay was
 * already waited for in Redis, and waiting twice would let another worker's request slip in
 * between the grant and the send).
 * @module
 */
import type { Crawler } from '../core/crawler.ts';
import type { Request } from '../http/request.ts';
import type { PermitAsk } from './frontier.ts';

/** A slot's limits as the local downloader would apply them. */
interface SlotLimits {
  concurrency: number;
  delayMs: number;
  randomizeDelay: boolean;
}

/** The parts of skitter's Downloader this reads (a custom DOWNLOADER may lack them). */
interface SlotSource {
  slotKey(request: Request): string;
  getSlot(request: Request): { key: string; slot: SlotLimits };
}

/** A request waiting for its slot's permit. */
export interface SlotWaiter {
  request: Request;
  slot: string;
}

/** Reads each slot's limits once and keeps local slots from adding a delay of their own. */
export class ClusterSlots {
  #crawler: Crawler;
  #limits = new Map<string, SlotLimits>();
  #defaults: SlotLimits;

  constructor(crawler: Crawler) {
    this.#crawler = crawler;
    const s = crawler.settings;
    const spiderDelay = (crawler.spider as { downloadDelay?: unknown }).downloadDelay;
    this.#defaults = {
      concurrency: s.getInt('CONCURRENT_REQUESTS_PER_DOMAIN'),
      delayMs: (typeof spiderDelay === 'number' ? spiderDelay : s.getFloat('DOWNLOAD_DELAY')) * 1000,
      randomizeDelay: s.getBool('RANDOMIZE_DOWNLOAD_DELAY'),
    };
  }

  #source(): Partial<SlotSource> {
    return this.#crawler.engine.downloader as unknown as Partial<SlotSource>;
  }

  /** The slot key of `request`, as the downloader computes it. */
  slotOf(request: Request): string {
    const source = this.#source();
    if (typeof source.slotKey === 'function') return source.slotKey(request);
    try {
      return new URL(request.url).hostname;
    } catch {
      return '';
    }
  }

  /** The cluster-wide limits of `slot` (read from the local downloader slot the first time). */
  limits(slot: string, request: Request): SlotLimits {
    let limits = this.#limits.get(slot);
    if (!limits) {
      const source = this.#source();
      const local = typeof source.getSlot === 'function' ? source.getSlot(request).slot : undefined;
      limits = local ? { concurrency: local.concurrency, delayMs: local.delayMs, randomizeDelay: local.randomizeDelay } : this.#defaults;
      this.#limits.set(slot, limits);
    }
    return limits;
  }

  /** Sets the local slot of `request` to send without delay (Redis already spaced it). */
  sendNow(request: Request): void {
    const source = this.#source();
    if (typeof source.getSlot !== 'function') return;
    const { key, slot } = source.getSlot(request);
    if (!this.#limits.has(key)) this.limits(key, request);
    slot.delayMs = 0;
  }

  /**
   * The permit asks for `waiting`, one per slot (members named by `nextMember`), in the order
   * slots first appear. With a delay only one request per slot can be granted per call.
   */
  asks(waiting: readonly SlotWaiter[], nextMember: () => string): Array<PermitAsk & { waiters: SlotWaiter[] }> {
    const bySlot = new Map<string, PermitAsk & { waiters: SlotWaiter[] }>();
    for (const w of waiting) {
      let ask = bySlot.get(w.slot);
      if (!ask) {
        const l = this.limits(w.slot, w.request);
        const delayMs = l.delayMs > 0 && l.randomizeDelay ? l.delayMs * (0.5 + Math.random()) : l.delayMs;
        ask = { slot: w.slot, concurrency: l.concurrency, delayMs, members: [], waiters: [] };
        bySlot.set(w.slot, ask);
      }
      const cap = ask.delayMs > 0 ? 1 : ask.concurrency;
      if (ask.members.length < cap) {
        ask.members.push(nextMember());
        ask.waiters.push(w);
      }
    }
    return [...bySlot.values()];
  }
}
