// The README's first spider, as a user writes it: every product of the demo shop, from the
// category listings (following their pagination).
import { Request, Spider, type TextResponse } from 'skitter';

export default class ProductsSpider extends Spider {
  name = 'products';
  /** The shop: `npx skitter demo --serve --port 8080` serves it there; `-a site=URL` changes it. */
  site = 'http://127.0.0.1:8080';
  customSettings = { CONCURRENT_REQUESTS: 8 };

  async *start() {
    yield new Request(`${this.site}/`);
  }

  *parse(response: TextResponse) {
    yield* response.followAll({ css: '.categories a' }, { callback: this.parseCategory });
  }

  *parseCategory(response: TextResponse) {
    for (const card of response.css('.product-card')) {
      yield { title: card.css('h2 a::text').get(), url: response.urljoin(card.css('h2 a::attr(href)').get()!) };
    }
    const next = response.css('li.next a::attr(href)').get();
    if (next) yield response.follow(next, { callback: this.parseCategory });
  }
}
