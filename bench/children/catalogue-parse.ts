/**
 * The benchmark spider's one callback, shared by every skitter row (the in-process child, the CLI
 * spider file and the Chromium bundles) so they all crawl with exactly the same code: follow every
 * same-host `<a href>`, and yield `{ url, title, name, price }` for a product page with CSS
 * selectors. Imports skitter's types only, so it runs unchanged in Node and in browser bundles.
 * @module
 */
import type { Response } from '../../src/index.ts';

/** Items and same-host requests of one catalogue page; `prefix` is the site's origin plus `/`. */
export function* parseCatalogue(response: Response, prefix: string): Generator<unknown> {
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
