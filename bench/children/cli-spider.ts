/**
 * The benchmark spider as a user writes it for `skitter runspider` (the CLI rows of the
 * benchmark): follows every same-host link from BENCH_ORIGIN and yields `{ url, title, name,
 * price }` per product page, as skitter-crawl.ts does in-process.
 * @module
 */
import { Spider, type Response } from 'skitter';

const origin = process.env.BENCH_ORIGIN ?? '';
const prefix = `${origin}/`;

export default class CatalogueCliSpider extends Spider {
  override name = 'bench-catalogue-cli';
  override startUrls = [prefix];

  override *parse(response: Response): Generator<unknown> {
    const url = response.url;
    if (url.startsWith('/product/', prefix.length - 1)) {
      yield {
        url,
        title: response.css('title::text').get(),
        name: response.css('h1::text').get(),
        price: response.css('article.product > p.price::text').get(),
      };
    }
    for (const href of response.css('a::attr(href)').getall()) {
      const next = response.follow(href);
      if (next.url.startsWith(prefix)) yield next;
    }
  }
}
