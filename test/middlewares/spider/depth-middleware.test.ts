import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Spider, VirtualLoopAdapter, signals, type Crawler, type Response } from '../../../src/node.ts';
import { startDemoSite, type DemoSite } from '../../../demo/site/server.ts';
import { runSpider } from '../../helpers/run-spider.ts';

let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite({ products: 50 });
});
afterAll(() => site.close());

describe('DepthMiddleware', () => {
  it('DEPTH_LIMIT=1 on the demo site fetches the index and its direct links only', async () => {
    const origin = site.url;
    const parsed: Array<[string, unknown]> = [];
    let linksOnIndex = 0;
    class Everything extends Spider {
      override name = 'everything';
      override startUrls = [`${origin}/`];
      override *parse(response: Response) {
        parsed.push([response.url, response.meta.depth]);
        for (const href of response.css('a::attr(href)').getall()) {
          const url = response.urljoin(href);
          // No offsite filtering in this test's middleware set: stay on the demo site.
          if (!url.startsWith(origin)) continue;
          if (response.meta.depth === 0) linksOnIndex++;
          // Keep /flaky's 500 and /old-home's 301 as they are, whatever downloader middlewares run.
          yield response.follow(url, { meta: { dont_retry: true, dont_redirect: true } });
        }
      }
    }
    const run = await runSpider(Everything, { DEPTH_LIMIT: 1, DEPTH_STATS_VERBOSE: true, LOG_LEVEL: 'INFO' });

    // What the index links to, read independently of the crawl.
    const home = String(site.catalogue.render('/', undefined, { origin }).body);
    const direct = new Set([...home.matchAll(/href="([^"]+)"/g)].map((m) => new URL(m[1]!, `${origin}/`).href.split('#')[0]!).filter((u) => u.startsWith(origin)));
    expect(direct.size).toBeGreaterThan(10);

    // Every page whose callback ran is the index (depth 0) or one of its direct links (depth 1);
    // /missing (404) and /flaky (500 the first time) stop at HttpErrorMiddleware, /old-home is a 301.
    // The index links to itself: the start request has dontFilter, so that link is fetched again
    // at depth 1 (as in Scrapy, dont_filter requests do not enter the duplicates filter).
    const ok = [...direct].filter((u) => !/\/(missing|flaky|old-home)$/.test(u));
    expect(ok).toContain(`${origin}/`);
    const expected = [[`${origin}/`, 0], ...ok.map((u) => [u, 1])];
    const byUrl = (a: unknown[], b: unknown[]) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`);
    expect([...parsed].sort(byUrl)).toEqual(expected.sort(byUrl));
    // The server got one request per direct link (the index two: start + its self-link), nothing deeper.
    for (const url of direct) expect(site.requestsFor(new URL(url).pathname + new URL(url).search)).toBe(url === `${origin}/` ? 2 : 1);
    expect(site.requestCount).toBe(1 + direct.size);
    expect(run.stats['request_depth_max']).toBe(1);
    expect(run.stats['request_depth_count/0']).toBe(1);
    expect(run.stats['request_depth_count/1']).toBe(linksOnIndex);
  });

  it('DEPTH_PRIORITY=1 crawls level by level; 0 goes depth-first (LIFO)', async () => {
    const routes = {
      'http://t.test/': '<a href="/a">a</a><a href="/b">b</a>',
      'http://t.test/a': '<a href="/a1">a1</a><a href="/a2">a2</a>',
      'http://t.test/b': '<a href="/b1">b1</a>',
      'http://t.test/a1': '', 'http://t.test/a2': '', 'http://t.test/b1': '',
    };
    const order = async (depthPriority: number) => {
      const adapter = new VirtualLoopAdapter({ routes, latencyMs: 10 });
      const priorities: Array<[string, number]> = [];
      class Tree extends Spider {
        override name = 'tree';
        override startUrls = ['http://t.test/'];
        override *parse(response: Response) {
          priorities.push([new URL(response.url).pathname, response.request!.priority]);
          yield* response.followAll(response.css('a::attr(href)').getall());
        }
      }
      await runSpider(Tree, { DEPTH_PRIORITY: depthPriority, CONCURRENT_REQUESTS: 1 }, { adapter });
      return { paths: adapter.requests.map((r) => new URL(r.url).pathname), priorities };
    };
    const bfs = await order(1);
    expect(bfs.paths).toEqual(['/', '/b', '/a', '/a2', '/a1', '/b1']);
    expect(bfs.priorities).toEqual([['/', 0], ['/b', -1], ['/a', -1], ['/a2', -2], ['/a1', -2], ['/b1', -2]]);
    const dfs = await order(0);
    expect(dfs.paths).toEqual(['/', '/b', '/b1', '/a', '/a2', '/a1']);
    expect(dfs.priorities.every(([, p]) => p === 0)).toBe(true);
  });

  it('sets meta depth 0 on start requests before they are sent', async () => {
    const adapter = new VirtualLoopAdapter({ routes: { 'http://d.test/': '<a href="/next">n</a>', 'http://d.test/next': '' } });
    const sent: Array<[string, unknown]> = [];
    class Watch {
      constructor(crawler: Crawler) {
        crawler.signals.connect(signals.requestReachedDownloader, ({ request }) => {
          sent.push([request.url, request.meta.depth]);
        });
      }
    }
    class Start extends Spider {
      override name = 'start';
      override startUrls = ['http://d.test/'];
      override parse(response: Response) {
        return response.url.endsWith('/') ? response.follow('/next') : undefined;
      }
    }
    await runSpider(Start, { EXTENSIONS: { Watch: { use: Watch, order: 500 } } }, { adapter });
    expect(sent).toEqual([['http://d.test/', 0], ['http://d.test/next', 1]]);
  });
});
