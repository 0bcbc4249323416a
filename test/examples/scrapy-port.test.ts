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

/**
 * Whether Scrapy runs here (Debian's python3-scrapy). `.ci/run` installs it and sets
 * SKITTER_REQUIRE_SCRAPY=1: there a missing or broken Scrapy fails the comparison instead of
 * skipping it.
 */
async function scrapyVersion(): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    await run('scrapy', ['version']);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: String((error as Error).message) };
  }
}

const scrapy = await scrapyVersion();
const scrapyRequired = process.env.SKITTER_REQUIRE_SCRAPY === '1';

/** Stats both crawlers keep with the same meaning; the rest are bytes (different headers), times, memory or feeds. */
const COMPARED_STATS = [
  'downloader/request_count', 'downloader/request_method_count/GET', 'downloader/response_count',
  'downloader/response_status_count/200', 'response_received_count', 'item_scraped_count', 'dupefilter/filtered',
  'request_depth_max', 'scheduler/enqueued', 'scheduler/dequeued', 'finish_reason',
];

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

  it.skipIf(!scrapy.ok && !scrapyRequired)('Scrapy produces the same items and request/response counts from products.py on the same site', async () => {
    if (!scrapy.ok) throw new Error(`SKITTER_REQUIRE_SCRAPY=1 but \`scrapy version\` failed (install python3-scrapy): ${scrapy.error}`);
    const dir = mkdtempSync(join(tmpdir(), 'skitter-scrapy-'));
    try {
      const out = join(dir, 'items.jsonl');
      const statsPath = join(dir, 'stats.json');
      await run('scrapy', ['runspider', new URL('../../examples/scrapy-port/products.py', import.meta.url).pathname,
        '-a', `site=${site.url}`, '-O', out, '-s', 'LOG_LEVEL=WARNING',
        '-s', 'EXTENSIONS={"skitter_stats_to_json.StatsToJson": 0}', '-s', `STATS_JSON_PATH=${statsPath}`], {
        cwd: dir,
        timeout: 120_000,
        env: { ...process.env, PYTHONPATH: new URL('../fixtures/scrapy/', import.meta.url).pathname },
      });
      const scrapyItems = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      const scrapyStats = JSON.parse(readFileSync(statsPath, 'utf8')) as Record<string, unknown>;
      const skitter = await runSpider(ProductsSpider, { LOG_LEVEL: 'WARNING' }, { args: { site: site.url } });
      expect(skitter.items.sort(byUrl)).toEqual(scrapyItems.sort(byUrl));
      expect(scrapyItems).toHaveLength(60);
      const pick = (stats: Record<string, unknown>) => Object.fromEntries(COMPARED_STATS.map((k) => [k, stats[k]]));
      expect(pick(skitter.stats)).toEqual(pick(scrapyStats));
      // 71 scheduled requests and 60 inline /about downloads.
      expect(scrapyStats['downloader/response_count']).toBe(131);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
