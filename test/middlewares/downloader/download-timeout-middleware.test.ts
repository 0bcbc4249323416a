import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Request, Spider, VirtualLoopAdapter, type Failure } from '../../../src/node.ts';
import { startTestServer, type TestServer } from '../../helpers/http-server.ts';
import { runSpider } from '../../helpers/run-spider.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    '/slow': (_req, res) => { setTimeout(() => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('late'), 1500); },
  });
});
afterAll(() => server.close());

/** Crawls one request; returns the download_timeout meta seen after the middleware and the outcome. */
async function run(url: string, settings: Record<string, unknown>, meta: Record<string, unknown> = {}, props: Record<string, unknown> = {}, adapter?: VirtualLoopAdapter) {
  const timeouts: unknown[] = [];
  const outcome: string[] = [];
  class S extends Spider {
    override name = 't';
    constructor() {
      super();
      Object.assign(this, props);
    }
    override async *start() {
      yield new Request(url, {
        meta,
        callback: () => { outcome.push('ok'); },
        errback: (f: Failure) => { outcome.push((f.value as Error).name); },
      });
    }
  }
  const recorder = { processRequest: (r: Request) => { timeouts.push(r.meta.download_timeout); } };
  await runSpider(S, { RETRY_ENABLED: false, ...settings, DOWNLOADER_MIDDLEWARES: { recorder: { use: recorder, order: 999 } } }, adapter ? { adapter } : {});
  return { timeouts, outcome };
}

describe('DownloadTimeoutMiddleware', () => {
  it('sets meta download_timeout from DOWNLOAD_TIMEOUT, keeping one the request sets', async () => {
    const routes = { 'http://a.test/': 'ok' };
    expect((await run('http://a.test/', { DOWNLOAD_TIMEOUT: 7 }, {}, {}, new VirtualLoopAdapter({ routes }))).timeouts).toEqual([7]);
    expect((await run('http://a.test/', { DOWNLOAD_TIMEOUT: 7 }, { download_timeout: 2 }, {}, new VirtualLoopAdapter({ routes }))).timeouts).toEqual([2]);
  });

  it('prefers the spider downloadTimeout property', async () => {
    const adapter = new VirtualLoopAdapter({ routes: { 'http://a.test/': 'ok' } });
    expect((await run('http://a.test/', { DOWNLOAD_TIMEOUT: 7 }, {}, { downloadTimeout: 3 }, adapter)).timeouts).toEqual([3]);
  });

  it('times a slow response out after exactly download_timeout seconds (virtual time)', async () => {
    const adapter = new VirtualLoopAdapter({ routes: { 'http://a.test/slow': { body: 'late', latencyMs: 2000 } } });
    let failedAt = -1;
    class S extends Spider {
      override name = 't';
      override async *start() {
        yield new Request('http://a.test/slow', { callback: () => {}, errback: () => { failedAt = adapter.now(); } });
      }
    }
    await runSpider(S, { RETRY_ENABLED: false, DOWNLOAD_TIMEOUT: 1.25 }, { adapter });
    expect(failedAt).toBe(1250);
  });

  it('fails a real request that takes longer than DOWNLOAD_TIMEOUT with DownloadTimeoutError', async () => {
    const started = performance.now();
    const { outcome } = await run(`${server.url}/slow`, { DOWNLOAD_TIMEOUT: 0.5 });
    expect(outcome).toEqual(['DownloadTimeoutError']);
    expect(performance.now() - started).toBeLessThan(1400);
  });
});
