import { describe, expect, it } from 'vitest';
import { Selector } from '../../src/selector/index.ts';

const PAGE = `<!DOCTYPE html>
<html><head><title>Shop &amp; Co</title><link rel="stylesheet" href="/s.css"></head>
<body>
<h1 id="top" class="main  title">All <em>products</em> here</h1>
<div class="product" data-id="1">
  <h2>Red &lt;shoe&gt;</h2>
  <a href="/p/1?a=1&amp;b=2" title="first">Buy&nbsp;now</a>
  <p class="price">10 &euro;</p>
</div>
<div class="product sale" data-id="2">
  <h2>Blue hat</h2>
  <a href="/p/2">Buy</a>
  <p class="price">20 &#8364;</p>
</div>
</body></html>`;

describe('Selector.css', () => {
  const sel = new Selector({ text: PAGE });

  it('::text gives direct text children, *::text every descendant text, in document order', () => {
    expect(sel.css('h1::text').getall()).toEqual(['All ', ' here']);
    expect(sel.css('h1').css('*::text').getall()).toEqual(['All ', 'products', ' here']);
    expect(sel.css('h1').css('::text').getall()).toEqual(['All ', 'products', ' here']);
    // parsel translates `X *::text` to `X/descendant-or-self::*/text()`: X's own text included.
    expect(sel.css('h1 *::text').getall()).toEqual(['All ', 'products', ' here']);
    expect(sel.css('h1 ::text').getall()).toEqual(['All ', 'products', ' here']);
    expect(sel.css('h1 > *::text').getall()).toEqual(['products']);
    expect(sel.css('h1 em::text').getall()).toEqual(['products']);
    expect(sel.css('div.sale *::attr(data-id)').getall()).toEqual(['2']);
  });

  it('::attr(name) gives attribute values, skipping elements without it', () => {
    expect(sel.css('a::attr(href)').getall()).toEqual(['/p/1?a=1&b=2', '/p/2']);
    expect(sel.css('a::attr(title)').getall()).toEqual(['first']);
    expect(sel.css('div::attr("data-id")').getall()).toEqual(['1', '2']);
    expect(sel.css('a::attr(nope)').getall()).toEqual([]);
  });

  it('selector groups merge results in document order', () => {
    expect(sel.css('a::attr(href), link::attr(href)').getall()).toEqual(['/s.css', '/p/1?a=1&b=2', '/p/2']);
    expect(sel.css('h2, title').getall()).toEqual(['<title>Shop &amp; Co</title>', '<h2>Red &lt;shoe&gt;</h2>', '<h2>Blue hat</h2>']);
    expect(sel.css('h2::text, p.price::text').getall()).toEqual(['Red <shoe>', '10 €', 'Blue hat', '20 €']);
    expect(sel.css('div.product::attr(data-id), div.product h2::text').getall()).toEqual(['1', 'Red <shoe>', '2', 'Blue hat']);
  });

  it('nested queries run from each element; the element itself can match (descendant-or-self)', () => {
    const products = sel.css('div.product');
    expect(products.length).toBe(2);
    expect(products.css('h2::text').getall()).toEqual(['Red <shoe>', 'Blue hat']);
    expect(products[1]!.css('div::attr(data-id)').getall()).toEqual(['2']);
    expect(products[0]!.css('.product h2::text').get()).toBe('Red <shoe>');
    // Every step must lie inside the context, as parsel's descendant-or-self translation requires.
    expect(products[0]!.css('body h2').getall()).toEqual([]);
    expect(sel.css('body h2::text').getall()).toEqual(['Red <shoe>', 'Blue hat']);
  });

  it('get() returns null or the given default when nothing matches; getall() returns []', () => {
    expect(sel.css('span::text').get()).toBeNull();
    expect(sel.css('span::text').get('none')).toBe('none');
    expect(sel.css('h2::text').get('none')).toBe('Red <shoe>');
    expect(sel.css('span').getall()).toEqual([]);
  });

  it('attrib gives the element attributes, {} for text results and empty lists', () => {
    expect(sel.css('div.product').attrib).toEqual({ class: 'product', 'data-id': '1' });
    expect(sel.css('a')[0]!.attrib).toEqual({ href: '/p/1?a=1&b=2', title: 'first' });
    expect(sel.css('a::text')[0]!.attrib).toEqual({});
    expect(sel.css('span').attrib).toEqual({});
  });

  it('decodes entities in text and attributes (nbsp, euro, numeric)', () => {
    expect(sel.css('title::text').get()).toBe('Shop & Co');
    expect(sel.css('a::text').get()).toBe('Buy\u00a0now');
    expect(sel.css('p.price::text').getall()).toEqual(['10 €', '20 €']);
  });

  it('matches classes, attributes and pseudo-classes as CSS does', () => {
    expect(sel.css('div.sale h2::text').get()).toBe('Blue hat');
    expect(sel.css('h1.title::attr(id)').get()).toBe('top');
    expect(sel.css('div[data-id="2"] a::attr(href)').get()).toBe('/p/2');
    expect(sel.css('div.product:first-of-type h2::text').get()).toBe('Red <shoe>');
    expect(sel.css('div > a:not([title])::attr(href)').getall()).toEqual(['/p/2']);
  });

  it('text and attribute results cannot be queried further, as in parsel', () => {
    const text = sel.css('h2::text')[0]!;
    expect(text.root).toBe('Red <shoe>');
    expect(text.css('h2').length).toBe(0);
    expect(text.xpath('.').length).toBe(0);
  });

  it('throws a SyntaxError naming the query for invalid selectors', () => {
    expect(() => sel.css('a[')).toThrow(SyntaxError);
    expect(() => sel.css('a[')).toThrow(/\[skitter\] Selector: invalid CSS selector "a\["/);
    expect(() => sel.css('a::text b')).toThrow(/unsupported pseudo-element/);
    expect(() => sel.css('a,')).toThrow(/empty CSS selector/);
  });

  it('selects sensibly in a malformed page with unclosed tags', () => {
    const broken = new Selector({
      text: '<html><body><ul><li>one<li>two</ul><p>first<p>second<div class="x">inside <b>bold</div><a href="/z">z',
    });
    expect(broken.css('li::text').getall()).toEqual(['one', 'two']);
    expect(broken.css('p::text').getall()).toEqual(['first', 'second']);
    expect(broken.css('div.x *::text').getall()).toEqual(['inside ', 'bold']);
    expect(broken.css('div.x').css('::text').getall()).toEqual(['inside ', 'bold']);
    expect(broken.css('a::attr(href)').get()).toBe('/z');
    expect(broken.xpath('//li[2]/text()').get()).toBe('two');
  });

  it('an empty or whitespace-only document is an empty selection', () => {
    for (const text of ['', '   \n\t ']) {
      const empty = new Selector({ text });
      expect(empty.css('a').length).toBe(0);
      expect(empty.css('*::text').getall()).toEqual([]);
      expect(empty.xpath('//a').length).toBe(0);
      expect(empty.get()).toBe('<html></html>');
    }
  });

  it('a fragment is wrapped in html/body as lxml does', () => {
    const fragment = new Selector({ text: '<p class="a">x</p><p>y</p>' });
    expect(fragment.get()).toBe('<html><body><p class="a">x</p><p>y</p></body></html>');
    expect(fragment.xpath('/html/body/p/text()').getall()).toEqual(['x', 'y']);
    expect(fragment.css('p::text').getall()).toEqual(['x', 'y']);
    const withHead = new Selector({ text: '<title>T</title><p>x</p>' });
    expect(withHead.get()).toBe('<html><head><title>T</title></head><body><p>x</p></body></html>');
  });

  it('is case-sensitive in XML and case-insensitive in HTML', () => {
    expect(new Selector({ text: '<DIV CLASS="a">x</DIV>' }).css('div.a::text').get()).toBe('x');
    const xml = new Selector({ text: '<root><Item>a</Item><item>b</item></root>', type: 'xml' });
    expect(xml.css('Item::text').getall()).toEqual(['a']);
    expect(xml.css('item::text').getall()).toEqual(['b']);
  });
});
