import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import { runCli } from './run-cli.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

describe('spider files of the starter extension (they import skitter/mv3) seen by the Node CLI', () => {
  let site: DemoSite;
  beforeAll(async () => {
    site = await startDemoSite({ products: 12 });
  });
  afterAll(() => site.close());

  it('are listed, and importing them does not switch the process to the MV3 adapter', async () => {
    const list = await runCli(['list', '--spiders', 'examples'], REPO);
    expect(list.stdout.split('\n')).toEqual(expect.arrayContaining(['demo-shop', 'product-list', 'shop-rules']));
    const crawl = await runCli(['crawl', 'shop-rules', '--spiders', 'examples', '-a', `site=${site.url}`, '-L', 'INFO', '-s', 'STATS_DUMP=true'], REPO);
    expect(crawl.stderr).toContain("<ShopCrawlSpider 'shop-rules'> on the node loop adapter");
    expect(crawl.stderr).toContain("'item_scraped_count': 12");
    expect(crawl.code).toBe(0);
  });
});
