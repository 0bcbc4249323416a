import { describe, expect, it } from 'vitest';
import { Selector, SelectorList } from '../../src/selector/index.ts';

const PAGE = `<html><body>
<ul><li class="a"><a href="/1">One</a></li><li class="b"><a href="/2">Two</a></li><li class="a"><a href="/3">Three</a></li></ul>
<p>Price: 12.50 EUR, was 15.00 EUR</p>
<p>Ref &amp; code: A-17 &copy; &lt;x&gt;</p>
</body></html>`;

describe('SelectorList', () => {
  const sel = new Selector({ text: PAGE });

  it('is a real array: index, length, spread, for-of', () => {
    const items = sel.css('li');
    expect(items).toBeInstanceOf(SelectorList);
    expect(items).toBeInstanceOf(Array);
    expect(items.length).toBe(3);
    expect(items[2]!.css('a::text').get()).toBe('Three');
    expect([...items].map((item) => item.attrib.class)).toEqual(['a', 'b', 'a']);
    const texts: string[] = [];
    for (const item of items) texts.push(item.css('a::text').get() ?? '');
    expect(texts).toEqual(['One', 'Two', 'Three']);
  });

  it('filter and slice keep the list methods; map gives plain values', () => {
    const items = sel.css('li');
    const filtered = items.filter((item) => item.attrib.class === 'a');
    expect(filtered).toBeInstanceOf(SelectorList);
    expect(filtered.css('a::attr(href)').getall()).toEqual(['/1', '/3']);
    expect(items.slice(1).css('a::text').getall()).toEqual(['Two', 'Three']);
    expect(items.map((item) => item.css('a::text').get())).toEqual(['One', 'Two', 'Three']);
  });

  it('css/xpath run on every member and flatten', () => {
    expect(sel.css('li').css('a').xpath('@href').getall()).toEqual(['/1', '/2', '/3']);
    expect(sel.css('li').xpath('./a/text()').getall()).toEqual(['One', 'Two', 'Three']);
  });

  it('get/getall/attrib read the first member or fall back', () => {
    expect(sel.css('li a').get()).toBe('<a href="/1">One</a>');
    expect(sel.css('li a').getall()).toEqual(['<a href="/1">One</a>', '<a href="/2">Two</a>', '<a href="/3">Three</a>']);
    expect(sel.css('li').attrib).toEqual({ class: 'a' });
    expect(sel.css('table').get()).toBeNull();
    expect(sel.css('table').get('fallback')).toBe('fallback');
  });

  it('re() returns whole matches, single groups or all groups, flattened over members', () => {
    const prices = sel.css('p::text');
    expect(prices.re(/\d+\.\d+/)).toEqual(['12.50', '15.00']);
    expect(prices.re(/(\d+)\.\d+ EUR/)).toEqual(['12', '15']);
    expect(prices.re(/(\d+)\.(\d+)/)).toEqual(['12', '50', '15', '00']);
    expect(sel.css('li a::text').re('T(\\w)')).toEqual(['w', 'h']);
  });

  it("re() uses only the first match's named group `extract`", () => {
    expect(sel.css('p::text').re(/(?<extract>\d+)\.\d+/)).toEqual(['12']);
    expect(sel.css('p::text').re('was (?P<extract>[\\d.]+)')).toEqual(['15.00']);
  });

  it('re() replaces character references except &lt; and &amp;', () => {
    // get() of an element keeps the serialised escapes; re() decodes all but &lt;/&amp;.
    const p = sel.css('p')[1]!;
    expect(p.get()).toBe('<p>Ref &amp; code: A-17 © &lt;x&gt;</p>');
    expect(p.re(/Ref.*<\/p>/)).toEqual(['Ref &amp; code: A-17 © &lt;x></p>']);
    expect(p.re(/Ref.*<\/p>/, false)).toEqual(['Ref &amp; code: A-17 © &lt;x&gt;</p>']);
  });

  it('reFirst() returns the first match over members or the fallback', () => {
    expect(sel.css('p::text').reFirst(/(\d+\.\d+)/)).toBe('12.50');
    expect(sel.css('p::text').reFirst(/(\d{4})/)).toBeNull();
    expect(sel.css('p::text').reFirst(/(\d{4})/, 'none')).toBe('none');
    expect(sel.css('table').reFirst(/x/, 'empty')).toBe('empty');
    expect(sel.css('p::text')[0]!.reFirst(/EUR/)).toBe('EUR');
    expect(sel.css('p::text')[0]!.reFirst(/USD/, 'n/a')).toBe('n/a');
  });

  it('rejects invalid regular expressions with a SyntaxError', () => {
    expect(() => sel.css('p::text').re('(')).toThrow(/\[skitter\] Selector: invalid regular expression/);
  });
});
