/**
 * products.py, ported line by line from Scrapy: CrawlSpider rules, an inline request, a universal
 * spider middleware and an async pipeline. Run: `skitter runspider products.ts -a site=... -O items.jsonl`.
 */
import { CrawlSpider, LinkExtractor, Request, Rule, type Crawler, type Response, type TextResponse } from 'skitter';

class TagMiddleware {
  *processSpiderOutput(_response: Response, result: Iterable<unknown>) {
    for (const o of result) yield this.tag(o);
  }

  async *processSpiderOutputAsync(_response: Response, result: AsyncIterable<unknown>) {
    for await (const o of result) yield this.tag(o);
  }

  tag(o: unknown) {
    if (o && typeof o === 'object' && !(o instanceof Request)) (o as Record<string, unknown>).tagged = true;
    return o;
  }
}

class PencePipeline {
  #crawler: Crawler;
  constructor(crawler: Crawler) { this.#crawler = crawler; }

  async processItem(item: { price: number; price_pence?: number }) {
    await this.#crawler.adapter.sleep(1);
    item.price_pence = Math.round(item.price * 100);
    return item;
  }
}

export default class ProductsSpider extends CrawlSpider {
  override name = 'products';
  site = 'http://127.0.0.1:8080';
  override customSettings = {
    SPIDER_MIDDLEWARES: { TagMiddleware: { use: TagMiddleware, order: 500 } },
    ITEM_PIPELINES: { PencePipeline: { use: PencePipeline, order: 300 } },
  };
  override rules = [
    new Rule(new LinkExtractor({ allow: /\/category\// })),
    new Rule(new LinkExtractor({ allow: /\/product\//, restrictCss: '.product-list' }), { callback: 'parseProduct' }),
  ];

  override async *start() {
    yield new Request(this.site + '/');
  }

  async *parseProduct(response: TextResponse) {
    const about = await this.crawler.engine.download(new Request(response.urljoin('/about')));
    yield {
      url: response.url,
      title: response.css('h1::text').get(),
      price: Number(response.css('.price::text').reFirst(/[\d.]+/)),
      sku: response.css('table.specs td::text').get(),
      store: about.css('h1::text').get(),
    };
  }
}
