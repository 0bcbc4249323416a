/**
 * The product cards of a page and of the pages its "next" links lead to, rendered in a background
 * tab of your browser: for shops whose lists JavaScript fills in, and (with your cookies) pages
 * behind your login. Try it on the demo shop's `/js/products` (rendered on the client) or, after
 * signing in at `/login`, `/account`.
 * Arguments: `render` ('yes' or 'no': fetch the HTML without running its scripts), `wait_for`
 * (the CSS selector to wait for after load, default `.product-card`; empty: none),
 * `network_quiet` ('yes': also wait until the page made no request for 0.5 s).
 */
import { Request, Spider, type TextResponse } from 'skitter/mv3';

export default class ProductListSpider extends Spider {
  override name = 'product-list';
  override startUrls = ['http://127.0.0.1:8080/js/products'];
  render = 'yes';
  wait_for = '.product-card';
  network_quiet = 'no';

  override async *start() {
    for (const url of this.startUrls) yield this.pageRequest(url);
  }

  pageRequest(url: string): Request {
    const meta = this.render === 'no'
      ? {}
      : { render: true, render_wait_for: this.wait_for, render_network_quiet: this.network_quiet === 'yes', render_timeout: 20 };
    return new Request(url, { meta, callback: this.parse });
  }

  override *parse(response: TextResponse) {
    for (const card of response.css('.product-card')) {
      yield {
        id: Number(card.css('::attr(data-product-id)').get()),
        title: card.css('h2 a::text').get('').trim(),
        price: Number(card.css('.price::text').reFirst(/[\d.]+/)),
        url: response.urljoin(card.css('h2 a::attr(href)').get('')),
        page: response.url,
        status: response.status,
        rendered: response.flags.includes('rendered'),
      };
    }
    const next = response.css('.pagination li.next a::attr(href)').get();
    if (next) yield this.pageRequest(response.urljoin(next));
  }
}
