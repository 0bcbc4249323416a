import { describe, expect, it } from 'vitest';
import { Request, Spider, FormRequest } from '../../src/node.ts';
import { requestFromJson, requestToJson } from '../../src/redis/request-json.ts';

class Shop extends Spider {
  override name = 'shop';
  parseItem(): void {}
  onError(): void {}
}

describe('requests as JSON (shared frontier)', () => {
  const spider = new Shop();

  it('round-trips every field; the callback travels by method name; the text is readable', () => {
    const binary = new Uint8Array([0xff, 0x00, 0x41]);
    const request = new Request('https://example.com/a?b=1', {
      method: 'POST', headers: { 'X-A': ['1', '2'], Accept: 'text/html' }, body: binary,
      callback: spider.parseItem, errback: spider.onError, cbKwargs: { page: 2, tags: ['x'] },
      meta: { depth: 3, nested: { ok: true, none: null } }, priority: -5, dontFilter: true,
      flags: ['retried'], encoding: 'latin-1', cookies: { session: 'abc' },
    });
    const json = requestToJson(request, spider);
    expect(json).toEqual({
      url: 'https://example.com/a?b=1', method: 'POST', headers: [['X-A', '1'], ['X-A', '2'], ['Accept', 'text/html']],
      bodyBase64: '/wBB', callback: 'parseItem', errback: 'onError', cbKwargs: { page: 2, tags: ['x'] },
      meta: { depth: 3, nested: { ok: true, none: null } }, priority: -5, dontFilter: true, flags: ['retried'],
      encoding: 'latin-1', cookies: { session: 'abc' },
    });
    const back = requestFromJson(JSON.parse(JSON.stringify(json)), spider);
    expect(back.url).toBe(request.url);
    expect(back.method).toBe('POST');
    expect(back.headers.getAll('x-a')).toEqual(['1', '2']);
    expect([...back.body]).toEqual([0xff, 0x00, 0x41]);
    expect(back.callback).toBe(spider.parseItem);
    expect(back.errback).toBe(spider.onError);
    expect(back.cbKwargs).toEqual({ page: 2, tags: ['x'] });
    expect(back.meta).toEqual({ depth: 3, nested: { ok: true, none: null } });
    expect([back.priority, back.dontFilter, back.flags, back.encoding, back.cookies]).toEqual([-5, true, ['retried'], 'latin-1', { session: 'abc' }]);
    // A plain GET is just its URL; a UTF-8 body stays text.
    expect(requestToJson(new Request('https://example.com/'), spider)).toEqual({ url: 'https://example.com/' });
    const form = new FormRequest('https://example.com/f', { formdata: { q: 'é' } });
    expect(requestToJson(form, spider)).toMatchObject({ method: 'POST', body: 'q=%C3%A9', class: 'FormRequest' });
  });

  it('refuses, naming the request and the field, what JSON cannot carry', () => {
    const url = 'https://example.com/x';
    const cases: Array<[Request, string]> = [
      [new Request(url, { callback: () => {} }), 'its callback (callback) is not a method of the spider'],
      [new Request(url, { callback: spider.parseItem.bind(spider) }), 'its callback (bound parseItem) is not a method of the spider'],
      [new Request(url, { meta: { fn: () => 1 } }), 'meta.fn is a function'],
      [new Request(url, { meta: { when: new Date(0) } }), 'meta.when is a Date'],
      [new Request(url, { cbKwargs: { n: Number.NaN } }), 'cbKwargs.n is NaN'],
      [new Request(url, { meta: { u: undefined } }), 'meta.u is of type undefined'],
    ];
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    cases.push([new Request(url, { meta: { c: cyclic } }), 'meta.c.self refers to itself (a cycle)']);
    class Custom extends Request {}
    cases.push([new Custom(url), 'its class Custom may carry fields JSON does not keep']);
    for (const [request, why] of cases) {
      expect(() => requestToJson(request, spider)).toThrow(`[skitter] cannot serialise <GET ${url}> for the shared frontier: ${why}`);
    }
    expect(() => requestFromJson({ url, callback: 'gone' }, spider)).toThrow('the spider has no method "gone" to call');
  });
});
