import { describe, expect, it } from 'vitest';
import { Selector } from '../../src/selector/index.ts';

const PAGE = `<!DOCTYPE html><html><head><title>Catalogue</title></head><body>
<div class="product  featured" id="p1"><h2>Red   shoe</h2><a href="/p/1">Buy</a><span>10</span></div>
<div class="product" id="p2"><h2>Blue hat</h2><a href="/p/2">Buy</a><span>20.5</span></div>
<ul><li>a</li><li>b</li></ul><ul><li>c</li></ul>
<!-- note --></body></html>`;

describe('Selector.xpath', () => {
  const sel = new Selector({ text: PAGE });

  it('evaluates absolute paths from the document', () => {
    expect(sel.xpath('//a/@href').getall()).toEqual(['/p/1', '/p/2']);
    expect(sel.xpath('/html/head/title/text()').get()).toBe('Catalogue');
    expect(sel.xpath('//h2/text()').getall()).toEqual(['Red   shoe', 'Blue hat']);
  });

  it('evaluates relative paths from the root element, like parsel (context is <html>)', () => {
    expect(sel.xpath('./head/title/text()').get()).toBe('Catalogue');
    expect(sel.xpath('head/title/text()').get()).toBe('Catalogue');
    expect(sel.xpath('html').length).toBe(0);
    // lxml gives nothing for the document node itself.
    expect(sel.xpath('/').length).toBe(0);
    expect(sel.xpath('.').get()?.startsWith('<html><head><title>')).toBe(true);
  });

  it('evaluates relative paths from a nested element', () => {
    const product = sel.xpath('//div[@id="p2"]')[0]!;
    expect(product.xpath('./@id').get()).toBe('p2');
    expect(product.xpath('@class').get()).toBe('product');
    expect(product.xpath('.//a/@href').get()).toBe('/p/2');
    expect(product.xpath('h2/text()').get()).toBe('Blue hat');
    expect(product.xpath('string()').get()).toBe('Blue hatBuy20.5');
    expect(product.xpath('../@class').get()).toBeNull();
    expect(product.xpath('preceding-sibling::div/@id').get()).toBe('p1');
    expect(product.xpath('//title/text()').get()).toBe('Catalogue');
  });

  it('mixes css and xpath both ways, with identical serialisation', () => {
    expect(sel.css('div.product').xpath('./a/@href').getall()).toEqual(['/p/1', '/p/2']);
    expect(sel.xpath('//div[@id="p1"]').css('h2::text').get()).toBe('Red   shoe');
    expect(sel.xpath('//div[@id="p1"]').css('div').get()).toBe(sel.css('#p1').get());
    expect(sel.css('div.product').xpath('.//span').css('::text').getall()).toEqual(['10', '20.5']);
    expect(sel.xpath('//li').getall()).toEqual(sel.css('li').getall());
    // Both paths return the very same domhandler nodes.
    expect(sel.xpath('//div[@id="p2"]')[0]!.root).toBe(sel.css('#p2')[0]!.root);
  });

  it('gives parsel string forms for scalar results', () => {
    expect(sel.xpath('count(//a)').get()).toBe('2.0');
    expect(sel.xpath('sum(//span)').get()).toBe('30.5');
    expect(sel.xpath('count(//a) > 1').get()).toBe('1');
    expect(sel.xpath('boolean(//table)').get()).toBe('0');
    expect(sel.xpath('1 div 0').get()).toBe('inf');
    expect(sel.xpath('0 div 0').get()).toBe('nan');
    expect(sel.xpath('count(//a)')[0]!.root).toBe(2);
    expect(sel.xpath('string(//h2)').get()).toBe('Red   shoe');
  });

  it('supports XPath 1.0 functions', () => {
    expect(sel.xpath('normalize-space(//h2)').get()).toBe('Red shoe');
    expect(sel.xpath('//div[contains(@class, "featured")]/@id').getall()).toEqual(['p1']);
    expect(sel.xpath('//a[starts-with(@href, "/p/2")]/text()').get()).toBe('Buy');
    expect(sel.xpath('substring-after(//a/@href, "/p/")').get()).toBe('1');
    expect(sel.xpath('translate((//h2)[2], "abc", "ABC")').get()).toBe('Blue hAt');
    expect(sel.xpath('translate(//h2[2], "abc", "ABC")').get()).toBe('');
    expect(sel.xpath('string-length(//title)').get()).toBe('9.0');
    expect(sel.xpath('name(//*[@id="p1"])').get()).toBe('div');
    expect(sel.xpath('//comment()').get()).toBe('<!-- note -->');
    expect(sel.xpath('id("p2")/h2/text()').get()).toBe('Blue hat');
  });

  it("supports parsel's has-class() and EXSLT re:test()", () => {
    expect(sel.xpath('//div[has-class("product", "featured")]/@id').getall()).toEqual(['p1']);
    expect(sel.xpath('//div[has-class("product")]/@id').getall()).toEqual(['p1', 'p2']);
    expect(sel.xpath('//span[re:test(text(), "^\\d+\\.\\d+$")]/text()').getall()).toEqual(['20.5']);
    expect(sel.xpath('//h2[re:test(., "BLUE", "i")]/text()').getall()).toEqual(['Blue hat']);
  });

  it('keeps positional predicates positional (//x[1] is per parent)', () => {
    expect(sel.xpath('//li[1]/text()').getall()).toEqual(['a', 'c']);
    expect(sel.xpath('(//li)[1]/text()').getall()).toEqual(['a']);
    expect(sel.xpath('//li[last()]/text()').getall()).toEqual(['b', 'c']);
    expect(sel.xpath('//li[position() > 1]/text()').getall()).toEqual(['b']);
    expect(sel.xpath('//ul[li = "c"]/li/text()').getall()).toEqual(['c']);
    expect(sel.xpath('//ul/li[. != "a"][1]/text()').getall()).toEqual(['b', 'c']);
  });

  it('returns unions in document order without duplicates', () => {
    expect(sel.xpath('//span/text() | //h2/text() | //h2/text()').getall()).toEqual(['Red   shoe', '10', 'Blue hat', '20.5']);
    expect(sel.xpath('//div/@id | //div/a/@href').getall()).toEqual(['p1', '/p/1', 'p2', '/p/2']);
  });

  it('passes variables', () => {
    expect(sel.xpath('//div[@id=$id]/h2/text()', undefined, { id: 'p2' }).get()).toBe('Blue hat');
    expect(sel.xpath('//li[$n]/text()', undefined, { n: 2 }).getall()).toEqual(['b']);
  });

  it('throws a SyntaxError for invalid expressions and unknown prefixes', () => {
    expect(() => sel.xpath('//a[')).toThrow(/\[skitter\] Selector: invalid XPath "\/\/a\["/);
    expect(() => sel.xpath('//x:a')).toThrow(SyntaxError);
    expect(() => sel.xpath('nope()')).toThrow(/Unknown function/);
  });
});

describe('Selector.xpath on XML with namespaces', () => {
  const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
  <title>News &amp; views</title>
  <entry><id>1</id><link href="http://a.test/1"/><media:thumbnail url="http://img.test/1.jpg"/></entry>
  <entry><id>2</id><link href="http://a.test/2"/></entry>
</feed>`;
  const ATOM = 'http://www.w3.org/2005/Atom';
  const MEDIA = 'http://search.yahoo.com/mrss/';

  it('needs a prefix for default-namespace elements, as lxml does', () => {
    const sel = new Selector({ text: FEED, type: 'xml' });
    expect(sel.xpath('//entry').length).toBe(0);
    expect(sel.xpath('//a:entry/a:id/text()', { a: ATOM }).getall()).toEqual(['1', '2']);
    expect(sel.xpath('//m:thumbnail/@url', { m: MEDIA }).get()).toBe('http://img.test/1.jpg');
    expect(sel.xpath('string(/a:feed/a:title)', { a: ATOM }).get()).toBe('News & views');
    expect(sel.xpath('namespace-uri(/*)').get()).toBe(ATOM);
    expect(sel.xpath('local-name(/*)').get()).toBe('feed');
    expect(sel.xpath('/*/@*').length).toBe(0);
  });

  it('registerNamespace() applies to the selector and the selectors it returns', () => {
    const sel = new Selector({ text: FEED, type: 'xml' });
    sel.registerNamespace('atom', ATOM);
    const entries = sel.xpath('//atom:entry');
    expect(entries.xpath('atom:link/@href').getall()).toEqual(['http://a.test/1', 'http://a.test/2']);
    entries[0]!.registerNamespace('media', MEDIA);
    expect(entries[0]!.xpath('media:thumbnail/@url').get()).toBe('http://img.test/1.jpg');
    expect(() => sel.xpath('//media:thumbnail')).toThrow(/Cannot resolve QName media/);
  });

  it('serialises XML elements with self-closing empty tags and inherited namespace declarations', () => {
    const sel = new Selector({ text: FEED, type: 'xml', namespaces: { atom: ATOM } });
    expect(sel.xpath('//atom:entry[2]').get()).toBe(
      `<entry xmlns="${ATOM}" xmlns:media="${MEDIA}"><id>2</id><link href="http://a.test/2"/></entry>`,
    );
    expect(sel.xpath('//atom:title').get()).toBe(`<title xmlns="${ATOM}" xmlns:media="${MEDIA}">News &amp; views</title>`);
    expect(sel.get().startsWith(`<feed xmlns="${ATOM}" xmlns:media="${MEDIA}">\n  <title>`)).toBe(true);
  });

  it('removeNamespaces() lets plain names match', () => {
    const sel = new Selector({ text: FEED, type: 'xml' });
    expect(sel.css('entry > id::text').getall()).toEqual(['1', '2']);
    sel.removeNamespaces();
    expect(sel.xpath('//entry/link/@href').getall()).toEqual(['http://a.test/1', 'http://a.test/2']);
    expect(sel.xpath('//thumbnail/@url').get()).toBe('http://img.test/1.jpg');
    expect(sel.css('thumbnail::attr(url)').get()).toBe('http://img.test/1.jpg');
    expect(sel.css('entry > id::text').getall()).toEqual(['1', '2']);
  });
});
