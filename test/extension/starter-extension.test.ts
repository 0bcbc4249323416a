/**
 * The starter extension (`examples/extension/`) as its user sees it: built with its own vite
 * config, loaded unpacked into headless Chromium, driven through its popup. Crawls of the demo
 * site on 127.0.0.1 with exact items, downloads checked row by row, stop / pause / reopen
 * mid-crawl, a service worker stopped mid-crawl, pages rendered in background tabs, and the
 * browser's login session.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_PRODUCT_IDS, CLIENT_RENDERED_IDS, DELAYED_RENDER_IDS, DEMO_LOGIN,
} from '../../demo/site/catalogue.ts';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import {
  count, downloadText, launchStarter, openPopup, parseJsonLines, startCrawl, text, waitForStatus, type StarterExtension,
} from './starter-fixture.ts';

/** 30 products in 3 categories of 10 per page. */
const CATALOGUE = { products: 30, categories: 3, perPage: 10 };

let starter: StarterExtension;
let site: DemoSite;

beforeAll(async () => {
  [starter, site] = await Promise.all([launchStarter(), startDemoSite(CATALOGUE)]);
}, 90_000);

afterAll(async () => {
  await starter?.close();
  await site?.close();
});

interface ShopItem {
  url: string;
  title: string;
  price: number;
  availability: string;
  rating: number;
}

function expectedShopItems(): ShopItem[] {
  return site.catalogue.products.map((p) => ({
    url: `${site.url}/product/${p.slug}`, title: p.title, price: p.price, availability: p.availability, rating: p.rating,
  }));
}

/** home + every category listing page + every product page. */
function expectedShopPages(): number {
  return 1 + site.catalogue.categories.reduce((sum, category) => sum + category.pageCount, 0) + site.catalogue.products.length;
}

const byUrl = (a: { url: string }, b: { url: string }): number => a.url.localeCompare(b.url);

/** The popup's JSON Lines download as items, checked against the catalogue: no duplicates, all known. */
async function downloadedShopItems(page: Page): Promise<ShopItem[]> {
  const { fileName, text: body } = await downloadText(page, 'download-jsonl');
  expect(fileName).toMatch(/^demo-shop-.+\.jsonl$/);
  const items = parseJsonLines(body) as ShopItem[];
  const expected = new Map(expectedShopItems().map((item) => [item.url, item]));
  for (const item of items) expect(item).toEqual(expected.get(item.url));
  expect(new Set(items.map((item) => item.url)).size).toBe(items.length);
  return items;
}

describe('the starter extension popup', () => {
  it('crawls the demo shop to the exact item count, then downloads every item as JSON Lines, CSV and JSON', async () => {
    const popup = await openPopup(starter);
    expect(await text(popup, 'status')).toBe('idle');
    await startCrawl(popup, 'demo-shop', `${site.url}/`);
    await waitForStatus(popup, 'finished');
    expect(await count(popup, 'stats-items')).toBe(site.catalogue.products.length);
    expect(await count(popup, 'stats-pages')).toBe(expectedShopPages());
    expect(await count(popup, 'stats-errors')).toBe(0);
    expect(await popup.getByTestId('items-preview').locator('li').count()).toBe(5);

    const expected = expectedShopItems().sort(byUrl);
    expect((await downloadedShopItems(popup)).sort(byUrl)).toEqual(expected);

    const csv = await downloadText(popup, 'download-csv');
    expect(csv.fileName).toMatch(/\.csv$/);
    const rows = parseCsv(csv.text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['url', 'title', 'price', 'availability', 'rating']);
    expect(rows.sort(byUrl)).toEqual(expected.map((item) => ({
      url: item.url, title: item.title, price: String(item.price), availability: item.availability, rating: String(item.rating),
    })));

    const json = await downloadText(popup, 'download-json');
    expect((JSON.parse(json.text) as ShopItem[]).sort(byUrl)).toEqual(expected);
    await popup.close();
  });
});
