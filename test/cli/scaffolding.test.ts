import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import { parseJsonLines, runCli, tempDir } from './run-cli.ts';

describe('skitter startproject / genspider, then crawl inside the project', () => {
  let site: DemoSite;
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    site = await startDemoSite({ products: 30, pageBytes: 0 });
    tmp = tempDir();
  });
  afterAll(async () => {
    await site.close();
    tmp.remove();
  });

  it('startproject writes the project and says what to do next', async () => {
    const r = await runCli(['startproject', 'shop_bot'], tmp.dir);
    expect(r.code).toBe(0);
    const dir = join(tmp.dir, 'shop_bot');
    expect(r.stdout).toBe(`New skitter project 'shop_bot' created in:\n    ${dir}\n\nYou can start your first spider with:\n    cd shop_bot\n    npm install\n    npx skitter genspider example example.com\n`);
    expect(readdirSync(dir).sort()).toEqual(['.gitignore', 'README.md', 'items.ts', 'middlewares.ts', 'package.json', 'pipelines.ts', 'skitter.config.ts', 'spiders', 'tsconfig.json']);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: 'shop_bot', type: 'module', dependencies: { skitter: expect.stringMatching(/^\^\d+\.\d+\.\d+/) } });
    expect(readFileSync(join(dir, 'pipelines.ts'), 'utf8')).toContain('export class ShopBotPipeline');
    const again = await runCli(['startproject', 'shop_bot'], tmp.dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${join(dir, 'skitter.config.ts')} already exists`);
    expect((await runCli(['startproject', '1bad'], tmp.dir)).stderr).toContain('Project names must begin with a letter');
  });

  it('genspider writes each template into spiders/; list finds them; a generated crawl spider crawls the demo site with the project settings', async () => {
    const dir = join(tmp.dir, 'shop_bot');
    const listed = await runCli(['genspider', '-l'], dir);
    expect(listed.stdout).toBe('Available templates:\n  basic\n  crawl\n  sitemap\n  xmlfeed\n  csvfeed\n');
    for (const [name, template] of [['home', 'basic'], ['pages', 'crawl'], ['mapped', 'sitemap'], ['feed', 'xmlfeed'], ['rows', 'csvfeed']] as const) {
      const r = await runCli(['genspider', '-t', template, name, site.url], dir);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`Created spider '${name}' using template '${template}' in ${join('spiders', `${name}.ts`)}\n`);
    }
    expect((await runCli(['genspider', 'home', 'example.com'], dir)).stderr).toContain('already exists; use --force');
    expect((await runCli(['genspider', '-t', 'nope', 'x', 'example.com'], dir)).stderr).toContain('Unable to find template: nope');

    const list = await runCli(['list'], join(dir, 'spiders'));
    expect(list.code).toBe(0);
    expect(list.stdout).toBe('feed\nhome\nmapped\npages\nrows\n');

    // The project's settings apply (ROBOTSTXT_OBEY, a pipeline), made faster from the command line.
    writeFileSync(join(dir, 'pipelines.ts'), readFileSync(join(dir, 'pipelines.ts'), 'utf8').replace('return item;', "return { ...item, bot: 'shop_bot' };"));
    const crawl = await runCli(['crawl', 'pages', '-O', 'pages.jsonl', '-s', 'DOWNLOAD_DELAY=0', '-s', 'CONCURRENT_REQUESTS_PER_DOMAIN=8', '-L', 'INFO'], dir);
    expect(crawl.code).toBe(0);
    const items = parseJsonLines(readFileSync(join(dir, 'pages.jsonl'), 'utf8')) as Array<{ url: string; bot: string }>;
    // Every page a link-following crawl reaches, robots.txt obeyed. The start page's own response
    // only runs the rules, but /old-home redirects to it, and start URLs are not recorded by the
    // dupefilter (dontFilter, as in Scrapy), so it reaches the callback once that way.
    const expected = site.catalogue.expectedReachablePageUrls(site.url, { obeyRobots: true });
    expect(items.map((i) => i.url).sort()).toEqual(expected.sort());
    expect(items.every((i) => i.bot === 'shop_bot')).toBe(true);
    expect(crawl.stderr).toContain("'robotstxt/forbidden': 1,");

    const basic = await runCli(['crawl', 'home', '-O', 'home.jsonl'], dir);
    expect(basic.code).toBe(0);
    expect(parseJsonLines(readFileSync(join(dir, 'home.jsonl'), 'utf8'))).toEqual([{ url: `${site.url}/`, title: 'Home | Skitter Demo Store', bot: 'shop_bot' }]);
    const feed = await runCli(['genspider', '-d', 'xmlfeed'], dir);
    expect(feed.stdout).toContain('export class ExampleSpider extends XMLFeedSpider');
    expect(existsSync(join(dir, 'spiders', 'example.ts'))).toBe(false);
  }, 120_000);
});
