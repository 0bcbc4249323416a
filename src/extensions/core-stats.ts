import type { Crawler } from '../core/crawler.ts';
import { signals } from '../core/signals.ts';

/**
 * Scrapy's CoreStats extension: start/finish time, elapsed time, finish reason, and the item and
 * response counters (`item_scraped_count`, `item_dropped_count`, `response_received_count`, ...).
 */
export class CoreStats {
  #startMs = 0;

  constructor(crawler: Crawler) {
    const stats = crawler.stats;
    const adapter = crawler.adapter;
    crawler.signals.connect(signals.spiderOpened, () => {
      this.#startMs = adapter.now();
      stats.setValue('start_time', new Date(adapter.wallClock()).toISOString());
    });
    crawler.signals.connect(signals.spiderClosed, ({ reason }) => {
      const elapsedS = (adapter.now() - this.#startMs) / 1000;
      stats.setValue('elapsed_time_seconds', Math.round(elapsedS * 1e6) / 1e6);
      stats.setValue('finish_time', new Date(adapter.wallClock()).toISOString());
      stats.setValue('finish_reason', reason);
    });
    crawler.signals.connect(signals.itemScraped, () => stats.incValue('item_scraped_count'));
    crawler.signals.connect(signals.responseReceived, () => stats.incValue('response_received_count'));
    crawler.signals.connect(signals.itemDropped, ({ exception }) => {
      stats.incValue('item_dropped_count');
      const name = exception instanceof Error ? exception.name : 'DropItem';
      stats.incValue(`item_dropped_reasons_count/${name}`);
    });
    crawler.signals.connect(signals.itemError, () => stats.incValue('item_error_count'));
  }
}
