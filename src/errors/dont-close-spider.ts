/**
 * Thrown by a `spider_idle` handler to keep an idle spider open.
 * @see Scrapy's `scrapy.exceptions.DontCloseSpider`
 */
export class DontCloseSpider extends Error {
  override name = 'DontCloseSpider';
}

/** True if `error` is a {@link DontCloseSpider} (works across realms and bundles by checking `name`). */
export function isDontCloseSpider(error: unknown): error is DontCloseSpider {
  return error instanceof DontCloseSpider || (error instanceof Error && error.name === 'DontCloseSpider');
}
