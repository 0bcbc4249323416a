import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogue } from '../../demo/site/catalogue.ts';
import { parseJsonLines, runCli, tempDir } from './run-cli.ts';

describe('skitter demo', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir();
  });
  afterAll(() => tmp.remove());

  it('crawls the demo shop with the example spider: one exact item per product', async () => {
    // 50 products in 10 categories of 4 to 8 products: one listing page each.
    const catalogue = createCatalogue({ products: 50 });
    expect(catalogue.categories.map((c) => c.pageCount)).toEqual(Array(10).fill(1));
    const pages = 1 + 10 + 50; // home, listings, products

    const r = await runCli(['demo', '--products', '50'], tmp.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Scraped 50 items from 61 pages in \d+\.\d s\n$/);
    expect(r.stderr).toContain(`'response_received_count': ${pages},`);
    expect(r.stderr).toContain("'item_scraped_count': 50,");
    expect(r.stderr).toContain("'finish_reason': 'finished',");
    expect(r.stderr).not.toContain('DEBUG:');

    const items = parseJsonLines(readFileSync(join(tmp.dir, 'demo-items.jsonl'), 'utf8')) as Array<{ url: string }>;
    items.sort((a, b) => a.url.localeCompare(b.url));
    const origin = new URL(items[0]!.url).origin;
    const expected = catalogue.products.map((p) => ({
      url: catalogue.productUrl(origin, p),
      title: p.title,
      price: p.price,
      availability: p.availability,
      rating: p.rating,
    })).sort((a, b) => a.url.localeCompare(b.url));
    expect(items).toEqual(expected);
  });

  it('overwrites the default file on each run and writes elsewhere with -o', async () => {
    const again = await runCli(['demo', '--products', '12', '--nolog'], tmp.dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Scraped 12 items from 23 pages in \d+\.\d s\n$/);
    expect(parseJsonLines(readFileSync(join(tmp.dir, 'demo-items.jsonl'), 'utf8'))).toHaveLength(12);

    const csv = await runCli(['demo', '--products', '3', '--nolog', '-o', 'shop.csv'], tmp.dir);
    expect(csv.code).toBe(0);
    const lines = readFileSync(join(tmp.dir, 'shop.csv'), 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe('url,title,price,availability,rating');
    expect(lines).toHaveLength(4);
  });

  it('rejects a bad --products value', async () => {
    const r = await runCli(['demo', '--products', 'many'], tmp.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('skitter: error: --products must be a non-negative integer, got "many"\n');
  });
});
