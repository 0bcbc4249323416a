import { md5 } from 'js-md5';
import type { Crawler } from '../../core/crawler.ts';
import type { Request } from '../../http/request.ts';
import type { Response } from '../../http/response.ts';
import { FileException, FilesPipeline } from './files-pipeline.ts';
import { imageCodec } from './image-codec.ts';
import type { MediaInfo } from './media-pipeline.ts';
import { mediaGuid } from './media-path.ts';

/** Thrown for an image that cannot be used (too small, or not an image). */
export class ImageException extends FileException {
  override name = 'ImageException';
}

/**
 * Scrapy's `ImagesPipeline`: as {@link FilesPipeline} for IMAGES_URLS_FIELD (`image_urls`), but
 * every image is decoded, checked against IMAGES_MIN_WIDTH / IMAGES_MIN_HEIGHT (pixels), converted
 * to JPEG and stored as `full/<SHA-1 of the URL>.jpg`, with a thumbnail per IMAGES_THUMBS entry
 * (`{ small: [50, 50] }` -> `thumbs/small/<sha1>.jpg`, fitted within the size, ratio kept).
 * Results go to IMAGES_RESULT_FIELD (`images`); the checksum is the stored JPEG's MD5.
 *
 * Decoding uses jimp in Node (pure JavaScript) and `createImageBitmap` / `OffscreenCanvas` in
 * browsers, workers and MV3 service workers. Set IMAGES_STORE to enable it.
 * @see https://docs.scrapy.org/en/latest/topics/media-pipeline.html#using-the-images-pipeline
 */
export class ImagesPipeline extends FilesPipeline {
  readonly minWidth: number;
  readonly minHeight: number;
  readonly thumbs: Record<string, readonly [number, number]>;

  constructor(crawler: Crawler) {
    super(crawler, { store: 'IMAGES_STORE', urlsField: 'IMAGES_URLS_FIELD', resultField: 'IMAGES_RESULT_FIELD', expires: 'IMAGES_EXPIRES' });
    this.minWidth = crawler.settings.getInt('IMAGES_MIN_WIDTH');
    this.minHeight = crawler.settings.getInt('IMAGES_MIN_HEIGHT');
    this.thumbs = {};
    for (const [name, size] of Object.entries(crawler.settings.getDict<unknown>('IMAGES_THUMBS'))) {
      if (!Array.isArray(size) || size.length !== 2 || !size.every((n) => Number.isInteger(n) && n > 0)) {
        throw new TypeError(`[skitter] ImagesPipeline: IMAGES_THUMBS.${name} must be [width, height] in pixels, got ${JSON.stringify(size)}.`);
      }
      this.thumbs[name] = [size[0], size[1]];
    }
  }

  protected override get mediaName(): string {
    return 'image';
  }

  /** `full/<SHA-1 of the URL>.jpg` (every image is stored as JPEG). */
  override filePath(request: Request, _response?: Response, _info?: MediaInfo, _item?: Record<string, unknown>): string {
    return `full/${mediaGuid(request.url)}.jpg`;
  }

  /** `thumbs/<name>/<SHA-1 of the URL>.jpg` (Scrapy's `thumb_path`). */
  thumbPath(request: Request, thumbId: string): string {
    return `thumbs/${thumbId}/${mediaGuid(request.url)}.jpg`;
  }

  /** Decodes, checks and converts the image, stores it and its thumbnails; returns the JPEG's MD5. */
  override async fileDownloaded(response: Response, request: Request, info: MediaInfo, item: Record<string, unknown>): Promise<string> {
    const codec = imageCodec(this.crawler.adapter.name);
    let image;
    try {
      image = await codec.decode(response.body);
    } catch (error) {
      throw new ImageException(`Cannot read image ${request.url}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (image.width < this.minWidth || image.height < this.minHeight) {
      throw new ImageException(`Image too small (${image.width}x${image.height} < ${this.minWidth}x${this.minHeight})`);
    }
    const full = await codec.toJpeg(image);
    await this.store.persistFile(this.filePath(request, response, info, item), full, { contentType: 'image/jpeg' });
    for (const [thumbId, size] of Object.entries(this.thumbs)) {
      await this.store.persistFile(this.thumbPath(request, thumbId), await codec.toJpeg(image, size), { contentType: 'image/jpeg' });
    }
    return md5.hex(full);
  }
}
