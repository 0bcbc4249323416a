import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import { Request, Spider, type Response } from '../../src/node.ts';
import { parseJsonLines, runCli, tempDir } from '../cli/run-cli.ts';
import { startTestServer, type Route, type TestServer } from '../helpers/http-server.ts';
import { runSpider } from '../helpers/run-spider.ts';

// The quick-start spider of the README, as a user's file: every category page, every product card.
const CARDS_SPIDER = `
import { Request, Spider, type TextResponse } from 'skitter';
export default class CardsSpider extends Spider {
  name = 'cards';
  site = '';
  async *start() { yield new Request(this.site + '/'); }
  *parse(response: TextResponse) {
    yield* response.followAll({ css: '.categories a' }, { callback: this.parseCategory });
  }
  *parseCategory(response: TextResponse) {
    for (const card of response.css('.product-card')) yield { title: card.css('h2 a::text').get(), cached: response.flags.includes('cached') };
    const next = response.css('li.next a::attr(href)').get();
    if (next) yield response.follow(next, { callback: this.parseCategory });
  }
}
`;

describe('HTTP cache through the CLI (file storage)', () => {
  let site: DemoSite;
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    site = await startDemoSite({ products: 60, pageBytes: 0 });
    tmp = tempDir();
    writeFileSync(join(tmp.dir, 'cards.ts'), CARDS_SPIDER);
  });
  afterAll(async () => {
    await site.close();
    tmp.remove();
  });

  it('the second run sends no request to the server and gives the same items, all from the cache', async () => {
    const args = (out: string) => ['runspider', 'cards.ts', '-a', `site=${site.url}`, '-s', 'HTTPCACHE_ENABLED=true', '-O', out, '-L', 'INFO'];
    const first = await runCli(args('first.jsonl'), tmp.dir);
    expect(first.code).toBe(0);
    const sentFirst = site.requestCount;
    const pages = 1 + site.catalogue.categories.reduce((n, c) => n + c.pageCount, 0);
    expect(sentFirst).toBe(pages);
    const firstItems = parseJsonLines(readFileSync(join(tmp.dir, 'first.jsonl'), 'utf8')) as Array<{ title: string; cached: boolean }>;
    expect(firstItems).toHaveLength(60);
    expect(firstItems.every((i) => !i.cached)).toBe(true);
    expect(first.stderr).toContain(`'httpcache/store': ${pages},`);
    // Scrapy's layout under .skitter/: <dir>/<spider>/<fp[0:2]>/<fp>/{meta.json,response_body}.
    const spiderDir = join(tmp.dir, '.skitter', 'httpcache', 'cards');
    const entries = readdirSync(spiderDir).flatMap((prefix) => readdirSync(join(spiderDir, prefix)).map((fp) => join(spiderDir, prefix, fp)));
    expect(entries).toHaveLength(pages);
    expect(entries.every((e) => existsSync(join(e, 'meta.json')) && existsSync(join(e, 'response_body')))).toBe(true);

    const second = await runCli(args('second.jsonl'), tmp.dir);
    expect(second.code).toBe(0);
    expect(site.requestCount).toBe(sentFirst);
    const secondItems = parseJsonLines(readFileSync(join(tmp.dir, 'second.jsonl'), 'utf8')) as Array<{ title: string; cached: boolean }>;
    expect(secondItems.map((i) => i.title).sort()).toEqual(firstItems.map((i) => i.title).sort());
    expect(secondItems.every((i) => i.cached)).toBe(true);
    expect(second.stderr).toContain(`'httpcache/hit': ${pages},`);
    expect(second.stderr).not.toContain('httpcache/miss');
  });
});

describe('HttpCacheMiddleware semantics', () => {
  let server: TestServer;
  let tmp: ReturnType<typeof tempDir>;
  let version = 1;
  const routes: Record<string, Route> = {
    '/plain': (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<p>plain v${version}</p>`),
    '/missing': (_req, res) => void res.writeHead(404, { 'Content-Type': 'text/html' }).end('<p>404</p>'),
    '/max-age': (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'max-age=3600', Date: new Date().toUTCString() }).end(`<p>max-age v${version}</p>`),
    '/etag': (req, res) => {
      if (req.headers['if-none-match'] === '"v1"' && version === 1) return void res.writeHead(304, { ETag: '"v1"' }).end();
      res.writeHead(200, { 'Content-Type': 'text/html', ETag: `"v${version}"`, 'Cache-Control': 'max-age=0', Date: new Date().toUTCString() }).end(`<p>etag v${version}</p>`);
    },
    '/no-store': (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store, max-age=60' }).end(`<p>no-store v${version}</p>`),
  };
  beforeAll(async () => {
    server = await startTestServer(routes);
    tmp = tempDir();
  });
  afterAll(async () => {
    await server.close();
    tmp.remove();
  });

  function pathsSpider(paths: string[], meta: Record<string, unknown> = {}) {
    return class PathsSpider extends Spider {
      override name = 'paths';
      override async *start() {
        for (const p of paths) yield new Request(server.url + p, { meta, errback: () => undefined });
      }
      override parse(response: Response) {
        return { path: new URL(response.url).pathname, text: (response as unknown as { text: string }).text, cached: response.flags.includes('cached') };
      }
    };
  }
  const hits = (path: string) => server.seen.filter((s) => s.path === path).length;
  const settings = (extra: Record<string, unknown> = {}) => ({
    LOG_LEVEL: 'WARNING', HTTPCACHE_ENABLED: true, HTTPCACHE_DIR: join(tmp.dir, `cache-${Math.random()}`), HTTPERROR_ALLOW_ALL: true, ...extra,
  });

  it('dummy policy: HTTPCACHE_IGNORE_HTTP_CODES, dont_cache, HTTPCACHE_IGNORE_MISSING, expiration', async () => {
    const s = settings({ HTTPCACHE_IGNORE_HTTP_CODES: [404] });
    await runSpider(pathsSpider(['/plain', '/missing']), s);
    const before = { plain: hits('/plain'), missing: hits('/missing') };
    const again = await runSpider(pathsSpider(['/plain', '/missing']), s);
    expect({ plain: hits('/plain'), missing: hits('/missing') }).toEqual({ plain: before.plain, missing: before.missing + 1 });
    expect(again.stats).toMatchObject({ 'httpcache/hit': 1, 'httpcache/miss': 1, 'httpcache/uncacheable': 1 });

    const bypass = await runSpider(pathsSpider(['/plain'], { dont_cache: true }), s);
    expect(hits('/plain')).toBe(before.plain + 1);
    expect(bypass.stats['httpcache/hit']).toBeUndefined();

    const offline = await runSpider(pathsSpider(['/plain', '/max-age']), { ...s, HTTPCACHE_IGNORE_MISSING: true });
    expect(offline.items.map((i) => i.path)).toEqual(['/plain']);
    expect(offline.stats).toMatchObject({ 'httpcache/ignore': 1, 'httpcache/hit': 1 });

    version = 2;
    const expired = await runSpider(pathsSpider(['/plain']), { ...s, HTTPCACHE_EXPIRATION_SECS: 0.001 });
    expect(expired.items).toEqual([{ path: '/plain', text: '<p>plain v2</p>', cached: false }]);
    version = 1;
  });

  it('rfc2616 policy: max-age is fresh, a stale ETag is revalidated with If-None-Match (304 keeps the cache), no-store is never stored', async () => {
    const s = settings({ HTTPCACHE_POLICY: 'rfc2616' });
    const spider = pathsSpider(['/max-age', '/etag', '/no-store', '/plain']);
    await runSpider(spider, s);
    const before = Object.fromEntries(['/max-age', '/etag', '/no-store', '/plain'].map((p) => [p, hits(p)]));
    const second = await runSpider(spider, s);
    expect(hits('/max-age')).toBe(before['/max-age']);
    expect(hits('/etag')).toBe(before['/etag']! + 1);
    expect(server.seen.filter((r) => r.path === '/etag').at(-1)!.headers['if-none-match']).toBe('"v1"');
    expect(hits('/no-store')).toBe(before['/no-store']! + 1);
    // No validator, no max-age: RFC 2616 does not store it.
    expect(hits('/plain')).toBe(before['/plain']! + 1);
    expect(second.stats).toMatchObject({ 'httpcache/hit': 1, 'httpcache/revalidate': 1, 'httpcache/uncacheable': 2 });
    const byPath = Object.fromEntries(second.items.map((i) => [i.path, i]));
    expect(byPath['/etag']).toEqual({ path: '/etag', text: '<p>etag v1</p>', cached: true });

    version = 2;
    const changed = await runSpider(spider, s);
    expect(Object.fromEntries(changed.items.map((i) => [i.path, i.text]))['/etag']).toBe('<p>etag v2</p>');
    expect(changed.stats['httpcache/invalidate']).toBe(1);
    version = 1;
  });

  it('HTTPCACHE_GZIP stores gzipped bodies that read back identically; a bad policy name is a clear error', async () => {
    const dir = join(tmp.dir, 'gz');
    const s = settings({ HTTPCACHE_DIR: dir, HTTPCACHE_GZIP: true });
    await runSpider(pathsSpider(['/plain']), s);
    const again = await runSpider(pathsSpider(['/plain']), s);
    expect(again.items).toEqual([{ path: '/plain', text: '<p>plain v1</p>', cached: true }]);
    const spiderDir = join(dir, 'paths');
    const [prefix] = readdirSync(spiderDir);
    const [fp] = readdirSync(join(spiderDir, prefix!));
    expect([...readFileSync(join(spiderDir, prefix!, fp!, 'response_body')).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(JSON.parse(readFileSync(join(spiderDir, prefix!, fp!, 'meta.json'), 'utf8'))).toMatchObject({ status: 200, url: `${server.url}/plain`, gzip: true });

    await expect(runSpider(pathsSpider(['/plain']), settings({ HTTPCACHE_POLICY: 'nope' })))
      .rejects.toThrow("HttpCacheMiddleware: unknown HTTPCACHE_POLICY \"nope\"; use 'dummy', 'rfc2616' or a policy class.");
  });
});
