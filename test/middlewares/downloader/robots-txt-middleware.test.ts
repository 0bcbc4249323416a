import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Request, Spider, VirtualLoopAdapter, type Failure, type Response } from '../../../src/node.ts';
import { startDemoSite, type DemoSite } from '../../../demo/site/server.ts';
import { runSpider } from '../../helpers/run-spider.ts';

let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite({ products: 10 });
});
afterAll(() => site.close());

/** Requests every URL at once; returns `status url` or `ErrorName url` per request, sorted. */
async function crawl(urls: Array<string | Request>, settings: Record<string, unknown> = {}, adapter?: VirtualLoopAdapter) {
  const seen: string[] = [];
  class S extends Spider {
    override name = 'robots';
    override async *start() {
      for (const u of urls) {
        const request = typeof u === 'string' ? new Request(u) : u;
        request.callback = (r: Response) => { seen.push(`${r.status} ${r.url}`); };
        request.errback = (f: Failure) => { seen.push(`${(f.value as Error).name} ${f.request.url}`); };
        yield request;
      }
    }
  }
  const run = await runSpider(S, { ROBOTSTXT_OBEY: true, ...settings }, adapter ? { adapter } : {});
  return { seen: seen.sort(), run };
}

describe('RobotsTxtMiddleware', () => {
  it('blocks /private/secret on the demo site and fetches robots.txt once', async () => {
    const { seen, run } = await crawl([`${site.url}/about`, `${site.url}/private/secret`, `${site.url}/`]);
    expect(seen).toEqual([`200 ${site.url}/`, `200 ${site.url}/about`, `IgnoreRequest ${site.url}/private/secret`]);
    expect(site.requestsFor('/robots.txt')).toBe(1);
    expect(site.requestsFor('/private/secret')).toBe(0);
    expect(run.stats['robotstxt/request_count']).toBe(1);
    expect(run.stats['robotstxt/response_count']).toBe(1);
    expect(run.stats['robotstxt/response_status_count/200']).toBe(1);
    expect(run.stats['robotstxt/forbidden']).toBe(1);
    expect(run.messages('DEBUG')).toContain(`Forbidden by robots.txt: <GET ${site.url}/private/secret>`);
  });

  it('downloads robots.txt first, at priority 1000, with meta dont_obey_robotstxt (virtual time)', async () => {
    const adapter = new VirtualLoopAdapter({
      routes: { 'http://a.test/robots.txt': { body: 'User-agent: *\nDisallow: /no\n', headers: { 'content-type': 'text/plain' } }, 'http://a.test/yes': 'ok' },
      latencyMs: 50,
    });
    const seenMeta: unknown[] = [];
    const recorder = { processRequest: (r: Request) => { seenMeta.push([r.url, r.priority, r.meta.dont_obey_robotstxt ?? false]); } };
    const { seen } = await crawl(['http://a.test/yes', 'http://a.test/no'], { DOWNLOADER_MIDDLEWARES: { recorder: { use: recorder, order: 1000 } } }, adapter);
    expect(adapter.requests.map((r) => [r.url, r.atMs])).toEqual([['http://a.test/robots.txt', 0], ['http://a.test/yes', 50]]);
    expect(seenMeta).toEqual([['http://a.test/robots.txt', 1000, true], ['http://a.test/yes', 0, false]]);
    expect(seen).toEqual(['200 http://a.test/yes', 'IgnoreRequest http://a.test/no']);
  });

  it('allows everything when robots.txt is missing (404)', async () => {
    const adapter = new VirtualLoopAdapter({ routes: { 'http://a.test/private/x': 'ok' } });
    const { seen, run } = await crawl(['http://a.test/private/x'], {}, adapter);
    expect(seen).toEqual(['200 http://a.test/private/x']);
    expect(run.stats['robotstxt/response_status_count/404']).toBe(1);
    expect(run.stats['robotstxt/forbidden']).toBeUndefined();
  });

  it('allows everything when robots.txt cannot be downloaded, counting the error', async () => {
    const adapter = new VirtualLoopAdapter({ routes: { 'http://a.test/robots.txt': { error: 'ECONNRESET' }, 'http://a.test/x': 'ok' } });
    const { seen, run } = await crawl(['http://a.test/x'], { RETRY_ENABLED: false }, adapter);
    expect(seen).toEqual(['200 http://a.test/x']);
    expect(run.stats['robotstxt/exception_count/ConnectionError']).toBe(1);
    expect(run.stats['robotstxt/request_count']).toBe(1);
    expect(run.messages('ERROR')).toEqual(['Error downloading <GET http://a.test/robots.txt>: [skitter] Connection failed for http://a.test/robots.txt: ECONNRESET http://a.test/robots.txt']);
  });

  it('matches ROBOTSTXT_USER_AGENT, else the User-Agent header', async () => {
    const robots = 'User-agent: goodbot\nDisallow: /a\n\nUser-agent: *\nDisallow: /b\n';
    const routes = { 'http://a.test/robots.txt': { body: robots, headers: { 'content-type': 'text/plain' } }, 'http://a.test/a': 'a', 'http://a.test/b': 'b' };
    const byRobotsAgent = await crawl(['http://a.test/a', 'http://a.test/b'], { ROBOTSTXT_USER_AGENT: 'GoodBot' }, new VirtualLoopAdapter({ routes }));
    const byHeader = await crawl(['http://a.test/a', 'http://a.test/b'], { USER_AGENT: 'goodbot/2.0 (+https://example.test)' }, new VirtualLoopAdapter({ routes }));
    const other = await crawl(['http://a.test/a', 'http://a.test/b'], {}, new VirtualLoopAdapter({ routes }));
    expect([byRobotsAgent.seen, byHeader.seen, other.seen]).toEqual([
      ['200 http://a.test/b', 'IgnoreRequest http://a.test/a'],
      ['200 http://a.test/b', 'IgnoreRequest http://a.test/a'],
      ['200 http://a.test/a', 'IgnoreRequest http://a.test/b'],
    ]);
  });

  it('skips requests with meta dont_obey_robotstxt', async () => {
    const { seen } = await crawl([new Request(`${site.url}/private/secret`, { meta: { dont_obey_robotstxt: true } })]);
    expect(seen).toEqual([`200 ${site.url}/private/secret`]);
  });

  it('is off unless ROBOTSTXT_OBEY is set', async () => {
    const adapter = new VirtualLoopAdapter({ routes: { 'http://a.test/x': 'ok' } });
    await crawl(['http://a.test/x'], { ROBOTSTXT_OBEY: false }, adapter);
    expect(adapter.requests.map((r) => r.url)).toEqual(['http://a.test/x']);
  });
});
