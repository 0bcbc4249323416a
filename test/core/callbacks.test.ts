import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError, Failure, Request, signals, Spider, type Response } from '../../src/node.ts';
import { runSpider } from '../helpers/run-spider.ts';
import { html, startTestServer, type TestServer } from '../helpers/http-server.ts';

let server: TestServer;
beforeAll(async () => {
  const page = (n: number) => html(`<html><head><title>Page ${n}</title></head><body><h1>P${n}</h1><a href="/p${n + 1}">next</a></body></html>`);
  server = await startTestServer(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`/p${i}`, page(i)])));
});
afterAll(() => server.close());

const title = (r: Response) => r.css('title::text').get();

describe('callbacks of every shape', () => {
  it('plain, array, iterable, generator, async, async generator and nothing: every output is processed', async () => {
    const base = server.url;
    class Shapes extends Spider {
      override name = 'shapes';
      override async *start() {
        yield new Request(`${base}/p0`, { callback: this.plain });
        yield new Request(`${base}/p1`, { callback: this.array });
        yield new Request(`${base}/p2`, { callback: this.generator });
        yield new Request(`${base}/p3`, { callback: this.asyncFunction });
        yield new Request(`${base}/p4`, { callback: this.asyncGenerator });
        yield new Request(`${base}/p5`, { callback: this.nothing });
        yield new Request(`${base}/p6`, { callback: this.request });
        yield new Request(`${base}/p8`, { callback: this.set });
      }
      plain(r: Response) { return { shape: 'plain', title: title(r) }; }
      array(r: Response) { return [{ shape: 'array', title: title(r) }, { shape: 'array2' }]; }
      *generator(r: Response) { yield { shape: 'generator', title: title(r) }; }
      async asyncFunction(r: Response) { await Promise.resolve(); return [{ shape: 'async', title: title(r) }]; }
      async *asyncGenerator(r: Response) { await Promise.resolve(); yield { shape: 'asyncgen', title: title(r) }; }
      nothing() { return undefined; }
      request(r: Response) { return r.follow('/p7', { callback: this.plain }); }
      set(r: Response) { return new Set([{ shape: 'set', title: title(r) }]); }
    }
    const run = await runSpider(Shapes, { CONCURRENT_REQUESTS: 1 });
    const got = run.items.map((i) => `${i.shape}:${i.title ?? ''}`).sort();
    expect(got).toEqual([
      'array2:', 'array:Page 1', 'async:Page 3', 'asyncgen:Page 4', 'generator:Page 2', 'plain:Page 0', 'plain:Page 7', 'set:Page 8',
    ]);
    expect(run.stats['item_scraped_count']).toBe(8);
    expect(run.stats['response_received_count']).toBe(9);
    expect(run.stats['finish_reason']).toBe('finished');
  });

  it('cbKwargs are passed as the second argument and `this` is the spider', async () => {
    const base = server.url;
    class Kw extends Spider {
      override name = 'kw';
      marker = 'spider-this';
      override async *start() { yield new Request(`${base}/p0`, { callback: this.withKwargs, cbKwargs: { a: 1, b: 'x' } }); }
      withKwargs(this: Kw, _r: Response, kw: Record<string, unknown>) { return { ...kw, marker: this.marker }; }
    }
    const run = await runSpider(Kw);
    expect(run.items).toEqual([{ a: 1, b: 'x', marker: 'spider-this' }]);
  });

  it('output before an exception is kept; the exception reaches spider_error and stats', async () => {
    const base = server.url;
    const errors: unknown[] = [];
    class Failing extends Spider {
      override name = 'failing';
      override startUrls = [`${base}/p0`];
      override *parse() {
        yield { n: 1 };
        yield { n: 2 };
        throw new RangeError('boom');
      }
    }
    const crawlerErrors: string[] = [];
    const { Crawler } = await import('../../src/node.ts');
    const items: unknown[] = [];
    const crawler = new Crawler(Failing, {
      ITEM_PIPELINES: { c: { use: { processItem: (i: unknown) => (items.push(i), i) }, order: 1 } },
    }, { logSink: (r) => { if (r.level === 'ERROR') crawlerErrors.push(r.message); } });
    crawler.signals.connect(signals.spiderError, ({ failure, response }) => { errors.push([(failure as Failure).value, response.url]); });
    await crawler.crawl();
    expect(items).toEqual([{ n: 1 }, { n: 2 }]);
    expect(errors).toHaveLength(1);
    expect((errors[0] as [Error, string])[0]).toBeInstanceOf(RangeError);
    expect((errors[0] as [Error, string])[1]).toBe(`${base}/p0`);
    expect(crawler.stats.getValue('spider_exceptions/count')).toBe(1);
    expect(crawler.stats.getValue('spider_exceptions/RangeError')).toBe(1);
    expect(crawlerErrors).toEqual([`Spider error processing <GET ${base}/p0> (referer: None)`]);
  });

  it('async generator: items yielded before an exception are processed', async () => {
    const base = server.url;
    class AsyncFailing extends Spider {
      override name = 'asyncfailing';
      override startUrls = [`${base}/p0`];
      override async *parse() {
        yield { n: 1 };
        await Promise.resolve();
        throw new Error('late');
      }
    }
    const run = await runSpider(AsyncFailing);
    expect(run.items).toEqual([{ n: 1 }]);
    expect(run.stats['spider_exceptions/Error']).toBe(1);
  });

  it('a download failure goes to the errback with a Failure; errback output is processed', async () => {
    const dead = 'http://127.0.0.1:9/unreachable';
    class Errback extends Spider {
      override name = 'errback';
      override async *start() { yield new Request(dead, { errback: this.onError }); }
      onError(failure: Failure) {
        return { failed: failure.request.url, isConnectionError: failure.check(ConnectionError) === ConnectionError };
      }
    }
    const run = await runSpider(Errback, { RETRY_ENABLED: false });
    expect(run.items).toEqual([{ failed: dead, isConnectionError: true }]);
    expect(run.stats['finish_reason']).toBe('finished');
  });

  it('a download failure without errback is logged as an error, the crawl finishes', async () => {
    class NoErrback extends Spider {
      override name = 'noerrback';
      override startUrls = ['http://127.0.0.1:9/unreachable'];
    }
    const run = await runSpider(NoErrback, { RETRY_ENABLED: false });
    expect(run.messages('ERROR')).toHaveLength(1);
    expect(run.messages('ERROR')[0]).toMatch(/^Error downloading <GET http:\/\/127\.0\.0\.1:9\/unreachable>: /);
    expect(run.stats['finish_reason']).toBe('finished');
    expect(run.stats['log_count/ERROR']).toBe(1);
  });

  it('a callback returning a non-item value is reported, not silently dropped', async () => {
    const base = server.url;
    class Wrong extends Spider {
      override name = 'wrong';
      override startUrls = [`${base}/p0`];
      override parse() { return ['text', 42, { ok: true }]; }
    }
    const run = await runSpider(Wrong);
    expect(run.items).toEqual([{ ok: true }]);
    expect(run.messages('ERROR')).toEqual([
      `Spider must return request, item, or nothing, got string in <GET ${base}/p0>`,
      `Spider must return request, item, or nothing, got number in <GET ${base}/p0>`,
    ]);
  });
});
