import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Request, Spider, type Response } from '../../../src/node.ts';
import { getMetaRefresh } from '../../../src/middlewares/downloader/meta-refresh.ts';
import { html, startTestServer, type TestServer } from '../../helpers/http-server.ts';
import { runSpider } from '../../helpers/run-spider.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    '/refresh': html('<html><head><meta http-equiv="refresh" content="0; url=/target?a=1&amp;b=2"></head></html>'),
    '/slow-refresh': html('<html><head><meta http-equiv="Refresh" content="300;URL=/target"></head></html>'),
    '/noscript': html('<html><head><noscript><meta http-equiv="refresh" content="0;url=/target"></noscript></head></html>'),
    '/post-refresh': html('<meta content="1; url=\'/echo-method\'" http-equiv="refresh">'),
    '/target': html('<p>target</p>'),
    '/echo-method': (req, res) => { res.writeHead(200, { 'Content-Type': 'text/plain' }).end(req.method); },
  });
});
afterAll(() => server.close());

async function fetchOne(request: Request, settings: Record<string, unknown> = {}) {
  let response: Response | undefined;
  request.callback = (r) => { response = r; };
  class S extends Spider {
    override name = 'refresh';
    override async *start() {
      yield request;
    }
  }
  const run = await runSpider(S, settings);
  return { response: response!, run };
}

describe('MetaRefreshMiddleware', () => {
  it('follows a meta refresh and records it with reason "meta refresh"', async () => {
    const { response, run } = await fetchOne(new Request(`${server.url}/refresh`));
    expect(response.url).toBe(`${server.url}/target?a=1&b=2`);
    expect(response.meta.redirect_urls).toEqual([`${server.url}/refresh`]);
    expect(response.meta.redirect_reasons).toEqual(['meta refresh']);
    expect(run.messages('DEBUG')).toContain(`Redirecting (meta refresh) to <GET ${server.url}/target?a=1&b=2> from <GET ${server.url}/refresh>`);
  });

  it('ignores delays of METAREFRESH_MAXDELAY seconds or more', async () => {
    expect((await fetchOne(new Request(`${server.url}/slow-refresh`))).response.url).toBe(`${server.url}/slow-refresh`);
    expect((await fetchOne(new Request(`${server.url}/slow-refresh`), { METAREFRESH_MAXDELAY: 301 })).response.url).toBe(`${server.url}/target`);
  });

  it('skips tags listed in METAREFRESH_IGNORE_TAGS (none by default)', async () => {
    expect((await fetchOne(new Request(`${server.url}/noscript`))).response.url).toBe(`${server.url}/target`);
    expect((await fetchOne(new Request(`${server.url}/noscript`), { METAREFRESH_IGNORE_TAGS: ['noscript'] })).response.url).toBe(`${server.url}/noscript`);
  });

  it('turns a POST into a GET, and is skipped for dont_redirect and METAREFRESH_ENABLED=false', async () => {
    const post = await fetchOne(new Request(`${server.url}/post-refresh`, { method: 'POST', body: 'x=1' }));
    expect([post.response.url, post.response.text]).toEqual([`${server.url}/echo-method`, 'GET']);
    expect((await fetchOne(new Request(`${server.url}/refresh`, { meta: { dont_redirect: true } }))).response.url).toBe(`${server.url}/refresh`);
    expect((await fetchOne(new Request(`${server.url}/refresh`), { METAREFRESH_ENABLED: false })).response.url).toBe(`${server.url}/refresh`);
  });

  it('getMetaRefresh reads both attribute orders, <base href>, and only the first 4096 characters', () => {
    expect(getMetaRefresh('<base href="http://b.test/dir/"><meta content="2.5;url=next" http-equiv="refresh">', 'http://a.test/')).toEqual({ interval: 2.5, url: 'http://b.test/dir/next' });
    expect(getMetaRefresh('<!-- <meta http-equiv="refresh" content="0;url=/x"> -->', 'http://a.test/')).toBeNull();
    expect(getMetaRefresh('<meta http-equiv="refresh" content="5">', 'http://a.test/')).toBeNull();
    expect(getMetaRefresh(`${' '.repeat(4096)}<meta http-equiv="refresh" content="0;url=/x">`, 'http://a.test/')).toBeNull();
  });
});
