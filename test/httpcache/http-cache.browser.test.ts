import { describe, expect, inject, it } from 'vitest';
import { CrawlerRunner, Request, Spider, signals, type TextResponse } from 'skitter';
import { createCatalogue } from '../../demo/site/catalogue.ts';
import { CONFORMANCE_CATALOGUE } from '../conformance/catalogue-options.ts';

const origin = inject('demoSites').page;

/** The first category's listing pages and their product cards. */
class CategorySpider extends Spider {
  override name = 'category';
  override async *start() {
    yield new Request(`${origin}/`);
  }
  override *parse(response: TextResponse) {
    yield response.follow(response.css('.categories a::attr(href)').get()!, { callback: this.parseCategory });
  }
  *parseCategory(response: TextResponse) {
    for (const card of response.css('.product-card')) yield { title: card.css('h2 a::text').get(), cached: response.flags.includes('cached') };
    const next = response.css('li.next a::attr(href)').get();
    if (next) yield response.follow(next, { callback: this.parseCategory });
  }
}

async function crawl(dbName: string): Promise<{ items: Array<{ title: string; cached: boolean }>; stats: Record<string, unknown> }> {
  const items: Array<{ title: string; cached: boolean }> = [];
  const crawler = new CrawlerRunner({ LOG_LEVEL: 'WARNING', HTTPCACHE_ENABLED: true, HTTPCACHE_DIR: dbName }).createCrawler(CategorySpider);
  crawler.signals.connect(signals.itemScraped, ({ item }) => { items.push(item as { title: string; cached: boolean }); });
  await crawler.crawl();
  return { items, stats: crawler.stats.getStats() };
}

describe('HTTP cache in a Chromium page (IndexedDB storage)', () => {
  it('the second crawl is answered entirely from IndexedDB', async () => {
    const catalogue = createCatalogue(CONFORMANCE_CATALOGUE);
    const first = catalogue.categories[0]!;
    const pages = 1 + first.pageCount;
    const dbName = `httpcache-test-${Date.now()}`;
    const one = await crawl(dbName);
    expect(one.items.map((i) => i.title).sort()).toEqual(first.productIds.map((id) => catalogue.products[id - 1]!.title).sort());
    expect(one.stats).toMatchObject({ 'httpcache/miss': pages, 'httpcache/store': pages });
    const two = await crawl(dbName);
    expect(two.items.map((i) => i.title).sort()).toEqual(one.items.map((i) => i.title).sort());
    expect(two.items.every((i) => i.cached)).toBe(true);
    expect(two.stats['httpcache/hit']).toBe(pages);
    expect(two.stats['httpcache/miss']).toBeUndefined();
    // The entries are in the named IndexedDB database, one per page.
    const count = await new Promise<number>((resolve, reject) => {
      const open = indexedDB.open(dbName);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const req = open.result.transaction('responses').objectStore('responses').count();
        req.onsuccess = () => { open.result.close(); resolve(req.result); };
        req.onerror = () => reject(req.error);
      };
    });
    expect(count).toBe(pages);
  });
});
