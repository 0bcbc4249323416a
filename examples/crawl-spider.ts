/**
 * The demo shop scraped with a CrawlSpider: rules instead of callbacks chained by hand. Category
 * pages (and their pagination) are followed, product pages go to `parseItem`.
 *
 *   skitter runspider examples/crawl-spider.ts -a site=http://127.0.0.1:8080 -o products.jsonl
 */
import { CrawlSpider, LinkExtractor, Request, Rule, type TextResponse } from 'skitter';

export default class ShopCrawlSpider extends CrawlSpider {
  override name = 'shop-rules';
  override allowedDomains = ['127.0.0.1'];
  /** The shop's origin (`-a site=...`). */
  site = 'http://127.0.0.1:8080';

  override rules = [
    new Rule(new LinkExtractor({ allow: '/category/' })),
    new Rule(new LinkExtractor({ allow: '/product/', restrictCss: '.product-list' }), { callback: 'parseItem' }),
  ];

  override async *start() {
    yield new Request(`${this.site}/`);
  }

  parseItem(response: TextResponse) {
    return {
      url: response.url,
      title: response.css('article.product h1::text').get(),
      category: response.css('.breadcrumb a:nth-of-type(2)::text').get(),
    };
  }
}
