import { fitWithin, type DecodedImage, type ImageCodec } from './image-codec.ts';

interface Canvas2d {
  fillStyle: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  drawImage(image: unknown, x: number, y: number, w: number, h: number): void;
}
interface OffscreenCanvasLike {
  getContext(type: '2d'): Canvas2d | null;
  convertToBlob(options: { type: string; quality?: number }): Promise<Blob>;
}
type OffscreenCanvasClass = new (width: number, height: number) => OffscreenCanvasLike;
type CreateImageBitmap = (blob: Blob) => Promise<{ width: number; height: number }>;

/** JPEG quality of converted images (Pillow's default, which Scrapy uses). */
const JPEG_QUALITY = 0.75;

/**
 * The browsers' image codec: `createImageBitmap` decodes, an `OffscreenCanvas` scales and encodes
 * JPEG. Works in pages, dedicated workers and MV3 service workers, which all have both.
 */
export const canvasImageCodec: ImageCodec = {
  async decode(bytes) {
    const create = (globalThis as { createImageBitmap?: CreateImageBitmap }).createImageBitmap;
    if (typeof create !== 'function') throw new TypeError('createImageBitmap is not available here');
    const bitmap = await create(new Blob([bytes as BlobPart]));
    return { width: bitmap.width, height: bitmap.height, handle: bitmap };
  },
  async toJpeg(image: DecodedImage, fit) {
    const Canvas = (globalThis as { OffscreenCanvas?: OffscreenCanvasClass }).OffscreenCanvas;
    if (typeof Canvas !== 'function') throw new TypeError('OffscreenCanvas is not available here');
    const [width, height] = fit ? fitWithin(image.width, image.height, fit) : [image.width, image.height];
    const canvas = new Canvas(width, height);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(image.handle, 0, 0, width, height);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
    return new Uint8Array(await blob.arrayBuffer());
  },
};
