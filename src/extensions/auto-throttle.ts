import type { Crawler } from '../core/crawler.ts';
import type { Slot } from '../core/downloader/slot.ts';
import { signals } from '../core/signals.ts';
import { NotConfigured } from '../errors/not-configured.ts';
import type { Request } from '../http/request.ts';
import type { Response } from '../http/response.ts';

/** What AutoThrottle needs from the downloader: the built-in Downloader's slots. */
interface SlotSource {
  getSlot(request: Request): { key: string; slot: Slot };
}

/**
 * Adjusts each download slot's delay to the server's latency (Scrapy's algorithm). A slot starts at
 * AUTOTHROTTLE_START_DELAY; on each response, with `latency` its download latency:
 * `target = latency / AUTOTHROTTLE_TARGET_CONCURRENCY`, `next = max(target, (delay + target) / 2)`,
 * bounded to [DOWNLOAD_DELAY, AUTOTHROTTLE_MAX_DELAY]; a non-200 response may raise the delay but
 * never lower it. Requests with `meta.autothrottle_dont_adjust_delay: true` leave it alone.
 *
 * The latency is `meta.download_latency` (seconds), which the downloader records on the loop
 * adapter's clock from the moment the download handler is called to the response.
 *
 * Settings (seconds, as Scrapy): AUTOTHROTTLE_ENABLED (default false), AUTOTHROTTLE_START_DELAY (5),
 * AUTOTHROTTLE_MAX_DELAY (60), AUTOTHROTTLE_TARGET_CONCURRENCY (1; must be > 0),
 * AUTOTHROTTLE_DEBUG (false: true logs every adjustment at INFO as
 * `slot: <key> | conc: N | delay: N ms (+N) | latency: N ms | size: N bytes`).
 * @throws {NotConfigured} when disabled or when the target concurrency is not above 0.
 * @see https://docs.scrapy.org/en/latest/topics/autothrottle.html
 */
export class AutoThrottle {
  /** AUTOTHROTTLE_TARGET_CONCURRENCY. */
  readonly targetConcurrency: number;
  #crawler: Crawler;
  #debug: boolean;
  #minDelayMs = 0;
  #maxDelayMs = 0;
  #startDelayMs = 0;
  #configuredSlots: Record<string, { delay?: number }>;
  /** Slots whose start delay was set (a slot dropped and created again starts over, as in Scrapy). */
  #seen = new WeakSet<Slot>();

  constructor(crawler: Crawler) {
    const s = crawler.settings;
    if (!s.getBool('AUTOTHROTTLE_ENABLED')) throw new NotConfigured('AUTOTHROTTLE_ENABLED is false');
    this.targetConcurrency = s.getFloat('AUTOTHROTTLE_TARGET_CONCURRENCY');
    if (this.targetConcurrency <= 0) throw new NotConfigured(`AUTOTHROTTLE_TARGET_CONCURRENCY (${this.targetConcurrency}) must be higher than 0.`);
    this.#crawler = crawler;
    this.#debug = s.getBool('AUTOTHROTTLE_DEBUG');
    this.#configuredSlots = s.getDict('DOWNLOAD_SLOTS') as Record<string, { delay?: number }>;
    crawler.signals.connect(signals.spiderOpened, () => this.#opened());
    crawler.signals.connect(signals.requestReachedDownloader, ({ request }) => this.#reached(request));
    crawler.signals.connect(signals.responseDownloaded, ({ response, request }) => this.#downloaded(response, request));
  }

  #opened(): void {
    const s = this.#crawler.settings;
    const spider = this.#crawler.spider as { downloadDelay?: unknown };
    const minDelayS = typeof spider.downloadDelay === 'number' ? spider.downloadDelay : s.getFloat('DOWNLOAD_DELAY');
    this.#minDelayMs = minDelayS * 1000;
    this.#maxDelayMs = s.getFloat('AUTOTHROTTLE_MAX_DELAY') * 1000;
    this.#startDelayMs = Math.max(this.#minDelayMs, s.getFloat('AUTOTHROTTLE_START_DELAY') * 1000);
    // As Scrapy: the spider's download delay becomes the start delay.
    spider.downloadDelay = this.#startDelayMs / 1000;
  }

  /** The slot exists once a request reached the downloader: give a new one the start delay. */
  #reached(request: Request): void {
    const found = this.#slotOf(request);
    if (!found || this.#seen.has(found.slot)) return;
    this.#seen.add(found.slot);
    if (this.#configuredSlots[found.key]?.delay === undefined) found.slot.delayMs = this.#startDelayMs;
  }

  #downloaded(response: Response, request: Request): void {
    const meta = request.meta;
    const recorded = meta.download_latency;
    const latencyMs = typeof recorded === 'number' ? recorded * 1000 : undefined;
    const found = this.#slotOf(request);
    if (latencyMs === undefined || !found || meta.autothrottle_dont_adjust_delay === true) return;
    const { key, slot } = found;
    const oldDelayMs = slot.delayMs;
    this.#adjustDelay(slot, latencyMs, response);
    if (this.#debug) {
      const diff = Math.trunc(slot.delayMs - oldDelayMs);
      this.#crawler.logger.info(
        `slot: ${key} | conc:${pad(slot.transferring.size, 2)} | delay:${pad(slot.delayMs, 5)} ms (${diff >= 0 ? '+' : ''}${diff}) | ` +
        `latency:${pad(latencyMs, 5)} ms | size:${pad(response.body.byteLength, 6)} bytes`,
      );
    }
  }

  /** Scrapy's `_adjust_delay`, in ms. */
  #adjustDelay(slot: Slot, latencyMs: number, response: Response): void {
    const target = latencyMs / this.targetConcurrency;
    let next = Math.max(target, (slot.delayMs + target) / 2);
    next = Math.min(Math.max(this.#minDelayMs, next), this.#maxDelayMs);
    // Error pages and redirects are small and fast: letting them lower the delay feeds back.
    if (response.status !== 200 && next <= slot.delayMs) return;
    slot.delayMs = next;
  }

  #slotOf(request: Request): { key: string; slot: Slot } | undefined {
    const downloader = this.#crawler.engine.downloader as unknown as Partial<SlotSource>;
    return typeof downloader.getSlot === 'function' ? downloader.getSlot(request) : undefined;
  }


}

/** Python's `%Nd`: truncated to an integer, right-aligned to `width`. */
function pad(value: number, width: number): string {
  return String(Math.trunc(value)).padStart(width, ' ');
}
