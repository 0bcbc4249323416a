import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../demo/site/catalogue.ts';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import {
  Compose, HtmlResponse, Identity, ItemLoader, Join, MapCompose, Request, Selector, Spider, TakeFirst, withLoaderContext,
  type Response,
} from '../../src/node.ts';
import { runSpider } from '../helpers/run-spider.ts';

let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite();
});
afterAll(() => site.close());

interface ProductItem {
  id: number;
  name: string;
  price: number;
  availability: string;
  rating: number;
  breadcrumb: string;
  related: string[];
  url: string;
}

const trim = (s: string): string => s.trim();

class ProductLoader extends ItemLoader<ProductItem> {
  override defaultOutputProcessor = TakeFirst();
  override fieldProcessors = {
    name: { inputProcessor: MapCompose(trim) },
    price: { inputProcessor: MapCompose(Number) },
    id: { inputProcessor: MapCompose(Number) },
    rating: { inputProcessor: MapCompose(Number) },
    breadcrumb: { inputProcessor: MapCompose(trim), outputProcessor: Join(' > ') },
    related: { outputProcessor: Identity() },
  };
}

class LoaderSpider extends Spider {
  override name = 'loader';
  products: Product[] = [];

  override async *start() {
    for (const p of this.products) yield new Request(site.catalogue.productUrl(site.url, p));
  }

  override parse(response: Response) {
    const loader = new ProductLoader({ response });
    loader.addCss('id', 'article.product::attr(data-product-id)');
    loader.addCss('name', 'h1::text');
    loader.addCss('price', '.product > .price::text', { re: '[\\d.]+' });
    loader.addXpath('availability', '//p[@class="availability"]/text()');
    const rating = loader.nestedCss('p.rating');
    rating.addXpath('rating', './@data-rating');
    loader.addCss('breadcrumb', 'nav.breadcrumb a::text');
    loader.addCss('breadcrumb', 'nav.breadcrumb span::text');
    loader.addCss('related', 'section.related a::text');
    loader.addValue('url', response.url);
    return loader.loadItem();
  }
}

describe('ItemLoader on the demo shop', () => {
  it('loads every field of 25 product pages exactly as the catalogue has them', async () => {
    const products = site.catalogue.products.slice(0, 25);
    const Spider = class extends LoaderSpider {
      override products = products;
    };
    const run = await runSpider(Spider, { LOG_LEVEL: 'WARNING' });
    expect(run.messages('ERROR')).toEqual([]);
    const items = (run.items as ProductItem[]).sort((a, b) => a.id - b.id);
    expect(items).toHaveLength(25);
    for (const [i, product] of products.entries()) {
      const item = items[i]!;
      const category = site.catalogue.category(product.category)!;
      expect(item).toMatchObject({
        id: product.id,
        name: product.title,
        price: product.price,
        availability: product.availability,
        rating: product.rating,
        breadcrumb: `Home > ${category.name} > ${product.title}`,
        url: site.catalogue.productUrl(site.url, product),
      });
      // Related products are several, so their output processor keeps them all, in page order.
      expect(item.related.length).toBeGreaterThanOrEqual(3);
      expect(item.related.length).toBeLessThanOrEqual(5);
      expect(item.related).not.toContain(product.title);
    }
  });
});

describe('ItemLoader semantics', () => {
  const page = new HtmlResponse({
    url: 'http://127.0.0.1/p',
    body: new TextEncoder().encode('<ul><li class="a"> one </li><li class="a"></li><li class="a">two</li></ul><p id="x">Price: 12.50 GBP</p>'),
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  });

  it('input processors run per batch as values arrive; output processors on the collected values', () => {
    const calls: unknown[] = [];
    const loader = new ItemLoader({ response: page });
    loader.fieldProcessors = {
      names: { inputProcessor: (values) => { calls.push(values); return MapCompose(trim)(values, {}); }, outputProcessor: Join('|') },
    };
    loader.addCss('names', 'li.a::text');
    loader.addValue('names', ' three ');
    expect(calls).toEqual([[' one ', 'two'], [' three ']]);
    expect(loader.getCollectedValues('names')).toEqual(['one', 'two', 'three']);
    expect(loader.getOutputValue('names')).toBe('one|two|three');
    expect(loader.loadItem()).toEqual({ names: 'one|two|three' });
  });

  it('re extracts from each value before processors; getValue and getXpath do not collect', () => {
    const loader = new ItemLoader({ response: page });
    expect(loader.getXpath('//p[@id="x"]/text()', { re: '[\\d.]+' }, TakeFirst())).toBe('12.50');
    expect(loader.getValue(['a-1', 'b-22'], { re: '\\d+' }, MapCompose(Number))).toEqual([1, 22]);
    loader.addCss('price', '#x::text', { re: 'Price: (?P<extract>[\\d.]+)' }, MapCompose(Number));
    expect(loader.loadItem()).toEqual({ price: [12.5] });
  });

  it('replace* replaces, null field adds an object, empty values are not collected, 0 is kept', () => {
    const loader = new ItemLoader<Record<string, unknown>>({ response: page });
    loader.addValue('a', ['x', 'y']);
    loader.replaceValue('a', 'z');
    loader.addValue(null, { b: 1, c: [2, 3] });
    loader.addValue('empty', ['', null]);
    loader.addValue('zero', 0);
    loader.replaceCss('d', 'li.a::text', MapCompose(trim));
    expect(loader.loadItem()).toEqual({ a: ['z'], b: [1], c: [2, 3], zero: [0], d: ['one', 'two'] });
    expect(() => loader.addValue(null, 'x')).toThrow(/field null, the value must be an object/);
  });

  it('an item given at construction keeps its values; item-class fields apply after the loader own processors', () => {
    class Book {
      static fields = { title: { inputProcessor: MapCompose((s: string) => s.toUpperCase()), outputProcessor: TakeFirst() } };
      title?: string;
      pages?: number[];
    }
    const loader = new ItemLoader<Book>({ item: Object.assign(new Book(), { pages: [10] }) });
    loader.addValue('title', 'dune');
    loader.addValue('pages', 20);
    const book = loader.loadItem();
    expect(book).toBeInstanceOf(Book);
    expect({ ...book }).toEqual({ title: 'DUNE', pages: [10, 20] });
    const own = new ItemLoader<Book>({ item: new Book() });
    own.fieldProcessors = { title: { outputProcessor: Join('+') } };
    own.addValue('title', ['a', 'b']);
    expect(own.loadItem().title).toBe('A+B');
  });

  it('nested loaders fill the same item; processors get the loader context only when asked', () => {
    const loader = new ItemLoader({ selector: new Selector({ text: '<div id="d"><b>5</b></div><b>9</b>' }), context: { unit: 'cm' } });
    loader.defaultOutputProcessor = TakeFirst();
    const nested = loader.nestedCss('#d');
    nested.addCss('size', 'b::text', MapCompose(withLoaderContext((v: string, ctx) => `${v} ${ctx['unit']}`)));
    // parseInt would take a context as its radix: plain functions get the value alone.
    loader.addCss('n', 'b::text', MapCompose(Number.parseInt));
    expect(loader.loadItem()).toEqual({ size: '5 cm', n: 5 });
    expect(nested.item).toBe(loader.item);
  });

  it('processors behave as Scrapy documents them', () => {
    expect(TakeFirst()(['', null, undefined, 0, 'x'], {})).toBe(0);
    expect(TakeFirst()([], {})).toBeUndefined();
    expect(Join()(['a', 'b'], {})).toBe('a b');
    expect(Compose((v: string[]) => v[0], (s: string) => s.toUpperCase())(['hello', 'world'], {})).toBe('HELLO');
    expect(Compose(() => null, () => 'not reached')(['x'], {})).toBeNull();
    expect(Compose(() => null, () => 'reached', { stopOnNone: false })(['x'], {})).toBe('reached');
    expect(MapCompose((s: string) => (s === 'drop' ? null : s.split(',')), (s: string) => s.trim())(['a, b', 'drop', 'c'], {})).toEqual(['a', 'b', 'c']);
    expect(() => MapCompose('trim' as never)).toThrow(/MapCompose: argument 1 must be a function, got string/);
    expect(() => MapCompose(function failing(): never { throw new Error('boom'); })(['v'], {})).toThrow(/MapCompose: error in failing with value "v": boom/);
  });

  it('names the fix when a query has no selector', () => {
    const loader = new ItemLoader();
    expect(() => loader.addCss('x', 'p')).toThrow(/ItemLoader.addCss: this loader has no selector; create it with \{ response \} or \{ selector \}/);
  });
});
