import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, fingerprint } from '../../src/http/fingerprint.ts';
import { FormRequest } from '../../src/http/form-request.ts';
import { Request } from '../../src/http/request.ts';

describe('canonicalizeUrl', () => {
  it.each([
    ['https://example.com/a?b=2&a=1&c=3', 'https://example.com/a?a=1&b=2&c=3'],
    ['HTTP://WWW.Example.COM:80/Path', 'http://www.example.com/Path'],
    ['https://example.com:8443', 'https://example.com:8443/'],
    ['https://example.com/p#frag', 'https://example.com/p'],
    ['https://example.com/a%7eb%2fc%3fd%2Fe', 'https://example.com/a~b%2Fc%3Fd%2Fe'],
    ['https://example.com/%c3%a9t%C3%A9', 'https://example.com/%C3%A9t%C3%A9'],
    ['https://example.com/été', 'https://example.com/%C3%A9t%C3%A9'],
    ['https://example.com/a^b|c', 'https://example.com/a%5Eb|c'],
    ['https://example.com/?a=1&a=0&b&c=&&d=x%20y+z', 'https://example.com/?a=0&a=1&b=&c=&d=x+y+z'],
    ['https://example.com/?q=caf%e9&q2=%2F/', 'https://example.com/?q=caf%E9&q2=%2F%2F'],
    ['https://example.com/?x=1;y=2', 'https://example.com/?x=1&y=2'],
    ['https://example.com/?', 'https://example.com/'],
    ['https://user:Pass@Example.com/', 'https://user:Pass@example.com/'],
    ['https://example.com/a;P%3da?x=1', 'https://example.com/a;P%3da?x=1'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example/'],
    ['data:text/plain,hi', 'data:text/plain,hi'],
  ])('%s -> %s', (input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it('keeps the fragment on request and is idempotent', () => {
    expect(canonicalizeUrl('https://example.com/p?b=1&a=2#Sec 1', { keepFragments: true })).toBe('https://example.com/p?a=2&b=1#Sec%201');
    const once = canonicalizeUrl('https://example.com/x y/?z=é&a=%41');
    expect(once).toBe('https://example.com/x%20y/?a=A&z=%C3%A9');
    expect(canonicalizeUrl(once)).toBe(once);
  });

  it('throws on relative URLs', () => {
    expect(() => canonicalizeUrl('/a')).toThrow(TypeError);
  });
});

describe('fingerprint', () => {
  it('is 40 hex characters and matches Scrapy’s serialisation', () => {
    // sha1('{"body": "", "headers": {}, "method": "GET", "url": "https://example.com/a?a=1&b=2"}')
    expect(fingerprint(new Request('https://example.com/a?b=2&a=1'))).toBe('a2c3c359844f8fd162976942f4b64bfa327ec973');
    // sha1('{"body": "783d31e9", "headers": {}, "method": "POST", "url": "https://example.com/"}')
    expect(fingerprint(new Request('https://example.com/', { method: 'POST', body: new Uint8Array([0x78, 0x3d, 0x31, 0xe9]) })))
      .toBe('f2a63797632e0ebfcca54a8c8ac7815a79737ab5');
  });

  it('is equal for reordered queries, differing fragments and headers', () => {
    const a = fingerprint(new Request('https://example.com/s?q=1&p=2#top'));
    expect(fingerprint(new Request('https://EXAMPLE.com:443/s?p=2&q=1'))).toBe(a);
    expect(fingerprint(new Request('https://example.com/s?p=2&q=1#bottom', { headers: { Accept: 'x' } }))).toBe(a);
  });

  it('differs for method, body and URL', () => {
    const get = fingerprint(new Request('https://example.com/s'));
    const post = fingerprint(new Request('https://example.com/s', { method: 'POST' }));
    const body1 = fingerprint(new FormRequest('https://example.com/s', { formdata: { a: '1' } }));
    const body2 = fingerprint(new FormRequest('https://example.com/s', { formdata: { a: '2' } }));
    const other = fingerprint(new Request('https://example.com/t'));
    expect(new Set([get, post, body1, body2, other]).size).toBe(5);
  });

  it('hashes large bodies in pieces and caches per request', () => {
    const big = new Uint8Array(20_000).map((_, i) => i & 0xff);
    const r = new Request('https://example.com/', { method: 'PUT', body: big });
    const fp = fingerprint(r);
    expect(fingerprint(new Request('https://example.com/', { method: 'PUT', body: big.slice() }))).toBe(fp);
    expect(fingerprint(new Request('https://example.com/', { method: 'PUT', body: big.subarray(1) }))).not.toBe(fp);
    r.method = 'POST';
    expect(fingerprint(r)).toBe(fp); // cached: mutating after fingerprinting is documented as unsupported
    expect(fingerprint(r.replace({}))).not.toBe(fp);
  });

  it('gives the same values when a URL was fingerprinted before, under any method, and past the recent-URL cache\'s size', () => {
    const url = 'https://example.com/a?b=2&a=1';
    const expected = 'a2c3c359844f8fd162976942f4b64bfa327ec973';
    const post = fingerprint(new Request(url, { method: 'POST' }));
    for (let i = 0; i < 3; i++) expect(fingerprint(new Request(url))).toBe(expected);
    expect(fingerprint(new Request(url, { method: 'POST' }))).toBe(post);
    expect(post).not.toBe(expected);
    // A GET with a body is not a bodiless GET: its own value.
    expect(fingerprint(new Request(url, { body: 'x' }))).not.toBe(expected);
    // More distinct URLs than the cache holds (it clears itself), then the first one again.
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) seen.add(fingerprint(new Request(`https://example.com/p/${i}`)));
    expect(seen.size).toBe(5000);
    expect(fingerprint(new Request('https://EXAMPLE.com:443/a?a=1&b=2#x'))).toBe(expected);
  });
});
