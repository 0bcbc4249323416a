import type { Crawler } from '../crawler.ts';
import { signals } from '../signals.ts';
import type { Request } from '../../http/request.ts';
import type { Response } from '../../http/response.ts';
import type { DelayedCall } from '../../platform/loop-adapter.ts';
import type { MaybePromise } from '../../utils/maybe-async.ts';
import { DownloadCancelledError } from '../../errors/download-cancelled-error.ts';
import { DownloaderMiddlewareManager } from './downloader-middleware-manager.ts';
import { DownloadHandlers } from './download-handlers.ts';
import { Slot, type QueuedDownload } from './slot.ts';

/** A DOWNLOAD_SLOTS entry (delay in seconds, as Scrapy). */
interface SlotOverride { concurrency?: number; delay?: number; randomize_delay?: boolean }

/** Meta key naming a request's download slot (Scrapy's `download_slot`). */
export const DOWNLOAD_SLOT_META = 'download_slot';

/** Seconds a slot may stay unused before it is dropped (Scrapy's slot GC age). */
const SLOT_GC_AGE_MS = 60_000;

/**
 * The interface of a downloader (DOWNLOADER setting): Scrapy's `Downloader` as the engine uses it.
 */
export interface DownloaderLike {
  /** Requests being processed (in middlewares, queued in a slot, or transferring). */
  readonly active: ReadonlySet<Request>;
  /** Downloads a request through the downloader middlewares. Resolves to a Response or a Request to schedule. */
  fetch(request: Request): Promise<Response | Request>;
  /** True when no more requests should be sent (CONCURRENT_REQUESTS reached). */
  needsBackout(): boolean;
  open?(): MaybePromise<void>;
  close?(): MaybePromise<void>;
  /**
   * A forced stop: cancels every transfer in flight and every download queued in a slot, and
   * starts no other; they reject with a DownloadCancelledError.
   */
  abortAll?(): void;
}

/**
 * Scrapy's Downloader: per-slot (per-domain) queues with their own concurrency and delay (with
 * 0.5-1.5x jitter when RANDOMIZE_DOWNLOAD_DELAY), a global CONCURRENT_REQUESTS cap, idle slots
 * cleaned up, and the downloader middleware chain around the download handlers.
 * @see https://docs.scrapy.org/en/latest/topics/settings.html#download-delay
 */
export class Downloader implements DownloaderLike {
  readonly active = new Set<Request>();
  /** Slots by key (hostname, or the request's `download_slot` meta). */
  readonly slots = new Map<string, Slot>();
  readonly middleware: DownloaderMiddlewareManager;
  readonly handlers: DownloadHandlers;
  #crawler: Crawler;
  #totalConcurrency: number;
  #domainConcurrency: number;
  #delayMs: number;
  #randomizeDelay: boolean;
  #slotSettings: Record<string, SlotOverride>;
  #gc: DelayedCall | undefined;
  #cancelled = false;
  #download = (request: Request): Promise<Response> => this.#enqueue(request);

  constructor(crawler: Crawler, middleware: DownloaderMiddlewareManager, handlers: DownloadHandlers) {
    const s = crawler.settings;
    this.#crawler = crawler;
    this.middleware = middleware;
    this.handlers = handlers;
    this.#totalConcurrency = s.getInt('CONCURRENT_REQUESTS');
    this.#domainConcurrency = s.getInt('CONCURRENT_REQUESTS_PER_DOMAIN');
    const spiderDelay = (crawler.spider as { downloadDelay?: unknown }).downloadDelay;
    this.#delayMs = (typeof spiderDelay === 'number' ? spiderDelay : s.getFloat('DOWNLOAD_DELAY')) * 1000;
    this.#randomizeDelay = s.getBool('RANDOMIZE_DOWNLOAD_DELAY');
    this.#slotSettings = s.getDict('DOWNLOAD_SLOTS') as Record<string, SlotOverride>;
  }

  async open(): Promise<void> {
    this.#gc = this.#crawler.adapter.loopingCall(SLOT_GC_AGE_MS, () => this.#slotGc());
    await this.middleware.openSpider(this.#crawler.spider);
  }

  async close(): Promise<void> {
    this.#gc?.cancel();
    for (const slot of this.slots.values()) slot.latercall?.cancel();
    await this.middleware.closeSpider(this.#crawler.spider);
    await this.handlers.close();
  }

  needsBackout(): boolean {
    return this.active.size >= this.#totalConcurrency;
  }

  abortAll(): void {
    this.#cancelled = true;
    for (const slot of this.slots.values()) {
      slot.latercall?.cancel();
      slot.latercall = undefined;
      for (let queued = slot.shift(); queued; queued = slot.shift()) queued.reject(cancelled(queued.request));
    }
    this.handlers.abortAll();
  }

  fetch(request: Request): Promise<Response | Request> {
    this.active.add(request);
    return this.middleware.download(request, this.#download).finally(() => {
      this.active.delete(request);
    });
  }

  /** The slot key of a request: its `download_slot` meta, else its hostname. */
  slotKey(request: Request): string {
    const key = request.meta[DOWNLOAD_SLOT_META];
    if (typeof key === 'string') return key;
    return hostnameOf(request.url);
  }

  /** The slot of a request, created on first use (AutoThrottle reads and adjusts it). */
  getSlot(request: Request): { key: string; slot: Slot } {
    const key = this.slotKey(request);
    let slot = this.slots.get(key);
    if (!slot) {
      const conf = this.#slotSettings[key] ?? {};
      slot = new Slot(
        conf.concurrency ?? this.#domainConcurrency,
        conf.delay !== undefined ? conf.delay * 1000 : this.#delayMs,
        conf.randomize_delay ?? this.#randomizeDelay,
      );
      this.slots.set(key, slot);
    }
    return { key, slot };
  }

  #enqueue(request: Request): Promise<Response> {
    if (this.#cancelled) return Promise.reject(cancelled(request));
    const { key, slot } = this.getSlot(request);
    request.meta[DOWNLOAD_SLOT_META] = key;
    slot.active.add(request);
    const s = this.#crawler.signals;
    if (s.hasHandlers(signals.requestReachedDownloader)) s.send(signals.requestReachedDownloader, { request, spider: this.#crawler.spider });
    const done = new Promise<Response>((resolve, reject) => {
      slot.queue.push({ request, resolve, reject });
    });
    this.#processQueue(slot);
    return done.finally(() => {
      slot.active.delete(request);
    });
  }

  #processQueue(slot: Slot): void {
    if (this.#cancelled || slot.latercall?.active) return;
    const adapter = this.#crawler.adapter;
    const now = adapter.now();
    const delay = slot.downloadDelayMs();
    if (delay > 0) {
      const penalty = delay - (now - slot.lastSeen);
      if (penalty > 0) {
        slot.latercall = adapter.callLater(penalty, () => {
          slot.latercall = undefined;
          this.#processQueue(slot);
        });
        return;
      }
    }
    while (slot.queued > 0 && slot.freeTransferSlots() > 0) {
      slot.lastSeen = now;
      this.#transfer(slot, slot.shift()!);
      if (delay > 0) {
        // One request per delay: schedule the next one instead of bursting.
        this.#processQueue(slot);
        break;
      }
    }
  }

  #transfer(slot: Slot, queued: QueuedDownload): void {
    const { request } = queued;
    slot.transferring.add(request);
    const spider = this.#crawler.spider;
    const adapter = this.#crawler.adapter;
    const startedMs = adapter.now();
    let result: Promise<Response>;
    try {
      result = Promise.resolve(this.handlers.download(request, spider));
    } catch (error) {
      result = Promise.reject(error);
    }
    result.then(
      (response) => {
        // Seconds, as Scrapy's download_latency (AutoThrottle reads it).
        request.meta.download_latency = (adapter.now() - startedMs) / 1000;
        const s = this.#crawler.signals;
        if (s.hasHandlers(signals.responseDownloaded)) s.send(signals.responseDownloaded, { response, request, spider });
        this.#finishTransfer(slot, request);
        queued.resolve(response);
      },
      (error: unknown) => {
        this.#finishTransfer(slot, request);
        // A transfer aborted by abortAll() fails with whatever the handler makes of the abort.
        queued.reject(this.#cancelled ? cancelled(request) : error);
      },
    );
  }

  #finishTransfer(slot: Slot, request: Request): void {
    slot.transferring.delete(request);
    this.#processQueue(slot);
    const s = this.#crawler.signals;
    if (s.hasHandlers(signals.requestLeftDownloader)) s.send(signals.requestLeftDownloader, { request, spider: this.#crawler.spider });
  }

  #slotGc(): void {
    const minTime = this.#crawler.adapter.now() - SLOT_GC_AGE_MS;
    for (const [key, slot] of this.slots) {
      if (slot.active.size === 0 && slot.queued === 0 && slot.lastSeen + slot.delayMs < minTime) {
        slot.latercall?.cancel();
        this.slots.delete(key);
      }
    }
  }
}

function cancelled(request: Request): DownloadCancelledError {
  return new DownloadCancelledError(`[skitter] Download of ${request} cancelled: the crawl was stopped (forced).`);
}

/** The hostname of a URL, without parsing the whole URL when it is a plain http(s) one. */
function hostnameOf(url: string): string {
  const start = url.indexOf('//');
  if (start < 0) return '';
  let end = start + 2;
  const n = url.length;
  while (end < n) {
    const c = url.charCodeAt(end);
    if (c === 47 || c === 63 || c === 35) break; // / ? #
    end++;
  }
  let host = url.slice(start + 2, end);
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1).toLowerCase();
  const colon = host.indexOf(':');
  return (colon >= 0 ? host.slice(0, colon) : host).toLowerCase();
}
