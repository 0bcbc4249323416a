import { describe, expect, it } from 'vitest';
import { compilePatterns, matchesAny, toArray, urlExtension, urlIsFromAnyDomain } from '../../src/link-extractors/url-matching.ts';

describe('url matching helpers', () => {
  it('urlExtension is the lower-cased extension of the last path segment, as posixpath.splitext', () => {
    expect(urlExtension('http://a.test/x/report.PDF')).toBe('.pdf');
    expect(urlExtension('http://a.test/a.tar.gz?x=1.zip#y.png')).toBe('.gz');
    expect(urlExtension('http://a.test/')).toBe('');
    expect(urlExtension('http://a.b.test/page')).toBe('');
    expect(urlExtension('http://a.test/v1.2/page')).toBe('');
    expect(urlExtension('http://a.test/.bashrc')).toBe('');
    expect(urlExtension('http://a.test/..a')).toBe('');
    expect(urlExtension('file:///tmp/x.JPG')).toBe('.jpg');
  });

  it('urlIsFromAnyDomain matches the host or a subdomain, with the port only when the domain has one', () => {
    expect(urlIsFromAnyDomain('http://example.com/', ['example.com'])).toBe(true);
    expect(urlIsFromAnyDomain('http://www.example.com:8080/', ['example.com'])).toBe(true);
    expect(urlIsFromAnyDomain('http://user:pw@a.example.com/', ['example.com'])).toBe(true);
    expect(urlIsFromAnyDomain('http://badexample.com/', ['example.com'])).toBe(false);
    expect(urlIsFromAnyDomain('http://127.0.0.1:81/', ['127.0.0.1:80'])).toBe(false);
    expect(urlIsFromAnyDomain('http://127.0.0.1:81/', ['127.0.0.1:81'])).toBe(true);
    expect(urlIsFromAnyDomain('http://[::1]:81/', ['[::1]'])).toBe(true);
    expect(urlIsFromAnyDomain('mailto:a@example.com', ['example.com'])).toBe(false);
  });

  it('compilePatterns and matchesAny search anywhere, statelessly', () => {
    const res = compilePatterns(['^http://a', /B$/gi], 'Owner', 'allow');
    expect(res.map((r) => r.flags)).toEqual(['', 'i']);
    expect(['http://a/x', 'http://c/b', 'http://c/'].map((u) => matchesAny(u, res))).toEqual([true, true, false]);
    expect(() => compilePatterns(3 as never, 'Owner', 'deny')).toThrow('[skitter] Owner: deny patterns must be RegExps or strings, got number');
    expect(toArray(undefined)).toEqual([]);
    expect(toArray('a')).toEqual(['a']);
  });
});
