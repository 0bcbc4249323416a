import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Request, Spider, VirtualLoopAdapter } from '../../../src/node.ts';
import { startDemoSite, type DemoSite } from '../../../demo/site/server.ts';
import { runSpider } from '../../helpers/run-spider.ts';

let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite({ products: 10 });
});
afterAll(() => site.close());

const downloaderStats = (stats: Record<string, unknown>) => Object.fromEntries(Object.entries(stats).filter(([k]) => k.startsWith('downloader/')));

describe('DownloaderStats', () => {
  it('counts requests, responses, bytes and exceptions with exact sizes (virtual transport)', async () => {
    const adapter = new VirtualLoopAdapter({
      routes: {
        'http://a.test/page?x=1': { status: 200, headers: { 'content-type': 'text/plain' }, body: 'hello' },
        'http://a.test/form': { status: 404, headers: { 'content-type': 'text/plain' }, body: '' },
        'http://a.test/down': { error: 'ECONNREFUSED' },
      },
    });
    class S extends Spider {
      override name = 'stats';
      override async *start() {
        yield new Request('http://a.test/page?x=1', { callback: () => {} });
        yield new Request('http://a.test/form', { method: 'POST', body: 'a=1', callback: () => {} });
        yield new Request('http://a.test/down', { callback: () => {}, errback: () => {} });
      }
    }
    const run = await runSpider(S, { DEFAULT_REQUEST_HEADERS: {}, USER_AGENT: '', RETRY_ENABLED: false }, { adapter });
    // "GET /page?x=1 HTTP/1.1\r\nHost: a.test\r\n\r\n" (40) + "POST /form HTTP/1.1\r\nHost: a.test\r\n\r\na=1" (40)
    // + "GET /down HTTP/1.1\r\nHost: a.test\r\n\r\n" (36); responses: body + "content-type: text/plain" (24)
    // + status line ("OK" 2 + 15, "Not Found" 9 + 15) + 4.
    expect(downloaderStats(run.stats)).toEqual({
      'downloader/request_count': 3,
      'downloader/request_method_count/GET': 2,
      'downloader/request_method_count/POST': 1,
      'downloader/request_bytes': 40 + 40 + 36,
      'downloader/response_count': 2,
      'downloader/response_status_count/200': 1,
      'downloader/response_status_count/404': 1,
      'downloader/response_bytes': (5 + 24 + 17 + 4) + (0 + 24 + 24 + 4),
      'downloader/exception_count': 1,
      'downloader/exception_type_count/ConnectionError': 1,
    });
  });

  it('counts a demo site crawl, including robots.txt and the IgnoreRequest of a forbidden page', async () => {
    class S extends Spider {
      override name = 'stats';
      override startUrls = [`${site.url}/`, `${site.url}/about`, `${site.url}/private/secret`];
      override parse() {}
    }
    const run = await runSpider(S, { ROBOTSTXT_OBEY: true });
    expect(run.stats['downloader/request_count']).toBe(3);
    expect(run.stats['downloader/request_method_count/GET']).toBe(3);
    expect(run.stats['downloader/response_count']).toBe(3);
    expect(run.stats['downloader/response_status_count/200']).toBe(3);
    expect(run.stats['downloader/exception_count']).toBe(1);
    expect(run.stats['downloader/exception_type_count/IgnoreRequest']).toBe(1);
    expect(run.stats['downloader/response_bytes']).toBeGreaterThan(run.stats['downloader/request_bytes'] as number);
  });

  it('is disabled by DOWNLOADER_STATS=false', async () => {
    const adapter = new VirtualLoopAdapter({ routes: () => 'ok' });
    class S extends Spider {
      override name = 'stats';
      override startUrls = ['http://a.test/'];
      override parse() {}
    }
    const run = await runSpider(S, { DOWNLOADER_STATS: false }, { adapter });
    expect(downloaderStats(run.stats)).toEqual({});
  });
});
