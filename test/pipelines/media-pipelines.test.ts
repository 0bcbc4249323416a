import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Jimp } from 'jimp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productImagePath, productImageSize } from '../../demo/site/catalogue.ts';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import { FilesPipeline, ImagesPipeline, Request, Spider, type FilesStore, type TextResponse } from '../../src/node.ts';
import { tempDir } from '../cli/run-cli.ts';
import { runSpider } from '../helpers/run-spider.ts';

const sha1 = (s: string): string => createHash('sha1').update(s).digest('hex');
const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex');

let site: DemoSite;
let tmp: ReturnType<typeof tempDir>;
beforeAll(async () => {
  site = await startDemoSite({ products: 16, pageBytes: 0 });
  tmp = tempDir();
});
afterAll(async () => {
  await site.close();
  tmp.remove();
});

/** One item per product page, naming the product's image (and, for files, the feed) to download. */
function mediaSpider(field: 'file_urls' | 'image_urls', extra: (origin: string) => string[] = () => []) {
  return class MediaSpider extends Spider {
    override name = 'media';
    override async *start() {
      for (const p of site.catalogue.products) yield new Request(site.catalogue.productUrl(site.url, p));
    }
    override parse(response: TextResponse) {
      const product = site.catalogue.product(new URL(response.url).pathname.slice(9))!;
      return { id: product.id, [field]: [`${site.url}${productImagePath(product)}`, ...extra(site.url)] };
    }
  };
}

describe('FilesPipeline', () => {
  it('stores each file once under full/<sha1 of URL>.<ext>, writes results into the item, and skips fresh files on the next run', async () => {
    const store = join(tmp.dir, 'files');
    const settings = {
      LOG_LEVEL: 'WARNING', FILES_STORE: store, ITEM_PIPELINES: { FilesPipeline: { use: FilesPipeline, order: 1 } },
    };
    // Every item also names the shared CSV feed and a missing file: downloaded once, failed once.
    const Spider1 = mediaSpider('file_urls', (origin) => [`${origin}/feeds/products.csv`, `${origin}/images/missing.png`]);
    const before = site.requestCount;
    const run = await runSpider(Spider1, settings);
    const products = site.catalogue.products;
    // Pages + one image each + the CSV once + the missing image once (a 404 is not retried).
    expect(site.requestCount - before).toBe(products.length * 2 + 2);
    expect(run.items).toHaveLength(products.length);
    for (const item of run.items) {
      const product = products[item.id - 1]!;
      const imageUrl = `${site.url}${productImagePath(product)}`;
      const csvUrl = `${site.url}/feeds/products.csv`;
      const image = readFileSync(join(store, 'full', `${sha1(imageUrl)}.png`));
      const csv = readFileSync(join(store, 'full', `${sha1(csvUrl)}.csv`));
      expect(item.files).toEqual([
        { url: imageUrl, path: `full/${sha1(imageUrl)}.png`, checksum: md5(image), status: 'downloaded' },
        { url: csvUrl, path: `full/${sha1(csvUrl)}.csv`, checksum: md5(csv), status: 'downloaded' },
      ]);
    }
    expect(readdirSync(join(store, 'full'))).toHaveLength(products.length + 1);
    expect(run.stats['file_status_count/downloaded']).toBe(products.length + 1);
    expect(run.messages('WARNING').filter((m) => m.startsWith('File (code: 404): Error downloading file from <GET'))).toHaveLength(1);

    const again = await runSpider(mediaSpider('file_urls'), settings);
    expect(again.items.every((i) => i.files[0].status === 'uptodate')).toBe(true);
    expect(again.stats['file_status_count/uptodate']).toBe(products.length);
    const expired = await runSpider(mediaSpider('file_urls'), { ...settings, FILES_EXPIRES: 0 });
    expect(expired.stats['file_status_count/downloaded']).toBe(products.length);
  });

  it('accepts a store of your own (async persistFile / statFile) and overridden hooks; no FILES_STORE is NotConfigured', async () => {
    const saved = new Map<string, Uint8Array>();
    const store: FilesStore = {
      async persistFile(path, data) { saved.set(path, data); },
      async statFile() { return undefined; },
    };
    class NamedFiles extends FilesPipeline {
      override filePath(request: Request): string {
        return `by-name/${new URL(request.url).pathname.split('/').pop()}`;
      }
      override async itemCompleted(results: Parameters<FilesPipeline['itemCompleted']>[0], item: Record<string, unknown>) {
        return { ...item, paths: results.filter((r) => r[0]).map((r) => (r[1] as { path: string }).path) };
      }
    }
    const run = await runSpider(mediaSpider('file_urls'), { LOG_LEVEL: 'WARNING', FILES_STORE: store, ITEM_PIPELINES: { NamedFiles: { use: NamedFiles, order: 1 } } });
    expect([...saved.keys()].sort()).toEqual(site.catalogue.products.map((p) => `by-name/${p.slug}.png`).sort());
    expect(run.items.map((i) => i.paths[0]).sort()).toEqual([...saved.keys()].sort());
    const off = await runSpider(mediaSpider('file_urls'), { LOG_LEVEL: 'INFO', ITEM_PIPELINES: { FilesPipeline: { use: FilesPipeline, order: 1 } } });
    expect(off.items[0].files).toBeUndefined();
  });
});

describe('ImagesPipeline (jimp in Node)', () => {
  it('converts to JPEG under full/<sha1>.jpg, makes thumbnails fitted within IMAGES_THUMBS, skips images under IMAGES_MIN_*', async () => {
    const store = join(tmp.dir, 'images');
    const run = await runSpider(mediaSpider('image_urls'), {
      LOG_LEVEL: 'WARNING',
      IMAGES_STORE: store,
      IMAGES_MIN_WIDTH: 20,
      IMAGES_MIN_HEIGHT: 20,
      IMAGES_THUMBS: { small: [30, 30], big: [100, 100] },
      ITEM_PIPELINES: { ImagesPipeline: { use: ImagesPipeline, order: 1 } },
    });
    const products = site.catalogue.products;
    const small = products.filter((p) => productImageSize(p)[0] < 20);
    expect(small.length).toBe(2);
    for (const item of run.items) {
      const product = products[item.id - 1]!;
      const url = `${site.url}${productImagePath(product)}`;
      if (small.includes(product)) {
        expect(item.images).toEqual([]);
        expect(existsSync(join(store, 'full', `${sha1(url)}.jpg`))).toBe(false);
        continue;
      }
      const full = readFileSync(join(store, 'full', `${sha1(url)}.jpg`));
      expect(item.images).toEqual([{ url, path: `full/${sha1(url)}.jpg`, checksum: md5(full), status: 'downloaded' }]);
      expect([...full.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
      const [w, h] = productImageSize(product);
      const decoded = await Jimp.read(full);
      expect([decoded.width, decoded.height]).toEqual([w, h]);
      const thumb = await Jimp.read(readFileSync(join(store, 'thumbs', 'small', `${sha1(url)}.jpg`)));
      const scale = Math.min(1, 30 / w, 30 / h);
      expect([thumb.width, thumb.height]).toEqual([Math.round(w * scale), Math.round(h * scale)]);
      const big = await Jimp.read(readFileSync(join(store, 'thumbs', 'big', `${sha1(url)}.jpg`)));
      // Never enlarged: images smaller than the thumbnail size keep their size.
      expect([big.width, big.height]).toEqual([Math.round(w * Math.min(1, 100 / w, 100 / h)), Math.round(h * Math.min(1, 100 / w, 100 / h))]);
    }
    expect(run.messages('WARNING').filter((m) => m.includes('Image too small (12x12 < 20x20)'))).toHaveLength(2);
  });
});
