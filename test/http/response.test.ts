import { describe, expect, it } from 'vitest';
import { NotSupportedError } from '../../src/errors/not-supported-error.ts';
import { HtmlResponse } from '../../src/http/html-response.ts';
import { Request } from '../../src/http/request.ts';
import { Response } from '../../src/http/response.ts';
import { TextResponse } from '../../src/http/text-response.ts';
import { XmlResponse } from '../../src/http/xml-response.ts';

const enc = new TextEncoder();

describe('Response', () => {
  it('has Scrapy defaults and prints like Scrapy', () => {
    const r = new Response({ url: 'https://example.com/' });
    expect(r.status).toBe(200);
    expect(r.body.length).toBe(0);
    expect(r.request).toBeNull();
    expect(r.flags).toEqual([]);
    expect(String(r)).toBe('<200 https://example.com/>');
    expect(String(new Response({ url: 'https://example.com/x', status: 404 }))).toBe('<404 https://example.com/x>');
  });

  it('meta and cbKwargs come from the request, with a clear error without one', () => {
    const r = new Response({ url: 'https://example.com/' });
    expect(() => r.meta).toThrow(new TypeError(
      '[skitter] Response.meta: this response is not tied to any request; read it in a callback, or set response.request',
    ));
    expect(() => r.cbKwargs).toThrow('[skitter] Response.cbKwargs: this response is not tied to any request');
    r.request = new Request('https://example.com/', { meta: { depth: 2 }, cbKwargs: { page: 3 } });
    expect(r.meta).toEqual({ depth: 2 });
    expect(r.meta).toBe(r.request.meta);
    expect(r.cbKwargs).toEqual({ page: 3 });
  });

  it('text, css and xpath throw NotSupportedError on a non-text response', () => {
    const r = new Response({ url: 'https://example.com/a.png', headers: { 'Content-Type': 'image/png' } });
    expect(() => r.text).toThrow(NotSupportedError);
    expect(() => r.text).toThrow('[skitter] Response: this response is not text (Content-Type "image/png"); use response.body');
    expect(() => r.css('a')).toThrow(NotSupportedError);
    expect(() => new Response({ url: 'https://x/' }).xpath('//a')).toThrow('(Content-Type missing)');
  });

  it('urljoin, follow and followAll resolve relative links', () => {
    const r = new Response({ url: 'https://example.com/dir/page?x=1' });
    expect(r.urljoin('next')).toBe('https://example.com/dir/next');
    expect(r.urljoin('/root')).toBe('https://example.com/root');
    expect(r.urljoin('?p=2')).toBe('https://example.com/dir/page?p=2');
    const cb = () => undefined;
    const req = r.follow('../up#f', { callback: cb, meta: { a: 1 } });
    expect(req.url).toBe('https://example.com/up#f');
    expect(req.callback).toBe(cb);
    expect(req.meta).toEqual({ a: 1 });
    expect(r.follow(new URL('https://other.org/x')).url).toBe('https://other.org/x');
    expect(r.follow({ url: 'link' }).url).toBe('https://example.com/dir/link');
    expect(r.followAll(['a', '/b', { url: 'c' }], { priority: 3 }).map((q) => [q.url, q.priority])).toEqual([
      ['https://example.com/dir/a', 3], ['https://example.com/b', 3], ['https://example.com/dir/c', 3],
    ]);
    expect(() => r.follow(null as unknown as string)).toThrow('[skitter] Response.follow: cannot follow null');
  });

  it('replace() keeps the class unless cls is given; copy() is a new object', () => {
    const req = new Request('https://example.com/');
    const r = new HtmlResponse({ url: 'https://example.com/', body: enc.encode('<p>a</p>'), request: req, flags: ['cached'] });
    const r2 = r.replace({ status: 201 });
    expect(r2).toBeInstanceOf(HtmlResponse);
    expect(r2.status).toBe(201);
    expect(r2.request).toBe(req);
    expect(r2.flags).toEqual(['cached']);
    expect(r2.flags).not.toBe(r.flags);
    const r3 = r.replace({ cls: Response });
    expect(r3.constructor).toBe(Response);
    expect(r3.body).toBe(r.body);
    expect(r.copy()).not.toBe(r);
    expect(r.copy().text).toBe('<p>a</p>');
  });
});

const HTML = `<html><head><title>T</title></head><body>
<a href=" /one ">1</a><a class="next" href="page2">2</a><a name="anchor">no href</a>
<link rel="alternate" href="feed.xml"><map><area href="area.html"></map><p>para</p>
</body></html>`;

function html(body = HTML, url = 'https://example.com/dir/index.html'): HtmlResponse {
  return new HtmlResponse({ url, body: enc.encode(body), headers: { 'Content-Type': 'text/html' } });
}

describe('TextResponse', () => {
  it('is lazy: nothing is decoded or parsed until asked, and only once', () => {
    const r = html();
    expect(r.decoded).toBe(false);
    expect(r.parsed).toBe(false);
    expect(r.status).toBe(200);
    expect(r.decoded).toBe(false);
    const text = r.text;
    expect(r.decoded).toBe(true);
    expect(r.parsed).toBe(false);
    expect(r.text).toBe(text);
    expect(r.css('title::text').get()).toBe('T');
    expect(r.parsed).toBe(true);
    const sel = r.selector;
    expect(r.xpath('//p/text()').get()).toBe('para');
    expect(r.selector).toBe(sel);
  });

  it('json() parses once and caches', () => {
    const r = new TextResponse({ url: 'https://api.example.com/', body: enc.encode('{"a":[1,{"b":"é"}]}') });
    const v = r.json<{ a: unknown[] }>();
    expect(v).toEqual({ a: [1, { b: 'é' }] });
    expect(r.json()).toBe(v);
    expect(() => new TextResponse({ url: 'https://x/', body: enc.encode('nope') }).json()).toThrow(SyntaxError);
  });

  it('follows selectors of links, attributes and text; rejects other elements', () => {
    const r = html();
    expect(r.follow(r.css('a.next')[0]!).url).toBe('https://example.com/dir/page2');
    expect(r.follow(r.css('a')[0]!).url).toBe('https://example.com/one');
    expect(r.follow(r.css('link')[0]!).url).toBe('https://example.com/dir/feed.xml');
    expect(r.follow(r.css('area')[0]!).url).toBe('https://example.com/dir/area.html');
    expect(r.follow(r.css('a.next::attr(href)')[0]!).url).toBe('https://example.com/dir/page2');
    expect(r.follow(r.css('a')[0]!).encoding).toBe('utf-8');
    const latin = new HtmlResponse({ url: 'https://x/', body: enc.encode('<a href="b">b</a>'), headers: { 'Content-Type': 'text/html; charset=ISO-8859-1' } });
    expect(latin.follow(latin.css('a')[0]!).encoding).toBe('windows-1252');
    expect(latin.follow('c', { encoding: 'utf-8' }).encoding).toBe('utf-8');
    expect(() => r.follow(r.css('p')[0]!)).toThrow(
      '[skitter] TextResponse.follow: only <a>, <link> and <area> elements can be followed, got <p>',
    );
    expect(() => r.follow(r.css('a[name]')[0]!)).toThrow('[skitter] TextResponse.follow: <a> element has no href attribute');
  });

  it('followAll takes css/xpath queries and skips non-links', () => {
    const r = html();
    expect(r.followAll({ css: 'a' }).map((q) => q.url)).toEqual(['https://example.com/one', 'https://example.com/dir/page2']);
    expect(r.followAll({ xpath: '//a/@href' }).map((q) => q.url)).toEqual(['https://example.com/one', 'https://example.com/dir/page2']);
    expect(r.followAll({ css: 'a, p, link' }).length).toBe(3);
    expect(r.followAll(r.css('a.next')).map((q) => q.url)).toEqual(['https://example.com/dir/page2']);
    expect(() => r.followAll({ css: 'a', xpath: '//a' } as never)).toThrow(
      '[skitter] TextResponse.followAll: give exactly one of css and xpath',
    );
  });

  it('urljoin honours <base href>', () => {
    const r = html('<html><head><base href="https://cdn.example.org/base/"></head><a href="x">x</a></html>');
    expect(r.urljoin('x')).toBe('https://cdn.example.org/base/x');
    expect(r.follow(r.css('a')[0]!).url).toBe('https://cdn.example.org/base/x');
  });

  it('a string body is UTF-8 and needs no decoding', () => {
    const r = new HtmlResponse({ url: 'https://example.com/', body: '<p>日本</p>' });
    expect(r.encoding).toBe('utf-8');
    expect(r.text).toBe('<p>日本</p>');
    expect([...r.body.slice(3, 6)]).toEqual([0xe6, 0x97, 0xa5]);
  });

  it('an explicit encoding overrides detection and survives replace()', () => {
    const r = new TextResponse({ url: 'https://x/', body: new Uint8Array([0x63, 0x61, 0x66, 0xe9]), encoding: 'latin1', headers: { 'content-type': 'text/plain; charset=utf-8' } });
    expect(r.encoding).toBe('windows-1252');
    expect(r.text).toBe('café');
    expect(r.replace({ status: 500 }).text).toBe('café');
  });

  it('XmlResponse parses as XML', () => {
    const r = new XmlResponse({ url: 'https://x/feed', body: enc.encode('<?xml version="1.0"?><rss><item><Title>A</Title></item></rss>') });
    expect(r.xpath('//item/Title/text()').get()).toBe('A');
    expect(r.encoding).toBe('utf-8');
  });
});
