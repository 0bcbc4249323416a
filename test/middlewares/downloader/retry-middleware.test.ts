import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DownloadTimeoutError, Request, Spider, VirtualLoopAdapter, type Failure, type Response } from '../../../src/node.ts';
import { getRetryRequest } from '../../../src/middlewares/downloader/index.ts';
import { startDemoSite, type DemoSite } from '../../../demo/site/server.ts';
import { startTestServer, type TestServer } from '../../helpers/http-server.ts';
import { runSpider } from '../../helpers/run-spider.ts';

let site: DemoSite;
let silent: TestServer;
beforeAll(async () => {
  site = await startDemoSite({ products: 10 });
  // Accepts the request and never answers.
  silent = await startTestServer({ '/hang': () => new Promise<void>(() => {}) });
});
afterAll(async () => {
  await site.close();
  await silent.close();
});

/** A spider fetching `urls` in order (one at a time), recording statuses and error names. */
function spiderFor(urls: string[], meta: Record<string, unknown> = {}, init: Record<string, unknown> = {}) {
  const seen: string[] = [];
  class S extends Spider {
    override name = 's';
    override async *start() {
      for (const url of urls) {
        yield new Request(url, {
          meta,
          ...init,
          callback: (r: Response) => { seen.push(`${r.status} ${r.url}`); },
          errback: (f: Failure) => { seen.push(`${(f.value as Error).name} ${f.request.url}`); },
        });
      }
    }
  }
  return { S, seen };
}

describe('RetryMiddleware', () => {
  it('retries /flaky once on the demo site and it succeeds (retry/count 1)', async () => {
    const { S, seen } = spiderFor([`${site.url}/flaky`]);
    const run = await runSpider(S);
    expect(seen).toEqual([`200 ${site.url}/flaky`]);
    expect(site.requestsFor('/flaky')).toBe(2);
    expect(run.stats['retry/count']).toBe(1);
    expect(run.stats['retry/reason_count/500 Internal Server Error']).toBe(1);
    expect(run.stats['retry/max_reached']).toBeUndefined();
    expect(run.messages('DEBUG')).toContain(`Retrying <GET ${site.url}/flaky> (failed 1 times): 500 Internal Server Error`);
  });

  it('gives up after RETRY_TIMES retries and passes the last response on (virtual time)', async () => {
    const adapter = new VirtualLoopAdapter({ routes: { 'http://a.test/down': { status: 503, body: 'down' } }, latencyMs: 100 });
    const { S, seen } = spiderFor(['http://a.test/down'], {}, {});
    const run = await runSpider(S, { RETRY_TIMES: 3, HTTPERROR_ALLOW_ALL: true }, { adapter });
    expect(adapter.requests.map((r) => [r.url, r.atMs])).toEqual([
      ['http://a.test/down', 0], ['http://a.test/down', 100], ['http://a.test/down', 200], ['http://a.test/down', 300],
    ]);
    expect(seen).toEqual(['503 http://a.test/down']);
    expect(run.stats['retry/count']).toBe(3);
    expect(run.stats['retry/reason_count/503 Service Unavailable']).toBe(3);
    expect(run.stats['retry/max_reached']).toBe(1);
    expect(run.messages('ERROR')).toEqual(['Gave up retrying <GET http://a.test/down> (failed 4 times): 503 Service Unavailable']);
    expect(run.messages('DEBUG').filter((m) => m.startsWith('Retrying'))).toEqual([1, 2, 3].map(
      (n) => `Retrying <GET http://a.test/down> (failed ${n} times): 503 Service Unavailable`,
    ));
  });

  it('honours meta max_retry_times and dont_retry', async () => {
    const adapter = new VirtualLoopAdapter({ routes: { 'http://a.test/x': { status: 500 }, 'http://a.test/y': { status: 500 } } });
    class S extends Spider {
      override name = 's';
      override async *start() {
        yield new Request('http://a.test/x', { meta: { max_retry_times: 1 }, callback: () => {} });
        yield new Request('http://a.test/y', { meta: { dont_retry: true }, callback: () => {} });
      }
    }
    const run = await runSpider(S, {}, { adapter });
    expect(adapter.requests.map((r) => r.url).sort()).toEqual(['http://a.test/x', 'http://a.test/x', 'http://a.test/y']);
    expect(run.stats['retry/count']).toBe(1);
    expect(run.stats['retry/max_reached']).toBe(1);
  });

  it('retries connection errors and gives the last one to the errback', async () => {
    const adapter = new VirtualLoopAdapter({ routes: { 'http://a.test/refused': { error: 'ECONNREFUSED' } } });
    const { S, seen } = spiderFor(['http://a.test/refused']);
    const run = await runSpider(S, {}, { adapter });
    expect(adapter.requests.length).toBe(3);
    expect(seen).toEqual(['ConnectionError http://a.test/refused']);
    expect(run.stats['retry/reason_count/ConnectionError']).toBe(2);
    expect(run.stats['retry/max_reached']).toBe(1);
  });

  it('retries timeouts RETRY_TIMES times and the errback gets DownloadTimeoutError (virtual time)', async () => {
    const adapter = new VirtualLoopAdapter({ routes: { 'http://a.test/slow': { body: 'late', latencyMs: 10_000 } } });
    let failedAtMs = -1;
    let errorName = '';
    class S extends Spider {
      override name = 's';
      override async *start() {
        yield new Request('http://a.test/slow', {
          callback: () => {},
          errback: (f: Failure) => { failedAtMs = adapter.now(); errorName = (f.value as Error).name; },
        });
      }
    }
    const run = await runSpider(S, { DOWNLOAD_TIMEOUT: 0.5, RETRY_TIMES: 2 }, { adapter });
    expect(adapter.requests.map((r) => r.atMs)).toEqual([0, 500, 1000]);
    expect(failedAtMs).toBe(1500);
    expect(errorName).toBe('DownloadTimeoutError');
    expect(run.stats['retry/reason_count/DownloadTimeoutError']).toBe(2);
  });

  it('retries a real server that never answers within DOWNLOAD_TIMEOUT=0.5 and fails with DownloadTimeoutError', async () => {
    silent.seen.length = 0;
    const { S, seen } = spiderFor([`${silent.url}/hang`]);
    const run = await runSpider(S, { DOWNLOAD_TIMEOUT: 0.5, RETRY_TIMES: 2 });
    expect(seen).toEqual([`DownloadTimeoutError ${silent.url}/hang`]);
    expect(silent.seen.map((s) => s.path)).toEqual(['/hang', '/hang', '/hang']);
    expect(run.stats['retry/count']).toBe(2);
    expect(run.stats['retry/max_reached']).toBe(1);
    expect(run.stats['downloader/exception_type_count/DownloadTimeoutError']).toBe(3);
  });

  it('gives the retry lower priority (RETRY_PRIORITY_ADJUST), dontFilter and a copy of meta', async () => {
    const adapter = new VirtualLoopAdapter({ routes: { 'http://a.test/x': { status: 500 } } });
    const sent: unknown[] = [];
    const recorder = { processRequest: (r: Request) => { sent.push([r.priority, r.dontFilter, r.meta.tag, r.meta.retry_times]); } };
    const original = new Request('http://a.test/x', { priority: 5, meta: { tag: 'a' }, callback: () => {} });
    class S extends Spider {
      override name = 's';
      override async *start() {
        yield original;
      }
    }
    await runSpider(S, { RETRY_TIMES: 1, RETRY_PRIORITY_ADJUST: -3, DOWNLOADER_MIDDLEWARES: { recorder: { use: recorder, order: 1000 } } }, { adapter });
    expect(sent).toEqual([
      [5, false, 'a', undefined],
      [2, true, 'a', 1],
    ]);
    expect(original.meta.retry_times).toBeUndefined();
  });

  it('getRetryRequest retries from a callback and returns null when retries are used up', async () => {
    const adapter = new VirtualLoopAdapter({ routes: { 'http://a.test/empty': '' } });
    const outcomes: string[] = [];
    class S extends Spider {
      override name = 's';
      override async *start() {
        yield new Request('http://a.test/empty', { callback: (r: Response) => this.check(r) });
      }
      check(response: Response) {
        const retry = getRetryRequest(response.request!, { spider: this, reason: 'empty page', maxRetryTimes: 2 });
        outcomes.push(retry ? `retry ${retry.meta.retry_times}` : 'gave up');
        return retry ?? undefined;
      }
    }
    const run = await runSpider(S, {}, { adapter });
    expect(outcomes).toEqual(['retry 1', 'retry 2', 'gave up']);
    expect(run.stats['retry/reason_count/empty page']).toBe(2);
    expect(run.messages('ERROR')).toEqual(['Gave up retrying <GET http://a.test/empty> (failed 3 times): empty page']);
  });

  it('is disabled by RETRY_ENABLED=false', async () => {
    const adapter = new VirtualLoopAdapter({ routes: { 'http://a.test/x': { status: 500 } } });
    const { S } = spiderFor(['http://a.test/x']);
    const run = await runSpider(S, { RETRY_ENABLED: false }, { adapter });
    expect(adapter.requests.length).toBe(1);
    expect(run.stats['retry/count']).toBeUndefined();
  });

  it('retries the errors listed in RETRY_EXCEPTIONS only', async () => {
    const adapter = new VirtualLoopAdapter({ routes: { 'http://a.test/refused': { error: 'ECONNREFUSED' } } });
    const { S, seen } = spiderFor(['http://a.test/refused']);
    await runSpider(S, { RETRY_EXCEPTIONS: [DownloadTimeoutError] }, { adapter });
    expect(adapter.requests.length).toBe(1);
    expect(seen).toEqual(['ConnectionError http://a.test/refused']);
  });
});
