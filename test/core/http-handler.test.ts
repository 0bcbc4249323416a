import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DownloadSizeError, DownloadTimeoutError, Request, Spider, type Failure, type Response } from '../../src/node.ts';
import { runSpider } from '../helpers/run-spider.ts';
import { startTestServer, type TestServer } from '../helpers/http-server.ts';

let server: TestServer;
const big = 'x'.repeat(200_000);
beforeAll(async () => {
  server = await startTestServer({
    '/sized': (_q, res) => { res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(big.length) }).end(big); },
    '/chunked': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 20; i++) res.write(big.slice(0, 10_000));
      res.end();
    },
    '/never': () => { /* never answers */ },
  });
});
afterAll(() => server.close());

function fetchOne(path: string, meta: Record<string, unknown> = {}) {
  const url = `${server.url}${path}`;
  return class extends Spider {
    override name = 'one';
    override async *start() {
      yield new Request(url, { meta, callback: (r: Response) => ({ bytes: r.body.byteLength }), errback: (f: Failure) => ({ error: (f.value as Error).name }) });
    }
  };
}

describe('HttpDownloadHandler', () => {
  it('DOWNLOAD_MAXSIZE cancels a body whose Content-Length is too large', async () => {
    const run = await runSpider(fetchOne('/sized'), { DOWNLOAD_MAXSIZE: 100_000 });
    expect(run.items).toEqual([{ error: DownloadSizeError.name }]);
  });

  it('DOWNLOAD_MAXSIZE cancels a chunked body once it grows too large; meta download_maxsize overrides', async () => {
    const run = await runSpider(fetchOne('/chunked'), { DOWNLOAD_MAXSIZE: 100_000 });
    expect(run.items).toEqual([{ error: 'DownloadSizeError' }]);
    const allowed = await runSpider(fetchOne('/chunked', { download_maxsize: 0 }), { DOWNLOAD_MAXSIZE: 100_000 });
    expect(allowed.items).toEqual([{ bytes: 200_000 }]);
  });

  it('DOWNLOAD_WARNSIZE logs one warning and keeps the body', async () => {
    const run = await runSpider(fetchOne('/chunked'), { DOWNLOAD_WARNSIZE: 50_000 });
    expect(run.items).toEqual([{ bytes: 200_000 }]);
    expect(run.messages('WARNING').filter((m) => m.includes('larger than download warn size (50000)'))).toHaveLength(1);
  });

  it('DOWNLOAD_TIMEOUT (seconds) aborts a download on the adapter clock', async () => {
    const t0 = performance.now();
    const run = await runSpider(fetchOne('/never'), { DOWNLOAD_TIMEOUT: 0.3, RETRY_ENABLED: false });
    const ms = performance.now() - t0;
    expect(run.items).toEqual([{ error: DownloadTimeoutError.name }]);
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(2000);
  });
});
