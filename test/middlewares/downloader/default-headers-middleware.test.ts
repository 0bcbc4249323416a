import { describe, expect, it } from 'vitest';
import { sentHeaders } from '../../helpers/sent-headers.ts';

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
