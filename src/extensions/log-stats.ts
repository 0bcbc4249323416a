import type { Crawler } from '../core/crawler.ts';
import { signals } from '../core/signals.ts';
import { NotConfigured } from '../errors/not-configured.ts';
import type { DelayedCall } from '../platform/loop-adapter.ts';

/**
 * Logs, at INFO, `Crawled N pages (at X pages/min), scraped M items (at Y items/min)` when the
 * spider opens and every LOGSTATS_INTERVAL seconds (rates over the last interval, truncated to
 * integers), and at close sets the stats `responses_per_minute` and `items_per_minute` (totals
 * over the whole minutes-and-seconds elapsed, whole seconds as Scrapy counts them; `null` when the
 * crawl took under one second).
 *
 * Settings: LOGSTATS_INTERVAL (seconds, default 60; 0 raises NotConfigured). Timers come from the
 * loop adapter, so virtual time gives exact lines.
 * @throws {NotConfigured} when LOGSTATS_INTERVAL is 0.
 * @see Scrapy's `scrapy.extensions.logstats.LogStats`
 */
export class LogStats {
  /** LOGSTATS_INTERVAL in seconds. */
  readonly intervalS: number;
  #crawler: Crawler;
  #multiplier: number;
  #task: DelayedCall | undefined;
  #pagesPrev = 0;
  #itemsPrev = 0;
  #startMs = 0;

  constructor(crawler: Crawler) {
    this.intervalS = crawler.settings.getFloat('LOGSTATS_INTERVAL');
    if (!this.intervalS) throw new NotConfigured('LOGSTATS_INTERVAL is 0');
    this.#crawler = crawler;
    this.#multiplier = 60 / this.intervalS;
    crawler.signals.connect(signals.spiderOpened, () => this.#opened());
    crawler.signals.connect(signals.spiderClosed, () => this.#closed());
  }

  #opened(): void {
    this.#pagesPrev = 0;
    this.#itemsPrev = 0;
    this.#startMs = this.#crawler.adapter.now();
    // Twisted's LoopingCall.start() runs once at once, then every interval.
    this.#log();
    this.#task = this.#crawler.adapter.loopingCall(this.intervalS * 1000, () => this.#log());
  }

  #log(): void {
    const stats = this.#crawler.stats;
    const items = stats.getValue<number>('item_scraped_count', 0)!;
    const pages = stats.getValue<number>('response_received_count', 0)!;
    const itemRate = Math.trunc((items - this.#itemsPrev) * this.#multiplier);
    const pageRate = Math.trunc((pages - this.#pagesPrev) * this.#multiplier);
    this.#pagesPrev = pages;
    this.#itemsPrev = items;
    this.#crawler.logger.info(`Crawled ${pages} pages (at ${pageRate} pages/min), scraped ${items} items (at ${itemRate} items/min)`);
  }

  #closed(): void {
    this.#task?.cancel();
    const stats = this.#crawler.stats;
    // Scrapy divides by timedelta.seconds / 60: whole seconds.
    const minutes = Math.floor((this.#crawler.adapter.now() - this.#startMs) / 1000) / 60;
    const items = stats.getValue<number>('item_scraped_count', 0)!;
    const pages = stats.getValue<number>('response_received_count', 0)!;
    stats.setValue('responses_per_minute', minutes > 0 ? pages / minutes : null);
    stats.setValue('items_per_minute', minutes > 0 ? items / minutes : null);
  }
}
