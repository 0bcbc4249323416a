import { describe, expect, it } from 'vitest';
import { Selector } from '../../src/selector/index.ts';
import { parseCounter } from '../../src/selector/parsed-markup.ts';

const PAGE = '<html><body><div class="p"><a href="/1">one</a></div><div class="p"><a href="/2">two</a></div></body></html>';

describe('lazy, single parsing', () => {
  it('constructing a Selector does not parse', () => {
    const before = parseCounter.count;
    const sel = new Selector({ text: PAGE });
    expect(sel.parsed).toBe(false);
    expect(parseCounter.count).toBe(before);
    expect(sel.type).toBe('html');
    expect(parseCounter.count).toBe(before);
  });

  it('the first query parses once; further css/xpath/nested queries reuse the tree', () => {
    const before = parseCounter.count;
    const sel = new Selector({ text: PAGE });
    expect(sel.css('a::attr(href)').getall()).toEqual(['/1', '/2']);
    expect(sel.parsed).toBe(true);
    expect(parseCounter.count).toBe(before + 1);
    const products = sel.css('div.p');
    expect(products.xpath('./a/text()').getall()).toEqual(['one', 'two']);
    expect(sel.xpath('//a/@href').getall()).toEqual(['/1', '/2']);
    expect(sel.xpath('//div').css('a::text').getall()).toEqual(['one', 'two']);
    expect(products[0]!.parsed).toBe(true);
    for (let i = 0; i < 20; i++) sel.css('a').xpath('@href').getall();
    expect(parseCounter.count).toBe(before + 1);
  });

  it('reading root parses; selectors from the same text parse separately', () => {
    const before = parseCounter.count;
    const first = new Selector({ text: PAGE });
    const second = new Selector({ text: PAGE });
    expect((first.root as { name: string }).name).toBe('html');
    expect(parseCounter.count).toBe(before + 1);
    expect(second.parsed).toBe(false);
    second.get();
    expect(parseCounter.count).toBe(before + 2);
  });

  it('value selectors count as parsed and never parse', () => {
    const before = parseCounter.count;
    expect(new Selector({ root: 'x' }).parsed).toBe(true);
    expect(parseCounter.count).toBe(before);
  });
});
