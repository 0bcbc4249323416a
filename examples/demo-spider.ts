/**
 * Scrapes every product of the demo shop (`skitter demo` serves it and runs this spider):
 * home page -> category listings (following the "next" pagination) -> product pages, one item
 * per product. Run it against a demo site you started yourself with
 * `skitter runspider examples/demo-spider.ts -a site=http://127.0.0.1:8080 -o products.jsonl`.
 */
import { Request, Spider, type TextResponse } from 'skitter';

/** One scraped product. */
export interface ProductItem {
  url: string;
  title: string;
  /** In pounds. */
  price: number;
  availability: string;
  /** 1 to 5 stars. */
  rating: number;
}

export default class DemoSpider extends Spider {
  override name = 'demo';
  override allowedDomains = ['127.0.0.1'];
  /** The shop's origin; a spider argument (`-a site=...`). */
  site = 'http://127.0.0.1:8080';

  override async *start() {
    yield new Request(`${this.site}/`);
  }

  /** The home page: one request per category. */
  override *parse(response: TextResponse) {
    yield* response.followAll({ css: '.categories a' }, { callback: this.parseCategory });
  }

  /** A listing page: every product on it, then the next page. */
  *parseCategory(response: TextResponse) {
    yield* response.followAll({ css: '.product-card h2 a' }, { callback: this.parseProduct });
    const next = response.css('.pagination li.next a::attr(href)').get();
    if (next) yield response.follow(next, { callback: this.parseCategory });
  }

  parseProduct(response: TextResponse): ProductItem {
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
