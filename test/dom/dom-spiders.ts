import { Request, Spider, type TextResponse } from 'skitter';

/**
 * A spider that reads product pages through `response.dom` (standard DOM calls only), used in
 * Node, a Chromium page and runInWorker's Web Worker.
 */
export class DomProductsSpider extends Spider {
  override name = 'dom-products';
  origin = '';
  count = 10;

  override async *start() {
    const home = await this.crawler.engine.download(new Request(`${this.origin}/`));
    const dom = (home as TextResponse).dom as Document;
    const hrefs = [...dom.querySelectorAll('a[href^="/category/"]')].map((a) => a.getAttribute('href')!);
    yield new Request(new URL(hrefs[0]!, this.origin).href, { callback: this.parseCategory });
  }

  *parseCategory(response: TextResponse) {
    const dom = response.dom as Document;
    const links = [...dom.querySelectorAll('.product-card h2 a')].slice(0, Number(this.count));
    for (const a of links) yield response.follow(a.getAttribute('href')!, { callback: this.parseProduct });
  }

  parseProduct(response: TextResponse) {
    const dom = response.dom as Document;
    const article = dom.querySelector('article.product')!;
    return {
      id: Number(article.getAttribute('data-product-id')),
      title: dom.querySelector('h1')!.textContent,
      price: article.querySelector('.price')!.textContent,
      rating: Number(article.querySelector('.rating')!.getAttribute('data-rating')),
      sameDom: response.dom === dom,
      // True only for the browser's own parser (a page); linkedom's documents are not instances.
      native: typeof globalThis.Document === 'function' && dom instanceof globalThis.Document,
    };
  }
}
