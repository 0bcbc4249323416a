import { describe, expect, inject, it } from 'vitest';
import { createCatalogue } from '../../demo/site/catalogue.ts';
import { Crawler, Spider, type BlobFeedResult, type TextResponse } from '../../src/web.ts';
import { CONFORMANCE_CATALOGUE } from '../conformance/catalogue-options.ts';

// Issue 15, item 8 in Chromium: batches and gzip post-processing (CompressionStream) into Blobs.
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

async function gunzip(blob: Blob): Promise<string> {
  return new Response(blob.stream().pipeThrough(new DecompressionStream('gzip'))).text();
}

describe('feed options in the browser', () => {
  it('batches of 3 into gzip Blobs named by %(batch_id)02d; they gunzip to the exact JSON Lines', async () => {
    const blobs: BlobFeedResult[] = [];
    const crawler = new Crawler(CategoriesSpider, {
      LOG_LEVEL: 'WARNING',
      FEEDS: {
        'blob:%(name)s-%(batch_id)02d.jsonl.gz': {
          format: 'jsonlines', batch_item_count: 3, postprocessing: ['gzip'], blob: { onBlob: (r: BlobFeedResult) => { blobs.push(r); } },
        },
      },
    });
    await crawler.crawl();
    const batchCount = Math.ceil(expected.length / 3);
    expect(batchCount).toBe(4); // 10 categories: 3/3/3/1
    expect(blobs.map((b) => b.uri).sort()).toEqual(Array.from({ length: batchCount }, (_, i) => `blob:categories-${String(i + 1).padStart(2, '0')}.jsonl.gz`));
    const texts = await Promise.all([...blobs].sort((a, b) => a.uri.localeCompare(b.uri)).map((b) => gunzip(b.blob)));
    expect(texts.join('')).toBe(expected.map((c) => JSON.stringify(c) + '\n').join(''));
    expect(texts.slice(0, -1).every((t) => t.trim().split('\n').length === 3)).toBe(true);
  });
});
