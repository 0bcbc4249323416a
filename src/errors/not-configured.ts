/**
 * Thrown by a component's constructor or `fromCrawler` to opt out: the component is skipped (logged at debug level), never an error.
 * @see Scrapy's `scrapy.exceptions.NotConfigured`
 */
export class NotConfigured extends Error {
  override name = 'NotConfigured';
}

/** True if `error` is a {@link NotConfigured} (works across realms and bundles by checking `name`). */
export function isNotConfigured(error: unknown): error is NotConfigured {
  return error instanceof NotConfigured || (error instanceof Error && error.name === 'NotConfigured');
}
