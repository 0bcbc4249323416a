import { NotSupportedError } from '../../errors/not-supported-error.ts';

/** A decoded image: its size in pixels, and the codec's own handle. */
export interface DecodedImage {
  width: number;
  height: number;
  readonly handle: unknown;
}

/**
 * Decodes images and encodes JPEGs for ImagesPipeline. Node's entry installs one on jimp (pure
 * JavaScript: nothing downloaded at install), the browser entries one on `createImageBitmap` and
 * `OffscreenCanvas` (pages, workers, MV3 service workers).
 */
export interface ImageCodec {
  /** @throws when the bytes are not an image the codec reads. */
  decode(bytes: Uint8Array): Promise<DecodedImage>;
  /**
   * The image as JPEG (RGB, transparency flattened onto white), scaled down to fit in `fit`
   * (`[width, height]`, aspect ratio kept, never enlarged) when given.
   */
  toJpeg(image: DecodedImage, fit?: readonly [number, number]): Promise<Uint8Array>;
}

let installed: ImageCodec | undefined;

/** Sets the codec ImagesPipeline uses in this realm (the entries do it). */
export function installImageCodec(codec: ImageCodec): void {
  installed = codec;
}

/** @throws {NotSupportedError} naming the platform when no codec was installed. */
export function imageCodec(platform: string): ImageCodec {
  if (installed) return installed;
  throw new NotSupportedError(`[skitter] ImagesPipeline is not supported on ${platform}: no image codec is installed (call installImageCodec()).`);
}

/** The size that fits `width` x `height` inside `fit`, keeping the ratio, never larger (PIL's `thumbnail`). */
export function fitWithin(width: number, height: number, fit: readonly [number, number]): [number, number] {
  const scale = Math.min(1, fit[0] / width, fit[1] / height);
  return [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))];
}
