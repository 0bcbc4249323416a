/**
 * Thrown from a spider callback (or any component) to close the spider with `reason`.
 * @see Scrapy's `scrapy.exceptions.CloseSpider`
 */
export class CloseSpider extends Error {
  override name = 'CloseSpider';
  /** The finish reason recorded in stats (`finish_reason`). @default 'cancelled' */
  readonly reason: string;
  constructor(reason = 'cancelled') {
    super(`close spider: ${reason}`);
    this.reason = reason;
  }
}

/** True if `error` is a {@link CloseSpider}. */
export function isCloseSpider(error: unknown): error is CloseSpider {
  return error instanceof CloseSpider || (error instanceof Error && error.name === 'CloseSpider');
}
