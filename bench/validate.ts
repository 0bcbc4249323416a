/**
 * Checks a crawler's scraped items against the catalogue: exactly one item per product page,
 * with the right name, price and title.
 * @module
 */
import { readFileSync } from 'node:fs';
import { formatPrice, type Catalogue } from '../demo/site/catalogue.ts';

/** The outcome of a check: ok, or the first problems found. */
export interface Validation { ok: boolean; problems: string[] }

const SITE_NAME = 'Skitter Demo Store';

export function validateItems(file: string, catalogue: Catalogue, origin: string): Validation {
  const problems: string[] = [];
  const expected = new Map(catalogue.products.map((p) => [catalogue.productUrl(origin, p), p]));
  const seen = new Set<string>();
  let count = 0;
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { ok: false, problems: ['no items file'] };
  }
  for (const line of text.split('\n')) {
    if (!line) continue;
    count++;
    const item = JSON.parse(line) as { url: string; title?: string; name?: string; price?: string };
    const product = expected.get(item.url);
    if (!product) {
      if (problems.length < 5) problems.push(`unexpected url ${item.url}`);
      continue;
    }
    if (seen.has(item.url)) {
      if (problems.length < 5) problems.push(`duplicate item ${item.url}`);
      continue;
    }
    seen.add(item.url);
    if (item.name !== product.title || item.price !== formatPrice(product.price) || item.title !== `${product.title} | ${SITE_NAME}`) {
      if (problems.length < 5) problems.push(`wrong fields for ${item.url}: ${JSON.stringify(item)}`);
    }
  }
  if (count !== expected.size) problems.unshift(`${count} items for ${expected.size} product pages (${seen.size} distinct)`);
  return { ok: problems.length === 0, problems };
}
