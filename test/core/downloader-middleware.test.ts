import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HtmlResponse, IgnoreRequest, Request, Spider, type Failure, type Response } from '../../src/node.ts';
import { runSpider } from '../helpers/run-spider.ts';
import { html, startTestServer, type TestServer } from '../helpers/http-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    '/': html('<html><title>home</title></html>'),
    '/other': html('<html><title>other</title></html>'),
  });
});
afterAll(() => server.close());

const dmw = (entries: Record<string, [object | (new () => object), number]>) => ({
  DOWNLOADER_MIDDLEWARES: Object.fromEntries(Object.entries(entries).map(([k, [use, order]]) => [k, { use, order }])),
});

function titleSpider(url: string, extra: Partial<{ errback: (f: Failure) => unknown }> = {}) {
  return class extends Spider {
    override name = 'dmw';
    override async *start() { yield new Request(url, { callback: this.parse, ...extra }); }
    override parse(r: Response) { return { url: r.url, title: r.css('title::text').get(), status: r.status }; }
  };
}

describe('downloader middleware chain', () => {
  it('request hooks run ascending, response hooks descending', async () => {
    const calls: string[] = [];
    const mk = (name: string) => ({
      processRequest() { calls.push(`req:${name}`); },
      processResponse(_q: Request, r: Response) { calls.push(`res:${name}`); return r; },
    });
    await runSpider(titleSpider(`${server.url}/`), dmw({ a: [mk('a'), 100], b: [mk('b'), 200], c: [mk('c'), 300] }));
    expect(calls).toEqual(['req:a', 'req:b', 'req:c', 'res:c', 'res:b', 'res:a']);
  });

  it('processRequest returning a Response skips the download; response hooks still run', async () => {
    server.seen.length = 0;
    const seenResponses: number[] = [];
    const cache = {
      processRequest(request: Request) {
        return new HtmlResponse({ url: request.url, status: 200, body: new TextEncoder().encode('<title>cached</title>'), headers: { 'Content-Type': 'text/html' } });
      },
    };
    const observer = { processResponse(_q: Request, r: Response) { seenResponses.push(r.status); return r; } };
    const run = await runSpider(titleSpider(`${server.url}/`), dmw({ observer: [observer, 50], cache: [cache, 100] }));
    expect(run.items).toEqual([{ url: `${server.url}/`, title: 'cached', status: 200 }]);
    expect(server.seen).toHaveLength(0);
    expect(seenResponses).toEqual([200]);
  });

  it('processRequest returning a Request schedules it instead', async () => {
    const swap = {
      processRequest(request: Request) {
        if (request.url.endsWith('/')) return request.replace({ url: `${server.url}/other` });
      },
    };
    const run = await runSpider(titleSpider(`${server.url}/`), dmw({ swap: [swap, 100] }));
    expect(run.items).toEqual([{ url: `${server.url}/other`, title: 'other', status: 200 }]);
  });

  it('IgnoreRequest from processRequest reaches the errback', async () => {
    const block = { processRequest() { throw new IgnoreRequest('blocked by policy'); } };
    const errback = (f: Failure) => ({ ignored: f.check(IgnoreRequest) === IgnoreRequest, msg: f.getErrorMessage() });
    const run = await runSpider(titleSpider(`${server.url}/`, { errback }), dmw({ block: [block, 100] }));
    expect(run.items).toEqual([{ ignored: true, msg: 'blocked by policy' }]);
    expect(run.messages('ERROR')).toEqual([]);
  });

  it('processException recovers with a Response; process_response hooks then run', async () => {
    const calls: string[] = [];
    const recover = {
      processException(request: Request) {
        calls.push('exception');
        return new HtmlResponse({ url: request.url, status: 200, body: new TextEncoder().encode('<title>fallback</title>'), headers: { 'Content-Type': 'text/html' } });
      },
      processResponse(_q: Request, r: Response) { calls.push('response'); return r; },
    };
    const run = await runSpider(titleSpider('http://127.0.0.1:9/down'), { RETRY_ENABLED: false, ...dmw({ recover: [recover, 100] }) });
    expect(run.items).toEqual([{ url: 'http://127.0.0.1:9/down', title: 'fallback', status: 200 }]);
    expect(calls).toEqual(['exception', 'response']);
  });

  it('async hooks are awaited', async () => {
    const slow = {
      async processRequest(request: Request) {
        await new Promise((r) => setTimeout(r, 20));
        request.headers.set('X-Async', 'yes');
      },
    };
    server.seen.length = 0;
    await runSpider(titleSpider(`${server.url}/`), dmw({ slow: [slow, 100] }));
    expect(server.seen[0]!.headers['x-async']).toBe('yes');
  });

  it('a hook returning anything else fails with an error naming the middleware and the value', async () => {
    class BadMiddleware { processResponse() { return 'not a response'; } }
    const errors: string[] = [];
    const errback = (f: Failure) => { errors.push(f.getErrorMessage()); };
    await runSpider(titleSpider(`${server.url}/`, { errback }), dmw({ bad: [BadMiddleware, 100] }));
    expect(errors).toEqual(['[skitter] BadMiddleware.processResponse must return a Response or a Request, got string "not a response".']);
  });

  it('a null entry disables a base middleware; order comes from the merged map', async () => {
    const calls: string[] = [];
    const run = await runSpider(titleSpider(`${server.url}/`), {
      DOWNLOADER_MIDDLEWARES_BASE: { first: { use: { processRequest() { calls.push('first'); } }, order: 10 }, second: { use: { processRequest() { calls.push('second'); } }, order: 20 } },
      DOWNLOADER_MIDDLEWARES: { first: null, third: { use: { processRequest() { calls.push('third'); } }, order: 15 } },
    });
    expect(calls).toEqual(['third', 'second']);
    expect(run.items).toHaveLength(1);
  });
});
