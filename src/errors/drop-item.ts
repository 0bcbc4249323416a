/**
 * Thrown by an item pipeline's `processItem` to drop an item: the `item_dropped` signal fires and `item_dropped_count` counts it.
 * @see Scrapy's `scrapy.exceptions.DropItem`
 */
export class DropItem extends Error {
  override name = 'DropItem';
}

/** True if `error` is a {@link DropItem} (works across realms and bundles by checking `name`). */
export function isDropItem(error: unknown): error is DropItem {
  return error instanceof DropItem || (error instanceof Error && error.name === 'DropItem');
}
