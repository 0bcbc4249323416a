/**
 * The demo shop's product images, `/images/<slug>.png`: small PNGs generated from the product's
 * id (size and colours vary; every seventh product has a 12x12 icon, smaller than most minimum
 * sizes), encoded without compression so any runtime can serve them synchronously.
 * @module
 */
import type { Product } from './catalogue-data.ts';
import { crc32, deflateStored } from './gzip-stored.ts';

/** Width and height in pixels of a product's image. */
export function productImageSize(product: Product): [number, number] {
  if (product.id % 7 === 0) return [12, 12];
  return [60 + (product.id % 5) * 20, 40 + (product.id % 3) * 15];
}

/** Path of a product's image. */
export function productImagePath(product: Product): string {
  return `/images/${product.slug}.png`;
}

/** The PNG of a product: a two-colour vertical gradient seeded by its id. */
export function renderProductImage(product: Product): Uint8Array {
  const [width, height] = productImageSize(product);
  const rows = new Uint8Array(height * (1 + width * 3));
  const r = (product.id * 67) % 256;
  const g = (product.id * 131) % 256;
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    rows[row] = 0; // filter type: none
    for (let x = 0; x < width; x++) {
      const at = row + 1 + x * 3;
      rows[at] = r;
      rows[at + 1] = g;
      rows[at + 2] = Math.round((255 * y) / Math.max(1, height - 1));
    }
  }
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method, no interlace
  return concat([
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlibStored(rows)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

function zlibStored(data: Uint8Array): Uint8Array {
  const deflated = deflateStored(data);
  const out = new Uint8Array(2 + deflated.length + 4);
  out.set([0x78, 0x01]);
  out.set(deflated, 2);
  new DataView(out.buffer).setUint32(2 + deflated.length, adler32(data));
  return out;
}

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  const typeAndData = out.subarray(4, 8 + data.length);
  typeAndData.set(new TextEncoder().encode(type));
  typeAndData.set(data, 4);
  view.setUint32(8 + data.length, crc32(typeAndData));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
