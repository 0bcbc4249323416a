import { fitWithin, type DecodedImage, type ImageCodec } from '../pipelines/media/image-codec.ts';

type JimpModule = typeof import('jimp');
type JimpImage = Awaited<ReturnType<JimpModule['Jimp']['read']>>;

let jimp: Promise<JimpModule> | undefined;

/** JPEG quality of converted images (Pillow's default, which Scrapy uses), 0-100. */
const JPEG_QUALITY = 75;

/**
 * Node's image codec, on jimp (pure JavaScript, loaded on the first image). Transparent pixels
 * are flattened onto white before JPEG encoding, as Scrapy's `convert_image` does.
 */
export const jimpImageCodec: ImageCodec = {
  async decode(bytes) {
    const { Jimp } = await (jimp ??= import('jimp'));
    const image = await Jimp.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: image.width, height: image.height, handle: image };
  },
  async toJpeg(image: DecodedImage, fit) {
    const { Jimp } = await (jimp ??= import('jimp'));
    const source = image.handle as JimpImage;
    const [width, height] = fit ? fitWithin(image.width, image.height, fit) : [image.width, image.height];
    const canvas = new Jimp({ width, height, color: 0xffffffff });
    const scaled = width === source.width && height === source.height ? source : source.clone().resize({ w: width, h: height });
    canvas.composite(scaled, 0, 0);
    return new Uint8Array(await canvas.getBuffer('image/jpeg', { quality: JPEG_QUALITY }));
  },
};
