/**
 * Every product of the skitter demo shop (`npx skitter demo` serves it on 127.0.0.1:8080): home ->
 * category listings (with their pagination) -> product pages, one item per product.
 * Arguments: `delay`, seconds between requests (Scrapy's `download_delay`), e.g. `delay=0.5`;
 * `render=yes` renders the category listings in background tabs (the product pages are still
 * fetched: one crawl mixes both).
 */
import { Spider, type TextResponse } from 'skitter/mv3';

export default class DemoShopSpider extends Spider {
  override name = 'demo-shop';
  override startUrls = ['http://127.0.0.1:8080/'];
  /** Seconds between requests to the shop; the downloader reads it (Scrapy's `download_delay`). */
  downloadDelay?: number;
  render = 'no';

  /** Spider argument `delay` (strings, as Scrapy's `-a`). */
  set delay(seconds: string) {
    this.downloadDelay = Number(seconds);
  }

  override *parse(response: TextResponse) {
    yield* response.followAll({ css: '.categories a' }, { callback: this.parseCategory, meta: this.listingMeta() });
  }

  *parseCategory(response: TextResponse) {
    yield* response.followAll({ css: '.product-card h2 a' }, { callback: this.parseProduct });
    const next = response.css('.pagination li.next a::attr(href)').get();
    if (next) yield response.follow(next, { callback: this.parseCategory, meta: this.listingMeta() });
  }

  /** `render: true` asks RenderedTabDownloadHandler for a background tab. */
  listingMeta(): Record<string, unknown> {
    return this.render === 'yes' ? { render: true } : {};
  }

  parseProduct(response: TextResponse) {
    const product = response.css('article.product');
    return {
      url: response.url,
      title: product.css('h1::text').get('').trim(),
      price: Number(product.css('.price::text').reFirst(/[\d.]+/)),
      availability: product.css('.availability::text').get('').trim(),
      rating: Number(product.css('.rating::attr(data-rating)').get()),
    };
  }
}
