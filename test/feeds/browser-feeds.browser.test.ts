import { describe, expect, inject, it } from 'vitest';
import { createCatalogue } from '../../demo/site/catalogue.ts';
import { Crawler, readIndexedDbFeed, Spider, type BlobFeedResult, type TextResponse } from '../../src/web.ts';
import { CONFORMANCE_CATALOGUE } from '../conformance/catalogue-options.ts';

// Feeds a page can keep: real IndexedDB and a downloadable Blob, written by a real crawl of the
// demo site (CORS) from Chromium.
const origin = inject('demoSites').page;
const expected = createCatalogue(CONFORMANCE_CATALOGUE).categories.map((c) => ({ name: c.name, products: c.productIds.length }));

class CategoriesSpider extends Spider {
  override name = 'categories';
  override startUrls = [`${origin}/`];
  override *parse(response: TextResponse) {
    for (const li of response.css('.categories li')) {
      yield { name: li.css('a::text').get(), products: Number(li.css('.count::text').re(/\d+/)[0]) };
    }
  }
}

describe('browser feed storages', () => {
  it('writes JSON lines to IndexedDB (idb://) and a CSV Blob (blob:) during one crawl', async () => {
    let blob: BlobFeedResult | undefined;
    const crawler = new Crawler(CategoriesSpider, {
      LOG_LEVEL: 'WARNING',
      FEEDS: {
        'idb://skitter-feed-test/categories': { format: 'jsonlines', overwrite: true },
        'blob:categories.csv': { format: 'csv', blob: { onBlob: (result: BlobFeedResult) => { blob = result; } } },
      },
    });
    await crawler.crawl();

    const stored = await readIndexedDbFeed('idb://skitter-feed-test/categories');
    const lines = (stored ?? '').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual(expected);

    expect(blob?.uri).toBe('blob:categories.csv');
    const csv = await blob!.blob.text();
    expect(csv).toBe(`name,products\r\n${expected.map((c) => `${c.name},${c.products}`).join('\r\n')}\r\n`);
    expect(crawler.stats.getValue('feedexport/success_count/IndexedDbFeedStorage')).toBe(1);
    expect(crawler.stats.getValue('feedexport/success_count/BlobFeedStorage')).toBe(1);
  });
});
