import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import { Crawler, CrawlerRunner, GzipPlugin, ItemFilter, NodeGzipPlugin, Request, Spider, type Response } from '../../src/node.ts';
import { parseJsonLines, runCli, tempDir } from '../cli/run-cli.ts';

// Issue 15, item 8: Scrapy's feed options end to end against the demo site: batches, URI
// parameters, fields / indent / encoding, item_filter, gzip post-processing, a stop mid-way.

interface Card {
  id: number;
  title: string;
  price: string;
  availability: string;
  note: string;
}

/** Scrapes every product card of the category listings (45 products: 45 items). */
class CardSpider extends Spider {
  override name = 'cards';
  site = '';
  listings: string[] = [];
  override async *start() {
    for (const url of this.listings) yield new Request(url);
  }
  override *parse(response: Response) {
    for (const card of response.css('li.product-card')) {
      yield {
        id: Number(card.attrib['data-product-id']),
        title: card.css('h2 a::text').get()!,
        price: card.css('.price::text').get()!,
        availability: card.css('.availability::text').get()!,
        note: 'café',
      } satisfies Card;
    }
    const next = response.css('li.next a::attr(href)').get();
    if (next) yield response.follow(next);
  }
}

const CLI_SPIDER = `
import { Request, Spider, type TextResponse } from 'skitter';
export default class CardSpider extends Spider {
  name = 'cards';
  site = '';
  async *start() { yield new Request(this.site + '/'); }
  *parse(response: TextResponse) {
    for (const card of response.css('li.product-card')) yield { id: Number(card.attrib['data-product-id']) };
    for (const href of response.css('.categories a::attr(href), li.next a::attr(href)').getall()) yield response.follow(href);
  }
}
`;

const files = (dir: string): string[] => readdirSync(dir).sort();
const ids = (items: unknown[]): number[] => items.map((i) => (i as { id: number }).id).sort((a, b) => a - b);
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('feed options (issue 15)', () => {
  let site: DemoSite;
  let tmp: ReturnType<typeof tempDir>;
  let listings: string[];
  beforeAll(async () => {
    site = await startDemoSite({ products: 45, categories: 3, perPage: 20 });
    tmp = tempDir();
    writeFileSync(join(tmp.dir, 'cards.ts'), CLI_SPIDER);
    // Page 1 of each category; the spider follows "next".
    listings = site.catalogue.expectedCategoryPageUrls(site.url).filter((u) => !u.includes('?'));
  });
  afterAll(async () => {
    tmp.remove();
    await site.close();
  });

  const runner = (settings: Record<string, unknown>) => new CrawlerRunner({ LOG_ENABLED: false, ...settings });

  it('FEED_EXPORT_BATCH_ITEM_COUNT: 45 items in batches of 20 are 20/20/5 files; per-feed batch_item_count and %(batch_time)s', async () => {
    const out = join(tmp.dir, 'batches');
    await runner({
      FEED_EXPORT_BATCH_ITEM_COUNT: 20,
      FEEDS: {
        [`${out}/a/%(name)s-%(batch_id)05d.jsonl`]: { format: 'jsonlines' },
        [`${out}/b/%(batch_time)s.json`]: { format: 'json', batch_item_count: 30 },
        [`${out}/c/all.jsonl`]: { format: 'jsonlines', batch_item_count: 0 },
      },
    }).crawl(CardSpider, { listings });
    expect(files(join(out, 'a'))).toEqual(['cards-00001.jsonl', 'cards-00002.jsonl', 'cards-00003.jsonl']);
    const a = files(join(out, 'a')).map((f) => parseJsonLines(readFileSync(join(out, 'a', f), 'utf8')));
    expect(a.map((batch) => batch.length)).toEqual([20, 20, 5]);
    expect(ids(a.flat())).toEqual(range(45));

    const b = files(join(out, 'b'));
    expect(b).toHaveLength(2);
    for (const name of b) expect(name).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{6}\+00-00\.json$/);
    const bItems = b.map((f) => JSON.parse(readFileSync(join(out, 'b', f), 'utf8')) as unknown[]);
    expect(bItems.map((batch) => batch.length)).toEqual([30, 15]);
    expect(ids(bItems.flat())).toEqual(range(45));

    expect(ids(parseJsonLines(readFileSync(join(out, 'c', 'all.jsonl'), 'utf8')))).toEqual(range(45));
  });

  it('URI parameters, fields, indent, encoding, item_filter (class and function) and gzip', async () => {
    const out = join(tmp.dir, 'options');
    class InStock extends ItemFilter {
      override accepts(item: unknown): boolean {
        return (item as Card).availability === 'In stock';
      }
    }
    const crawler = await runner({
      FEED_EXPORT_FIELDS: ['id', 'title'],
      FEED_EXPORT_INDENT: 2,
      FEEDS: {
        [`${out}/%(name)s/%(shop)s-%(time)s.csv`]: { format: 'csv', fields: { id: 'ID', price: 'Price' } },
        [`${out}/in-stock.jsonl`]: { format: 'jsonlines', item_filter: InStock, fields: null },
        [`${out}/odd.jsonl`]: { format: 'jsonlines', item_filter: (item: unknown) => (item as Card).id % 2 === 1 },
        [`${out}/pretty.json`]: { format: 'json' },
        [`${out}/latin1.jsonl`]: { format: 'jsonlines', encoding: 'latin1', fields: ['id', 'note'] },
        [`${out}/ascii.jsonl`]: { format: 'jsonlines', encoding: null, fields: ['id', 'note'] },
        [`${out}/all.jsonl.gz`]: { format: 'jsonlines', fields: null, postprocessing: ['gzip'] },
        [`${out}/level1.jsonl.gz`]: { format: 'jsonlines', fields: null, postprocessing: [NodeGzipPlugin], gzip_compresslevel: 1 },
        [`${out}/empty.json`]: { format: 'json', item_filter: () => false, store_empty: false },
        [`${out}/empty-stored.json`]: { format: 'json', item_filter: () => false, store_empty: true },
      },
    }).crawl(CardSpider, { listings, shop: 'demo' });
    expect(crawler.stats.getValue('item_scraped_count')).toBe(45);
    const all = site.catalogue.products;

    // %(name)s is a folder, %(shop)s the spider argument, %(time)s Scrapy's UTC stamp.
    const [csvName, ...others] = files(join(out, 'cards'));
    expect(others).toEqual([]);
    expect(csvName).toMatch(/^demo-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\+00-00\.csv$/);
    const csv = readFileSync(join(out, 'cards', csvName!), 'utf8').trim().split(/\r?\n/);
    expect(csv[0]).toBe('ID,Price');
    const csvRows = csv.slice(1);

    const inStock = parseJsonLines(readFileSync(join(out, 'in-stock.jsonl'), 'utf8')) as Card[];
    expect(ids(inStock)).toEqual(all.filter((p) => p.availability === 'In stock').map((p) => p.id));
    expect(inStock.length).toBeGreaterThan(0);
    expect(Object.keys(inStock[0]!)).toEqual(['id', 'title', 'price', 'availability', 'note']);

    expect(ids(parseJsonLines(readFileSync(join(out, 'odd.jsonl'), 'utf8')))).toEqual(range(45).filter((n) => n % 2 === 1));

    const pretty = readFileSync(join(out, 'pretty.json'), 'utf8');
    const prettyItems = JSON.parse(pretty) as Array<{ id: number; title: string }>;
    expect(ids(prettyItems)).toEqual(range(45));
    expect(Object.keys(prettyItems[0]!)).toEqual(['id', 'title']);
    expect(pretty.startsWith(`[\n{\n  "id": ${prettyItems[0]!.id},\n  "title": `)).toBe(true);

    const latin1 = readFileSync(join(out, 'latin1.jsonl'));
    expect(latin1.includes(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toBe(true); // "caf\xe9"
    expect(latin1.toString('latin1').split('\n')[0]).toMatch(/^\{"id":\d+,"note":"café"\}$/);
    expect(readFileSync(join(out, 'ascii.jsonl'), 'utf8').split('\n')[0]).toMatch(/^\{"id":\d+,"note":"caf\\u00e9"\}$/);

    const gz = readFileSync(join(out, 'all.jsonl.gz'));
    expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b]);
    const lines = gunzipSync(gz).toString('utf8');
    const gzItems = parseJsonLines(lines) as Card[];
    expect(ids(gzItems)).toEqual(range(45));
    expect(lines).toBe(gzItems.map((item) => JSON.stringify(item) + '\n').join(''));
    const level1 = readFileSync(join(out, 'level1.jsonl.gz'));
    expect(level1[8]).toBe(4); // gzip header XFL: fastest compression
    expect(ids(parseJsonLines(gunzipSync(level1).toString('utf8')))).toEqual(range(45));
    // The CSV has exactly the ID and Price columns of every item.
    expect(csvRows.sort()).toEqual(gzItems.map((i) => `${i.id},${i.price.includes(',') ? `"${i.price}"` : i.price}`).sort());
    expect(gzItems.find((i) => i.id === 1)).toEqual({
      id: 1, title: all[0]!.title, price: expect.stringMatching(/\d/), availability: all[0]!.availability, note: 'café',
    });

    expect(files(out)).not.toContain('empty.json');
    expect(JSON.parse(readFileSync(join(out, 'empty-stored.json'), 'utf8'))).toEqual([]);
  });

  it('bad options are refused before the crawl starts, naming the fix', async () => {
    const requestsBefore = site.requestsFor('/category');
    // A Crawler, not a CrawlerRunner: the runner's own tracking promise would reject unhandled.
    const refuse = (settings: Record<string, unknown>) => new Crawler(CardSpider, { LOG_ENABLED: false, ...settings }).crawl({ listings });
    const out = join(tmp.dir, 'refused');
    await expect(refuse({ FEEDS: { [`${out}/x.gz`]: { format: 'jsonlines', postprocessing: [GzipPlugin], gzip_compresslevel: 5 } } }))
      .rejects.toThrow('GzipPlugin: the gzip_compresslevel feed option is not supported');
    await expect(refuse({ FEEDS: { [`${out}/x.gz`]: { format: 'jsonlines', postprocessing: ['zip'] } } }))
      .rejects.toThrow(`unknown post-processing plugin "zip" in FEEDS["${out}/x.gz"]; use 'gzip' or a plugin class.`);
    await expect(refuse({ FEEDS: { [`${out}/x.gz`]: { format: 'jsonlines', postprocessing: ['gzip'], encoding: 'latin1' } } }))
      .rejects.toThrow('post-processed feeds are written as UTF-8');
    await expect(refuse({ FEEDS: { [`${out}/x.jsonl`]: { format: 'jsonlines', item_filter: 42 as never } } }))
      .rejects.toThrow('item_filter must be a function');
    expect(site.requestsFor('/category')).toBe(requestsBefore);
  });

  it('stop() mid-way: every batch file written so far parses and holds exactly the items scraped', async () => {
    const big = await startDemoSite({ products: 600, categories: 2, perPage: 20 });
    try {
      const out = join(tmp.dir, 'stopped');
      const crawler = new Crawler(CardSpider, {
        LOG_ENABLED: false,
        CONCURRENT_REQUESTS: 2,
        DOWNLOAD_DELAY: 0.02,
        FEEDS: {
          [`${out}/%(batch_id)d.jsonl`]: { format: 'jsonlines', batch_item_count: 7 },
          [`${out}/gz/%(batch_id)d.jsonl.gz`]: { format: 'jsonlines', batch_item_count: 50, postprocessing: ['gzip'] },
        },
      });
      const scraped: number[] = [];
      crawler.signals.connect('item_scraped', ({ item }) => {
        scraped.push((item as Card).id);
        if (scraped.length === 100) void crawler.stop();
      });
      await crawler.crawl({ listings: big.catalogue.expectedCategoryPageUrls(big.url).filter((u) => !u.includes('?')) });
      expect(crawler.stats.getValue('finish_reason')).toBe('shutdown');
      expect(scraped.length).toBeGreaterThanOrEqual(100);
      expect(scraped.length).toBeLessThan(600);
      const batches = files(out).filter((f) => f.endsWith('.jsonl'));
      expect(batches).toEqual(range(Math.ceil(scraped.length / 7)).map((n) => `${n}.jsonl`).sort());
      const counts = batches.map((f) => parseJsonLines(readFileSync(join(out, f), 'utf8')));
      const byId = new Map(counts.map((items, i) => [Number(batches[i]!.split('.')[0]), items.length]));
      for (let n = 1; n < batches.length; n++) expect(byId.get(n)).toBe(7);
      expect(ids(counts.flat())).toEqual([...scraped].sort((a, b) => a - b));

      const gzBatches = files(join(out, 'gz'));
      expect(gzBatches).toHaveLength(Math.ceil(scraped.length / 50));
      const gzItems = gzBatches.flatMap((f) => parseJsonLines(gunzipSync(readFileSync(join(out, 'gz', f))).toString('utf8')));
      expect(ids(gzItems)).toEqual([...scraped].sort((a, b) => a - b));
    } finally {
      await big.close();
    }
  });

  it('CLI: -o with %(batch_id)d and FEED_EXPORT_BATCH_ITEM_COUNT; batching without a placeholder is refused at start', async () => {
    const ok = await runCli(['runspider', 'cards.ts', '-a', `site=${site.url}`, '-s', 'FEED_EXPORT_BATCH_ITEM_COUNT=20', '-o', 'cli/items-%(batch_id)02d.jsonl'], tmp.dir);
    expect(ok.code).toBe(0);
    expect(files(join(tmp.dir, 'cli'))).toEqual(['items-01.jsonl', 'items-02.jsonl', 'items-03.jsonl']);
    const batches = files(join(tmp.dir, 'cli')).map((f) => parseJsonLines(readFileSync(join(tmp.dir, 'cli', f), 'utf8')));
    expect(batches.map((b) => b.length)).toEqual([20, 20, 5]);
    expect(ids(batches.flat())).toEqual(range(45));

    const feeds = JSON.stringify({ 'cli/one.jsonl': { format: 'jsonlines', batch_item_count: 10 } });
    const bad = await runCli(['runspider', 'cards.ts', '-a', `site=${site.url}`, '-s', `FEEDS=${feeds}`], tmp.dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      'FeedExporter: FEEDS["cli/one.jsonl"] is split every 10 items (FEED_EXPORT_BATCH_ITEM_COUNT or batch_item_count), so its URI must contain %(batch_id)d or %(batch_time)s to name each file, e.g. items-%(batch_id)05d.jsonl.',
    );
    expect(files(join(tmp.dir, 'cli'))).not.toContain('one.jsonl');
  });
});
