import { describe, expect, it } from 'vitest';
import { Selector } from '../../src/selector/index.ts';
import { scalarToString } from '../../src/selector/serialize.ts';

describe('Selector.get serialisation', () => {
  it('serialises an element like browser outerHTML: quoted attributes, void tags, escapes', () => {
    const sel = new Selector({
      text: `<div class="a b" data-x='say "hi" &amp; bye' hidden><br/><img src="x.png?a=1&amp;b=2"><p>1 &lt; 2 &gt; 0 &amp; caf&eacute;&nbsp;!</p><input disabled value=""><svg viewBox="0 0 1 1"><path d="M0"/></svg><script>if (a < b && c) {}</script><!-- c --></div>`,
    });
    expect(sel.css('div').get()).toBe(
      '<div class="a b" data-x="say &quot;hi&quot; &amp; bye" hidden=""><br><img src="x.png?a=1&amp;b=2">' +
        '<p>1 &lt; 2 &gt; 0 &amp; café&nbsp;!</p><input disabled="" value="">' +
        '<svg viewBox="0 0 1 1"><path d="M0"></path></svg><script>if (a < b && c) {}</script><!-- c --></div>',
    );
  });

  it('gives the text of text nodes and the value of attributes', () => {
    const sel = new Selector({ text: '<p title="a &amp; b">x &lt; y</p>' });
    expect(sel.css('p::text').get()).toBe('x < y');
    expect(sel.xpath('//p/@title').get()).toBe('a & b');
  });

  it('the document selector serialises the root element, without the doctype', () => {
    const sel = new Selector({ text: '<!DOCTYPE html><html lang="en"><body><p>x</p></body></html>' });
    expect(sel.get()).toBe('<html lang="en"><body><p>x</p></body></html>');
    expect(sel.getall()).toEqual(['<html lang="en"><body><p>x</p></body></html>']);
    expect(sel.xpath('/html').get()).toBe('<html lang="en"><body><p>x</p></body></html>');
  });

  it('wraps existing domhandler nodes and scalar values given as root', () => {
    const page = new Selector({ text: '<ul><li>a</li><li>b</li></ul>' });
    const li = page.css('li')[1]!.root;
    const wrapped = new Selector({ root: li });
    expect(wrapped.get()).toBe('<li>b</li>');
    expect(wrapped.xpath('preceding-sibling::li/text()').get()).toBe('a');
    expect(wrapped.css('li::text').get()).toBe('b');
    expect(new Selector({ root: 'plain' }).get()).toBe('plain');
    expect(new Selector({ root: 3 }).get()).toBe('3.0');
    expect(new Selector({ root: true }).get()).toBe('1');
    expect(() => new Selector({})).toThrow(/\[skitter\] Selector: needs `text` or `root`/);
  });
});

describe('scalarToString (Python str() of lxml values)', () => {
  it('formats floats as Python does', () => {
    expect(scalarToString(3)).toBe('3.0');
    expect(scalarToString(-0)).toBe('-0.0');
    expect(scalarToString(0.5)).toBe('0.5');
    expect(scalarToString(1e16)).toBe('1e+16');
    expect(scalarToString(123456789012345.6)).toBe('123456789012345.6');
    expect(scalarToString(0.0001)).toBe('0.0001');
    expect(scalarToString(0.00001)).toBe('1e-05');
    expect(scalarToString(1.5e-7)).toBe('1.5e-07');
    expect(scalarToString(Number.NaN)).toBe('nan');
    expect(scalarToString(-Infinity)).toBe('-inf');
  });

  it('formats booleans as 1/0 and leaves strings alone', () => {
    expect(scalarToString(true)).toBe('1');
    expect(scalarToString(false)).toBe('0');
    expect(scalarToString('x')).toBe('x');
  });
});
