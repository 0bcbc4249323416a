import { describe, expect, inject, it } from 'vitest';
import { CrawlerRunner, ImagesPipeline, Request, Spider, mediaGuid, readIndexedDbFile, signals, type TextResponse } from 'skitter';
import { createCatalogue, productImagePath, productImageSize } from '../../demo/site/catalogue.ts';
import { CONFORMANCE_CATALOGUE } from '../conformance/catalogue-options.ts';

const origin = inject('demoSites').page;
const catalogue = createCatalogue(CONFORMANCE_CATALOGUE);
const products = catalogue.products.slice(0, 8);

class ImageSpider extends Spider {
  override name = 'images';
  override async *start() {
    for (const p of products) yield new Request(catalogue.productUrl(origin, p));
  }
  override parse(response: TextResponse) {
    const product = catalogue.product(new URL(response.url).pathname.slice(9))!;
    return { id: product.id, image_urls: [`${origin}${productImagePath(product)}`] };
  }
}

describe('ImagesPipeline in a Chromium page (createImageBitmap, OffscreenCanvas, IndexedDB)', () => {
  it('stores JPEGs and thumbnails in IndexedDB and fills the images field', async () => {
    const database = `media-test-${Date.now()}`;
    const items: Array<{ id: number; images: Array<{ url: string; path: string; status: string }> }> = [];
    const crawler = new CrawlerRunner({
      LOG_LEVEL: 'ERROR',
      IMAGES_STORE: `idb://${database}`,
      IMAGES_MIN_WIDTH: 20,
      IMAGES_THUMBS: { small: [30, 30] },
      ITEM_PIPELINES: { ImagesPipeline: { use: ImagesPipeline, order: 1 } },
    }).createCrawler(ImageSpider);
    crawler.signals.connect(signals.itemScraped, ({ item }) => { items.push(item as never); });
    await crawler.crawl();
    expect(items.map((i) => i.id).sort((a, b) => a - b)).toEqual(products.map((p) => p.id));
    for (const item of items) {
      const product = products.find((p) => p.id === item.id)!;
      const url = `${origin}${productImagePath(product)}`;
      const [w, h] = productImageSize(product);
      if (w < 20) {
        expect(item.images).toEqual([]);
        continue;
      }
      expect(item.images).toMatchObject([{ url, path: `full/${mediaGuid(url)}.jpg`, status: 'downloaded' }]);
      const full = await readIndexedDbFile(database, `full/${mediaGuid(url)}.jpg`);
      expect(full?.contentType).toBe('image/jpeg');
      const bitmap = await createImageBitmap(new Blob([full!.data as BlobPart], { type: 'image/jpeg' }));
      expect([bitmap.width, bitmap.height]).toEqual([w, h]);
      const thumb = await readIndexedDbFile(database, `thumbs/small/${mediaGuid(url)}.jpg`);
      const thumbBitmap = await createImageBitmap(new Blob([thumb!.data as BlobPart], { type: 'image/jpeg' }));
      const scale = Math.min(1, 30 / w, 30 / h);
      expect([thumbBitmap.width, thumbBitmap.height]).toEqual([Math.round(w * scale), Math.round(h * scale)]);
    }
    expect(items.some((i) => i.images.length === 0)).toBe(true);
  });
});
