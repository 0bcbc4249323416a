import { describe, expect, it } from 'vitest';
import { Request, Spider, VirtualLoopAdapter } from '../../../src/node.ts';
import { runSpider } from '../../helpers/run-spider.ts';

/** Crawls one request on the virtual adapter; returns the headers the transport saw. */
async function sentHeaders(settings: Record<string, unknown>, init: ConstructorParameters<typeof Request>[1] = {}, props: Record<string, unknown> = {}) {
  const adapter = new VirtualLoopAdapter({ routes: () => 'ok' });
  class S extends Spider {
    override name = 'h';
    constructor() {
      super();
      Object.assign(this, props);
    }
    override async *start() {
      yield new Request('http://a.test/', { ...init, callback: () => {} });
    }
  }
  await runSpider(S, settings, { adapter });
  return adapter.requests[0]!.headers;
}

describe('DefaultHeadersMiddleware', () => {
  it('adds DEFAULT_REQUEST_HEADERS the request does not set', async () => {
    const headers = await sentHeaders({ DEFAULT_REQUEST_HEADERS: { Accept: 'text/html', 'X-Team': 'crawl' } }, { headers: { accept: 'application/json' } });
    expect([headers.accept, headers['x-team']]).toEqual(['application/json', 'crawl']);
  });

  it("sends Scrapy's default Accept and Accept-Language", async () => {
    const headers = await sentHeaders({});
    expect([headers.accept, headers['accept-language']]).toEqual(['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'en']);
  });
});
