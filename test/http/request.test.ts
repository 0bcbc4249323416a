import { describe, expect, it } from 'vitest';
import { FormRequest } from '../../src/http/form-request.ts';
import { Request } from '../../src/http/request.ts';
import { Response } from '../../src/http/response.ts';

const dec = new TextDecoder();

describe('Request', () => {
  it('has Scrapy defaults', () => {
    const r = new Request('https://example.com');
    expect(r.url).toBe('https://example.com/');
    expect(r.method).toBe('GET');
    expect(r.body).toEqual(new Uint8Array());
    expect(r.meta).toEqual({});
    expect(r.meta).toBe(r.meta);
    expect(r.cbKwargs).toEqual({});
    expect(r.priority).toBe(0);
    expect(r.dontFilter).toBe(false);
    expect(r.flags).toEqual([]);
    expect(r.encoding).toBe('utf-8');
    expect(r.cookies).toEqual({});
    expect(r.callback).toBeUndefined();
    expect(r.headers.size).toBe(0);
    expect(String(r)).toBe('<GET https://example.com/>');
  });

  it('normalises the URL and keeps the fragment', () => {
    expect(new Request('HTTPS://Example.COM:443/a b?q=é#frag').url).toBe('https://example.com/a%20b?q=%C3%A9#frag');
    expect(new Request('data:text/plain,hi').url).toBe('data:text/plain,hi');
    expect(new Request('file:///tmp/x.html').url).toBe('file:///tmp/x.html');
    expect(new Request('about:blank').url).toBe('about:blank');
  });

  it('normalises every spelling after a follow() (which skips re-parsing the URL it resolved)', () => {
    const page = new Response({ url: 'https://Example.com:443/dir/page' });
    const followed = page.follow('../a b?q=ü#f');
    expect(followed.url).toBe('https://example.com/a%20b?q=%C3%BC#f');
    // The same URL spelled differently, right after: still parsed and normalised.
    expect(new Request('https://EXAMPLE.com/a b?q=ü#f').url).toBe('https://example.com/a%20b?q=%C3%BC#f');
    expect(new Request(followed.url).url).toBe(followed.url);
    expect(() => new Request('a b')).toThrow(/missing scheme/);
  });

  it('rejects relative and invalid URLs with a clear message', () => {
    expect(() => new Request('foo/bar')).toThrow(new TypeError(
      '[skitter] Request: missing scheme in request URL "foo/bar"; use response.urljoin() or response.follow() for relative links',
    ));
    expect(() => new Request('//example.com/x')).toThrow('missing scheme in request URL "//example.com/x"');
    expect(() => new Request('http://')).toThrow(new TypeError('[skitter] Request: invalid request URL "http://"'));
    expect(() => new Request('https://example.com', { priority: 1.5 })).toThrow(
      '[skitter] Request: priority must be an integer, got 1.5',
    );
  });

  it('upper-cases the method, encodes string bodies as UTF-8 and copies meta/flags/cbKwargs', () => {
    const meta = { a: 1 };
    const flags = ['x'];
    const r = new Request('https://example.com/', { method: 'post', body: 'é=1', meta, flags, cbKwargs: { k: 2 } });
    expect(r.method).toBe('POST');
    expect([...r.body]).toEqual([0xc3, 0xa9, 0x3d, 0x31]);
    expect(r.meta).toEqual({ a: 1 });
    expect(r.meta).not.toBe(meta);
    expect(r.flags).not.toBe(flags);
    expect(r.cbKwargs).toEqual({ k: 2 });
  });

  it('replace() applies changes, shallow-copies meta and keeps the subclass', () => {
    const callback = (_r: Response) => undefined;
    const r = new Request('https://example.com/a', { meta: { depth: 1 }, callback, priority: 5, headers: { A: '1' } });
    const r2 = r.replace({ url: 'https://example.com/b', dontFilter: true });
    expect(r2).toBeInstanceOf(Request);
    expect(r2.url).toBe('https://example.com/b');
    expect(r2.meta).toEqual({ depth: 1 });
    expect(r2.meta).not.toBe(r.meta);
    expect(r2.headers).not.toBe(r.headers);
    expect(r2.headers.get('a')).toBe('1');
    expect(r2.callback).toBe(callback);
    expect(r2.priority).toBe(5);
    expect(r2.dontFilter).toBe(true);
    r2.meta.depth = 2;
    expect(r.meta.depth).toBe(1);

    const f = new FormRequest('https://example.com/post', { formdata: { a: '1' } });
    const f2 = f.replace({ priority: 3 });
    expect(f2).toBeInstanceOf(FormRequest);
    expect(f2.method).toBe('POST');
    expect(dec.decode(f2.body)).toBe('a=1');
    expect(f2.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    const copy = f.copy();
    expect(copy).toBeInstanceOf(FormRequest);
    expect(copy).not.toBe(f);
    expect(copy.url).toBe(f.url);
  });

  it('url and body are read-only', () => {
    const r = new Request('https://example.com/');
    expect(() => { (r as unknown as { url: string }).url = 'x'; }).toThrow(TypeError);
    expect(() => { (r as unknown as { body: Uint8Array }).body = new Uint8Array(); }).toThrow(TypeError);
  });
});
