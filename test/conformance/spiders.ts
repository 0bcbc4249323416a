/**
 * The conformance spiders: plain spider files that import only `skitter`, so the same file runs in
 * Node, a Chromium page, a Web Worker, `runInWorker` and the MV3 example extension (`skitter`
 * resolves to that runtime's entry). Every spider takes its start URL from spider arguments
 * (`{ origin }`), and every item holds paths, never the origin, so results from demo sites on
 * different ports compare equal. Components live in `customSettings` so the class alone is enough
 * to run the crawl in another thread.
 * @module
 */
import { Request, Spider, type Crawler, type Response, type SpiderMiddleware } from 'skitter';

/** A product item, as every spider that visits product pages emits it. */
export interface ProductItem {
  kind: 'product';
  id: number;
  title: string;
  price: string;
  path: string;
  via: string;
}

/** A category listing page item. */
export interface ListingItem {
  kind: 'listing';
  path: string;
  page: string;
  products: number;
}

function pathOf(response: Response): string {
  const url = new URL(response.url);
  return url.pathname + url.search;
}

function productItem(response: Response, via: string): ProductItem {
  return {
    kind: 'product',
    id: Number(response.css('article.product::attr(data-product-id)').get()),
    title: response.css('h1::text').get() ?? '',
    price: response.css('article.product .price::text').get() ?? '',
    path: pathOf(response),
    via,
  };
}

function listingItem(response: Response): ListingItem {
  return {
    kind: 'listing',
    path: pathOf(response),
    page: response.css('.pagination .current::text').get() ?? '',
    products: response.css('li.product-card').length,
  };
}

function categoryLinks(response: Response): string[] {
  return response.css('section.categories a::attr(href)').getall();
}

/** Spiders that start at the demo site's home page, given as the `origin` spider argument. */
function homeRequest(spider: { origin: string }, init: ConstructorParameters<typeof Request>[1] = {}): Request {
  return new Request(`${spider.origin}/`, { dontFilter: true, ...init });
}

/**
 * Every callback shape: a plain method returning an array (home), a sync generator (listings),
 * and, per product, an async method, an async generator or a plain method returning one item.
 */
export class CallbackShapesSpider extends Spider {
  override name = 'callback-shapes';
  origin = '';

  override async *start(): AsyncGenerator<unknown> {
    yield homeRequest(this);
  }

  override parse(response: Response): Request[] {
    return categoryLinks(response).map((href) => response.follow(href, { callback: this.parseListing }));
  }

  *parseListing(response: Response): Generator<unknown> {
    yield listingItem(response);
    for (const card of response.css('li.product-card')) {
      const id = Number(card.attrib['data-product-id']);
      const callback = [this.parseProductPlain, this.parseProductAsync, this.parseProductAsyncGenerator][id % 3]!;
      yield response.follow(card.css('a.view::attr(href)').get()!, { callback });
    }
    const next = response.css('.pagination a[rel=next]::attr(href)').get();
    if (next) yield response.follow(next, { callback: this.parseListing });
  }

  parseProductPlain(response: Response): ProductItem {
    return productItem(response, 'plain');
  }

  async parseProductAsync(response: Response): Promise<ProductItem> {
    await this.crawler.adapter.sleep(1);
    return productItem(response, 'async');
  }

  async *parseProductAsyncGenerator(response: Response): AsyncGenerator<ProductItem> {
    await this.crawler.adapter.sleep(1);
    yield productItem(response, 'async-generator');
  }
}

/** An async `start()` that yields items and requests, awaiting the loop adapter's timer between them. */
export class AsyncStartSpider extends Spider {
  override name = 'async-start';
  origin = '';

  override async *start(): AsyncGenerator<unknown> {
    yield { kind: 'start', step: 1 };
    yield new Request(`${this.origin}/category/books`);
    await this.crawler.adapter.sleep(20);
    yield { kind: 'start', step: 2 };
    yield new Request(`${this.origin}/category/tools?page=2`);
  }

  override parse(response: Response): ListingItem {
    return listingItem(response);
  }
}

/**
 * A universal spider middleware (Scrapy 2.13's sync + async pair): tags each item with the path it
 * took, `sync` for a sync callback's output and `async` for an async one's.
 */
export class TagItemsMiddleware implements SpiderMiddleware {
  *processSpiderOutput(_response: Response | null, result: Iterable<unknown>): Generator<unknown> {
    for (const output of result) yield tag(output, 'sync');
  }

  async *processSpiderOutputAsync(_response: Response | null, result: AsyncIterable<unknown>): AsyncGenerator<unknown> {
    for await (const output of result) yield tag(output, 'async');
  }
}

function tag(output: unknown, via: string): unknown {
  return output instanceof Request ? output : { ...(output as object), middleware: via };
}

/** Home through a sync generator, listings through an async generator, with {@link TagItemsMiddleware}. */
export class TaggedSpider extends Spider {
  override name = 'tagged';
  origin = '';
  override customSettings = { SPIDER_MIDDLEWARES: { TagItemsMiddleware: { use: TagItemsMiddleware, order: 950 } } };

  override async *start(): AsyncGenerator<unknown> {
    yield homeRequest(this);
  }

  override *parse(response: Response): Generator<unknown> {
    yield { kind: 'home', categories: categoryLinks(response).length };
    for (const href of categoryLinks(response)) yield response.follow(href, { callback: this.parseListing });
  }

  async *parseListing(response: Response): AsyncGenerator<unknown> {
    yield listingItem(response);
    const next = response.css('.pagination a[rel=next]::attr(href)').get();
    if (next) yield response.follow(next, { callback: this.parseListing });
  }
}

/** An async item pipeline: waits on the loop adapter's timer, then stamps the item. */
export class StampPipeline {
  #crawler: Crawler;

  constructor(crawler: Crawler) {
    this.#crawler = crawler;
  }

  async processItem(item: object): Promise<object> {
    await this.#crawler.adapter.sleep(5);
    return { ...item, stamped: true };
  }
}

/** First listing page of every category, through {@link StampPipeline}. */
export class PipelineSpider extends Spider {
  override name = 'pipeline';
  origin = '';
  override customSettings = { ITEM_PIPELINES: { StampPipeline: { use: StampPipeline, order: 300 } } };

  override async *start(): AsyncGenerator<unknown> {
    yield homeRequest(this);
  }

  override parse(response: Response): Request[] {
    return categoryLinks(response).map((href) => response.follow(href, { callback: this.parseListing }));
  }

  parseListing(response: Response): ListingItem {
    return listingItem(response);
  }
}

/** Inline requests: one awaited `engine.download()`, then two at once with `Promise.all`. */
export class InlineRequestsSpider extends Spider {
  override name = 'inline-requests';
  origin = '';

  override async *start(): AsyncGenerator<unknown> {
    yield homeRequest(this);
  }

  override async parse(response: Response): Promise<unknown> {
    const engine = this.crawler.engine;
    const about = await engine.download(new Request(`${this.origin}/about`));
    const [first, second] = categoryLinks(response).slice(0, 2).map((href) => response.urljoin(href));
    const listings = await Promise.all([engine.download(new Request(first!)), engine.download(new Request(second!))]);
    return {
      kind: 'inline',
      home: response.css('h1::text').get(),
      about: about.css('h1::text').get(),
      listings: listings.map((listing) => listingItem(listing)),
    };
  }
}

/** `/flaky` answers 500 once, then 200: RetryMiddleware retries it once. */
export class FlakySpider extends Spider {
  override name = 'flaky';
  origin = '';

  override async *start(): AsyncGenerator<unknown> {
    yield new Request(`${this.origin}/flaky`);
  }

  override parse(response: Response): unknown {
    return { kind: 'deals', status: response.status, title: response.css('h1::text').get(), path: pathOf(response) };
  }
}

/**
 * Every category link twice (the second is filtered as a duplicate) and `/about` twice with
 * `dontFilter` (both fetched).
 */
export class DupeSpider extends Spider {
  override name = 'dupes';
  origin = '';

  override async *start(): AsyncGenerator<unknown> {
    yield homeRequest(this);
  }

  override *parse(response: Response): Generator<unknown> {
    for (const href of categoryLinks(response)) {
      yield response.follow(href, { callback: this.parseListing });
      yield response.follow(href, { callback: this.parseListing });
    }
    for (let i = 0; i < 2; i++) yield response.follow('/about', { callback: this.parseAbout, dontFilter: true });
  }

  parseListing(response: Response): ListingItem {
    return listingItem(response);
  }

  parseAbout(response: Response): unknown {
    return { kind: 'about', title: response.css('h1::text').get() };
  }
}

/**
 * Follows listings, pagination and products from home; DEPTH_LIMIT 1 keeps only home's direct
 * links (the first listing page of each category).
 */
export class DepthSpider extends Spider {
  override name = 'depth';
  origin = '';
  override customSettings = { DEPTH_LIMIT: 1 };

  override async *start(): AsyncGenerator<unknown> {
    yield homeRequest(this);
  }

  override parse(response: Response): Request[] {
    return categoryLinks(response).map((href) => response.follow(href, { callback: this.parseListing }));
  }

  *parseListing(response: Response): Generator<unknown> {
    yield listingItem(response);
    const next = response.css('.pagination a[rel=next]::attr(href)').get();
    if (next) yield response.follow(next, { callback: this.parseListing });
    for (const href of response.css('a.view::attr(href)').getall()) yield response.follow(href, { callback: this.parseListing });
  }
}
