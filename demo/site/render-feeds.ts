/**
 * The demo site's product feeds, for the feed spiders: `/feeds/products.xml` (RSS 2.0 with a
 * `g:` namespace for the merchant fields, as shopping feeds have) and `/feeds/products.csv` (one
 * row per product; descriptions hold commas and quotes, so the CSV quoting is exercised).
 * @module
 */
import type { CatalogueData } from './catalogue-data.ts';
import { escapeHtml, SITE_NAME } from './html.ts';
import { productPath } from './render-listing-pages.ts';

/** The namespace URI of the `g:` prefix in the XML feed. */
export const FEED_MERCHANT_NS = 'http://base.google.com/ns/1.0';

/** The header of the CSV feed, in column order. */
export const CSV_FEED_COLUMNS: readonly string[] = ['id', 'title', 'price', 'availability', 'category', 'url', 'summary'];

/** `/feeds/products.xml`: every product as an RSS `<item>`. */
export function renderXmlFeed(data: CatalogueData, origin: string): string {
  const parts = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="${FEED_MERCHANT_NS}">\n<channel>\n`,
    `<title>${escapeHtml(SITE_NAME)}</title>\n<link>${origin}/</link>\n`,
  ];
  for (const product of data.products) {
    parts.push(
      `<item><g:id>${product.id}</g:id><title>${escapeHtml(product.title)}</title><link>${origin}${productPath(product)}</link>`
        + `<g:price>${product.price.toFixed(2)} GBP</g:price><g:availability>${product.availability}</g:availability>`
        + `<category>${escapeHtml(product.category)}</category></item>\n`,
    );
  }
  parts.push('</channel>\n</rss>\n');
  return parts.join('');
}

/** `/feeds/products.csv`: a header row, then one row per product (RFC 4180 quoting). */
export function renderCsvFeed(data: CatalogueData, origin: string): string {
  const rows = [CSV_FEED_COLUMNS.join(',')];
  for (const product of data.products) {
    const cells = [
      String(product.id), product.title, product.price.toFixed(2), product.availability, product.category,
      origin + productPath(product), csvSummary(product.description),
    ];
    rows.push(cells.map(quoteCsv).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

/** The first sentence of a description, with a quoted word, so cells hold commas and quotes. */
export function csvSummary(description: string): string {
  const first = description.split('. ')[0] ?? description;
  return `"${first.split(' ')[0]}", ${first}`;
}

function quoteCsv(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
