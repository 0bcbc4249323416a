import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer } from '../fixtures/static-server.ts';
import { writeStaticSite, type StaticSite } from '../fixtures/static-site.ts';
import { parseJsonLines, runCli, tempDir } from './run-cli.ts';

// A generic site spider a user would write for an unknown static site: follow every same-host
// page link, one item per page.
const SITE_SPIDER = `
import { Request, Spider, type TextResponse } from 'skitter';

export default class SiteSpider extends Spider {
  name = 'site';
  site = '';

  async *start() {
    this.allowedDomains = [new URL(this.site).hostname];
    // Filtered like any link (unlike startUrls' dontFilter requests), so '/' is fetched once.
    yield new Request(this.site + '/');
  }

  *parse(response: TextResponse) {
    yield { url: response.url, title: response.css('title::text').get('').trim(), h1: response.css('h1::text').get() };
    for (const href of response.css('a::attr(href)').getall()) {
      if (href.startsWith('mailto:') || href.startsWith('#')) continue;
      yield response.follow(href);
    }
  }
}
`;

describe('runspider against an unrelated static site', () => {
  let tmp: ReturnType<typeof tempDir>;
  let site: StaticSite;
  let server: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    tmp = tempDir();
    site = await writeStaticSite(join(tmp.dir, 'www'), { pages: 400 });
    server = await startStaticServer(join(tmp.dir, 'www'));
    writeFileSync(join(tmp.dir, 'site.ts'), SITE_SPIDER);
  });
  afterAll(async () => {
    await server.close();
    tmp.remove();
  });

  it('writes one item per reachable page (400 pages, broken links logged, not items)', async () => {
    const r = await runCli(['runspider', 'site.ts', '-a', `site=${server.url}`, '-o', 'pages.jsonl', '-L', 'INFO'], tmp.dir);
    expect(r.code).toBe(0);
    const items = parseJsonLines(readFileSync(join(tmp.dir, 'pages.jsonl'), 'utf8')) as Array<{ url: string; title: string }>;
    const paths = items.map((i) => new URL(i.url).pathname).sort();
    expect(site.pageCount).toBe(400);
    expect(paths).toEqual(site.reachablePaths);
    expect(items.every((i) => i.title.length > 0)).toBe(true);
    expect(r.stderr).toContain(`'item_scraped_count': 400,`);
    expect(r.stderr).toContain(`'downloader/response_status_count/404': ${site.brokenPaths.length},`);
    expect(r.stderr).toContain("'finish_reason': 'finished',");
  });
});
