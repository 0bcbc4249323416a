import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import ProductsSpider from '../../examples/scrapy-port/products.ts';
import { runSpider } from '../helpers/run-spider.ts';

const run = promisify(execFile);

/** Whether Scrapy is installed here (Debian's python3-scrapy; .ci/run installs it when it can). */
async function hasScrapy(): Promise<boolean> {
  try {
    await run('scrapy', ['version']);
    return true;
  } catch {
    return false;
  }
}

const scrapyAvailable = await hasScrapy();

describe('a Scrapy spider ported line by line (CrawlSpider rules, async pipeline, universal middleware, inline requests)', () => {
  let site: DemoSite;
  beforeAll(async () => { site = await startDemoSite({ products: 60 }); });
  afterAll(() => site.close());

  const expected = () => site.catalogue.products.map((p) => ({
    url: `${site.url}/product/${p.slug}`,
    title: p.title,
    price: p.price,
    sku: `SKT-${String(p.id).padStart(6, '0')}`,
    store: 'About us',
    tagged: true,
    price_pence: Math.round(p.price * 100),
  }));
  const byUrl = (a: { url: string }, b: { url: string }) => a.url.localeCompare(b.url);

  it('skitter produces the expected items', async () => {
    const result = await runSpider(ProductsSpider, { LOG_LEVEL: 'INFO' }, { args: { site: site.url } });
    expect(result.items.sort(byUrl)).toEqual(expected().sort(byUrl));
    expect(result.messages('WARNING')).toEqual([]);
  });

  it.skipIf(!scrapyAvailable)('Scrapy produces the same items from products.py on the same site', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skitter-scrapy-'));
    try {
      const out = join(dir, 'items.jsonl');
      await run('scrapy', ['runspider', new URL('../../examples/scrapy-port/products.py', import.meta.url).pathname,
        '-a', `site=${site.url}`, '-O', out, '-s', 'LOG_LEVEL=WARNING'], { cwd: dir, timeout: 120_000 });
      const scrapyItems = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      const skitter = await runSpider(ProductsSpider, { LOG_LEVEL: 'WARNING' }, { args: { site: site.url } });
      expect(skitter.items.sort(byUrl)).toEqual(scrapyItems.sort(byUrl));
      expect(scrapyItems).toHaveLength(60);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
