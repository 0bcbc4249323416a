import { describe, expect, it } from 'vitest';
import { HtmlResponse } from '../../src/http/html-response.ts';
import { Response } from '../../src/http/response.ts';
import { NotSupportedError } from '../../src/errors/not-supported-error.ts';
import { IGNORED_EXTENSIONS } from '../../src/link-extractors/ignored-extensions.ts';
import { LinkExtractor } from '../../src/link-extractors/link-extractor.ts';
import { Link } from '../../src/link-extractors/link.ts';

const BASE = 'http://example.com/dir/page.html';

function page(body: string, url = BASE): HtmlResponse {
  return new HtmlResponse({ url, body, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

function urls(extractor: LinkExtractor, response: HtmlResponse): string[] {
  return extractor.extractLinks(response).map((link) => link.url);
}

const SAMPLE = `<html><head><title>t</title></head><body>
<div id="nav"><a href="/">Home</a> <a href="about.html">About <b>us</b></a></div>
<div class="content">
  <a href="http://example.com/product/1" rel="nofollow noopener">Product 1</a>
  <a href="/product/2?b=2&amp;a=1#reviews">Product 2 reviews</a>
  <a href="/product/2?a=1&amp;b=2">Product 2</a>
  <a href="https://shop.example.org/product/3">Partner</a>
  <a href="http://sub.example.com/category/x">Sub</a>
  <area href="/map/area1" alt="a1">
  <a href="/files/report.PDF">Report</a>
  <a href="/img/photo.jpg">Photo</a>
  <a href="javascript:void(0)">JS</a>
  <a href="mailto:me@example.com">Mail</a>
  <a href="tel:+123">Call</a>
  <a>no href</a>
  <img src="/img/logo.png">
  <link href="/style.css">
</div>
</body></html>`;

describe('LinkExtractor defaults', () => {
  it('extracts a and area hrefs in document order, resolved, filtered and deduplicated', () => {
    const links = new LinkExtractor().extractLinks(page(SAMPLE));
    expect(links.map((l) => [l.url, l.text, l.nofollow])).toEqual([
      ['http://example.com/', 'Home', false],
      ['http://example.com/dir/about.html', 'About us', false],
      ['http://example.com/product/1', 'Product 1', true],
      ['http://example.com/product/2?b=2&a=1#reviews', 'Product 2 reviews', false],
      ['http://example.com/product/2?a=1&b=2', 'Product 2', false],
      ['https://shop.example.org/product/3', 'Partner', false],
      ['http://sub.example.com/category/x', 'Sub', false],
      ['http://example.com/map/area1', '', false],
    ]);
    expect(links.every((l) => l instanceof Link && l.fragment === '')).toBe(true);
  });

  it('uses <base href> to resolve relative links', () => {
    const html = '<html><head><base href="http://cdn.example.net/root/"></head><body><a href="x/y">Y</a><a href="/abs">A</a></body></html>';
    expect(urls(new LinkExtractor(), page(html))).toEqual(['http://cdn.example.net/root/x/y', 'http://cdn.example.net/abs']);
  });

  it('strips HTML whitespace around values by default, and skips bogus URLs', () => {
    const html = '<a href="  \n/spaced\t ">S</a><a href="http://[bad">B</a><a href="ftp://files.example.com/x.txt">F</a>';
    expect(urls(new LinkExtractor(), page(html))).toEqual(['http://example.com/spaced', 'ftp://files.example.com/x.txt']);
  });

  it('throws NotSupportedError on a non-text response', () => {
    const binary = new Response({ url: BASE, headers: { 'Content-Type': 'image/png' }, body: new Uint8Array([1, 2]) });
    expect(() => new LinkExtractor().extractLinks(binary)).toThrow(NotSupportedError);
  });
});

describe('LinkExtractor options', () => {
  it('allow (string, RegExp, array) keeps matching URLs only', () => {
    const response = page(SAMPLE);
    expect(urls(new LinkExtractor({ allow: '/product/' }), response)).toEqual([
      'http://example.com/product/1',
      'http://example.com/product/2?b=2&a=1#reviews',
      'http://example.com/product/2?a=1&b=2',
      'https://shop.example.org/product/3',
    ]);
    expect(urls(new LinkExtractor({ allow: [/product\/1$/, 'category'] }), response)).toEqual([
      'http://example.com/product/1',
      'http://sub.example.com/category/x',
    ]);
    // Python-style named groups compile; the g flag does not make matching stateful.
    expect(urls(new LinkExtractor({ allow: 'com/product/(?P<id>\\d)$' }), response)).toEqual(['http://example.com/product/1']);
    expect(urls(new LinkExtractor({ allow: /product/g }), response)).toHaveLength(4);
  });

  it('deny drops matching URLs and wins over allow', () => {
    expect(urls(new LinkExtractor({ allow: '/product/', deny: ['\\?', /example\.org/] }), page(SAMPLE))).toEqual([
      'http://example.com/product/1',
    ]);
  });

  it('allowDomains keeps the domains and their subdomains; denyDomains drops them', () => {
    const response = page(SAMPLE);
    expect(urls(new LinkExtractor({ allowDomains: 'EXAMPLE.org' }), response)).toEqual(['https://shop.example.org/product/3']);
    expect(urls(new LinkExtractor({ denyDomains: ['example.com'] }), response)).toEqual(['https://shop.example.org/product/3']);
    expect(urls(new LinkExtractor({ allowDomains: ['example.com'], denyDomains: ['sub.example.com'] }), response)).toEqual([
      'http://example.com/',
      'http://example.com/dir/about.html',
      'http://example.com/product/1',
      'http://example.com/product/2?b=2&a=1#reviews',
      'http://example.com/product/2?a=1&b=2',
      'http://example.com/map/area1',
    ]);
  });

  it('domains ignore the port unless they give one', () => {
    const html = '<a href="http://127.0.0.1:8080/a">A</a><a href="http://127.0.0.1:9090/b">B</a><a href="http://127.0.0.2/c">C</a>';
    const response = page(html, 'http://127.0.0.1:8080/');
    expect(urls(new LinkExtractor({ allowDomains: '127.0.0.1' }), response)).toEqual(['http://127.0.0.1:8080/a', 'http://127.0.0.1:9090/b']);
    expect(urls(new LinkExtractor({ allowDomains: '127.0.0.1:9090' }), response)).toEqual(['http://127.0.0.1:9090/b']);
  });

  it('restrictCss and restrictXpaths limit extraction to regions, in the order given', () => {
    const response = page(SAMPLE);
    expect(urls(new LinkExtractor({ restrictCss: '#nav' }), response)).toEqual([
      'http://example.com/', 'http://example.com/dir/about.html',
    ]);
    expect(urls(new LinkExtractor({ restrictXpaths: '//div[@class="content"]', allow: 'example\\.com/product' }), response)).toEqual([
      'http://example.com/product/1', 'http://example.com/product/2?b=2&a=1#reviews', 'http://example.com/product/2?a=1&b=2',
    ]);
    // XPath regions come before CSS regions, and a region that is itself a link counts.
    expect(urls(new LinkExtractor({ restrictCss: '#nav', restrictXpaths: '//area' }), response)).toEqual([
      'http://example.com/map/area1', 'http://example.com/', 'http://example.com/dir/about.html',
    ]);
    // Overlapping regions give each link once; attribute results are ignored.
    expect(urls(new LinkExtractor({ restrictCss: ['#nav', 'body', 'a::attr(href)'], allow: '/$' }), response)).toEqual([
      'http://example.com/',
    ]);
  });

  it('restrictText keeps links whose text matches', () => {
    expect(urls(new LinkExtractor({ restrictText: /^Product \d$/ }), page(SAMPLE))).toEqual([
      'http://example.com/product/1', 'http://example.com/product/2?a=1&b=2',
    ]);
  });

  it('tags and attrs choose where links come from, attributes in element order', () => {
    const html = '<img src="/a.gif"><img data-src="/b.jpeg" src="/b-small.jpeg"><a href="/page" data-src="/d">x</a><script src="/s.js"></script>';
    const extractor = new LinkExtractor({ tags: ['img', 'a'], attrs: ['src', 'data-src'], denyExtensions: [] });
    expect(urls(extractor, page(html))).toEqual([
      'http://example.com/a.gif', 'http://example.com/b.jpeg', 'http://example.com/b-small.jpeg', 'http://example.com/d',
    ]);
    expect(urls(new LinkExtractor({ tags: 'script', attrs: 'src', denyExtensions: [] }), page(html))).toEqual(['http://example.com/s.js']);
    expect(urls(new LinkExtractor({ tags: [] }), page(html))).toEqual([]);
  });

  it('canonicalize canonicalizes URLs (dropping fragments), then deduplicates them', () => {
    expect(urls(new LinkExtractor({ allow: '/product/2', canonicalize: true }), page(SAMPLE))).toEqual([
      'http://example.com/product/2?a=1&b=2',
    ]);
    // Without canonicalize, URLs are kept as written; a fragment makes a different link.
    expect(urls(new LinkExtractor({ allow: '/product/2' }), page(SAMPLE))).toEqual([
      'http://example.com/product/2?b=2&a=1#reviews', 'http://example.com/product/2?a=1&b=2',
    ]);
  });

  it('unique drops links whose canonical URL (fragment kept) was seen; unique: false keeps all', () => {
    const html = '<a href="/x?b=1&amp;a=2">1</a><a href="/x?a=2&amp;b=1">2</a><a href="/x?a=2&amp;b=1#f">3</a><a href="/x?a=2&amp;b=1#f">4</a>';
    expect(new LinkExtractor().extractLinks(page(html)).map((l) => l.text)).toEqual(['1', '3']);
    expect(new LinkExtractor({ unique: false }).extractLinks(page(html)).map((l) => l.text)).toEqual(['1', '2', '3', '4']);
  });

  it('processValue rewrites values (resolved again against the page) or drops them', () => {
    const html = `<a href="javascript:goToPage('../other/page.html'); return false">Go</a><a href="/keep">K</a><a href="/drop">D</a>`;
    const seen: string[] = [];
    const extractor = new LinkExtractor({
      processValue(value) {
        seen.push(value);
        const m = /javascript:goToPage\('(.*?)'/.exec(value);
        if (m) return m[1];
        return value.endsWith('/drop') ? null : value;
      },
    });
    expect(urls(extractor, page(html))).toEqual(['http://example.com/other/page.html', 'http://example.com/keep']);
    expect(seen).toEqual([
      "javascript:goToPage('../other/page.html'); return false", 'http://example.com/keep', 'http://example.com/drop',
    ]);
  });

  it('denyExtensions defaults to IGNORED_EXTENSIONS and can be replaced', () => {
    expect(IGNORED_EXTENSIONS).toContain('pdf');
    expect(IGNORED_EXTENSIONS).toContain('jpg');
    const html = '<a href="/r.PDF">1</a><a href="/i.jpg?x=1">2</a><a href="/a.tar.gz">3</a><a href="/.hidden">4</a><a href="/p.html">5</a><a href="/d.v1/x">6</a>';
    expect(urls(new LinkExtractor(), page(html))).toEqual([
      // tar.gz is listed but, as in Scrapy, only the last extension (.gz) is compared.
      'http://example.com/a.tar.gz', 'http://example.com/.hidden', 'http://example.com/p.html', 'http://example.com/d.v1/x',
    ]);
    expect(urls(new LinkExtractor({ denyExtensions: ['html', 'GZ'] }), page(html))).toEqual([
      'http://example.com/r.PDF', 'http://example.com/i.jpg?x=1', 'http://example.com/.hidden', 'http://example.com/d.v1/x',
    ]);
  });

  it('strip: false passes values untouched to processValue (WHATWG URL parsing still trims)', () => {
    const values: string[] = [];
    const extractor = new LinkExtractor({ strip: false, processValue: (v) => (values.push(v), v) });
    expect(urls(extractor, page('<a href=" /a ">A</a>'))).toEqual(['http://example.com/a']);
    expect(values).toEqual(['http://example.com/a']);
  });

  it('matches() applies the domain and allow/deny filters to one URL', () => {
    const extractor = new LinkExtractor({ allow: '/product/', deny: 'draft', allowDomains: 'example.com' });
    expect(extractor.matches('http://example.com/product/1')).toBe(true);
    expect(extractor.matches('http://a.example.com/product/1.pdf')).toBe(true);
    expect(extractor.matches('http://example.com/product/draft')).toBe(false);
    expect(extractor.matches('http://example.com/about')).toBe(false);
    expect(extractor.matches('http://example.org/product/1')).toBe(false);
  });

  it('rejects patterns that do not compile, naming the option', () => {
    expect(() => new LinkExtractor({ allow: '(' })).toThrow(SyntaxError);
    expect(() => new LinkExtractor({ deny: ['ok', '[z-a]'] })).toThrow(/^\[skitter\] LinkExtractor: invalid deny pattern "\[z-a\]"/);
  });
});

describe('Link', () => {
  it('compares by url, text, fragment and nofollow, and prints like Scrapy', () => {
    const a = new Link('http://x/', 'X');
    expect(a.equals(new Link('http://x/', 'X', '', false))).toBe(true);
    expect(a.equals(new Link('http://x/', 'X', '', true))).toBe(false);
    expect(a.key).toBe(new Link('http://x/', 'X').key);
    expect(a.key).not.toBe(new Link('http://x/', 'Y').key);
    expect(String(a)).toBe('Link(url="http://x/", text="X", fragment="", nofollow=false)');
    expect(() => new Link(null as unknown as string)).toThrow('[skitter] Link: url must be a string, got null');
  });

  it('can be followed by a response', () => {
    const link = new LinkExtractor().extractLinks(page('<a href="/next">n</a>'))[0]!;
    expect(page('').follow(link).url).toBe('http://example.com/next');
  });
});
