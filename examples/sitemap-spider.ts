/**
 * The demo shop scraped from its sitemaps: robots.txt names the sitemap index, whose sitemaps list
 * every product. Shows `customSettings` and an item pipeline that drops what we don't want.
 *
 *   skitter runspider examples/sitemap-spider.ts -a site=http://127.0.0.1:8080 -O in-stock.csv
 */
import { DropItem, SitemapSpider, type SitemapRule, type TextResponse } from 'skitter';

interface Offer {
  url: string;
  title: string | null;
  price: number;
  inStock: boolean;
}

/** Keeps the products in stock (Scrapy's "drop items" pipeline idiom). */
class InStockPipeline {
  processItem(item: Offer): Offer {
    if (!item.inStock) throw new DropItem(`out of stock: ${item.url}`);
    return item;
  }
}

export default class ShopSitemapSpider extends SitemapSpider {
  override name = 'shop-sitemap';
  /** The shop's origin (`-a site=...`). */
  site = 'http://127.0.0.1:8080';

  override sitemapRules: SitemapRule[] = [['/product/', 'parseProduct']];
  override customSettings = {
    CONCURRENT_REQUESTS_PER_DOMAIN: 4,
    ITEM_PIPELINES: { InStockPipeline: { use: InStockPipeline, order: 300 } },
  };

  override async *start() {
    this.sitemapUrls = [`${this.site}/robots.txt`];
    yield* super.start();
  }

  parseProduct(response: TextResponse): Offer {
    return {
      url: response.url,
      title: response.css('h1::text').get(),
      price: Number(response.css('.price::text').reFirst(/[\d.]+/)),
      inStock: response.css('.availability::text').get('').trim() === 'In stock',
    };
  }
}
