import type { Crawler } from '../core/crawler.ts';
import { signals } from '../core/signals.ts';
import { NotConfigured } from '../errors/not-configured.ts';
import type { DelayedCall } from '../platform/loop-adapter.ts';

/**
 * Closes the spider when a condition is met, with a matching finish reason:
 * - CLOSESPIDER_TIMEOUT (seconds after the spider opened, on the loop adapter's clock): `closespider_timeout`;
 * - CLOSESPIDER_ITEMCOUNT (items scraped): `closespider_itemcount`;
 * - CLOSESPIDER_PAGECOUNT (responses received): `closespider_pagecount`;
 * - CLOSESPIDER_ERRORCOUNT (spider errors): `closespider_errorcount`;
 * - CLOSESPIDER_TIMEOUT_NO_ITEM (seconds; checked every that many seconds): `closespider_timeout_no_item`;
 * - CLOSESPIDER_PAGECOUNT_NO_ITEM (responses in a row without an item): `closespider_pagecount_no_item`.
 *
 * Closing is graceful, as in Scrapy: requests already downloading and outputs already being
 * processed still finish, so the final counts can exceed the limits by what was in flight.
 * Every setting defaults to 0 (off); with all of them off it raises NotConfigured.
 * @throws {NotConfigured} when no condition is set.
 * @see Scrapy's `scrapy.extensions.closespider.CloseSpider`
 */
export class CloseSpider {
  #crawler: Crawler;
  #timeoutS: number;
  #itemCount: number;
  #pageCount: number;
  #errorCount: number;
  #timeoutNoItemS: number;
  #pageCountNoItem: number;
  #counts = { items: 0, pages: 0, errors: 0, pagesSinceItem: 0, itemsInPeriod: 0 };
  #timers: DelayedCall[] = [];

  constructor(crawler: Crawler) {
    const s = crawler.settings;
    this.#crawler = crawler;
    this.#timeoutS = s.getFloat('CLOSESPIDER_TIMEOUT');
    this.#itemCount = s.getInt('CLOSESPIDER_ITEMCOUNT');
    this.#pageCount = s.getInt('CLOSESPIDER_PAGECOUNT');
    this.#errorCount = s.getInt('CLOSESPIDER_ERRORCOUNT');
    this.#timeoutNoItemS = s.getFloat('CLOSESPIDER_TIMEOUT_NO_ITEM', 0);
    this.#pageCountNoItem = s.getInt('CLOSESPIDER_PAGECOUNT_NO_ITEM', 0);
    if (!this.#timeoutS && !this.#itemCount && !this.#pageCount && !this.#errorCount && !this.#timeoutNoItemS && !this.#pageCountNoItem) {
      throw new NotConfigured('no CLOSESPIDER_* setting is set');
    }
    const sig = crawler.signals;
    if (this.#errorCount) sig.connect(signals.spiderError, () => this.#onError());
    if (this.#pageCount || this.#pageCountNoItem) sig.connect(signals.responseReceived, () => this.#onPage());
    if (this.#itemCount || this.#pageCountNoItem || this.#timeoutNoItemS) sig.connect(signals.itemScraped, () => this.#onItem());
    if (this.#timeoutS || this.#timeoutNoItemS) sig.connect(signals.spiderOpened, () => this.#onOpened());
    sig.connect(signals.spiderClosed, () => {
      for (const t of this.#timers) t.cancel();
    });
  }

  #onOpened(): void {
    const adapter = this.#crawler.adapter;
    if (this.#timeoutS) this.#timers.push(adapter.callLater(this.#timeoutS * 1000, () => this.#close('closespider_timeout')));
    if (this.#timeoutNoItemS) {
      this.#crawler.logger.info(`Spider will stop when no items are produced after ${this.#timeoutNoItemS} seconds.`);
      this.#timers.push(adapter.loopingCall(this.#timeoutNoItemS * 1000, () => {
        if (this.#counts.itemsInPeriod >= 1) {
          this.#counts.itemsInPeriod = 0;
          return;
        }
        this.#crawler.logger.info(`Closing spider since no items were produced in the last ${this.#timeoutNoItemS} seconds.`);
        this.#close('closespider_timeout_no_item');
      }));
    }
  }

  #onError(): void {
    if (++this.#counts.errors === this.#errorCount) this.#close('closespider_errorcount');
  }

  #onPage(): void {
    const c = this.#counts;
    c.pages++;
    c.pagesSinceItem++;
    if (c.pages === this.#pageCount) {
      this.#close('closespider_pagecount');
      return;
    }
    if (this.#pageCountNoItem && c.pagesSinceItem >= this.#pageCountNoItem) this.#close('closespider_pagecount_no_item');
  }

  #onItem(): void {
    const c = this.#counts;
    c.items++;
    c.itemsInPeriod++;
    c.pagesSinceItem = 0;
    if (c.items === this.#itemCount) this.#close('closespider_itemcount');
  }

  #close(reason: string): void {
    void this.#crawler.engine.closeSpider(reason);
  }
}
