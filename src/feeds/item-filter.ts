import type { FeedOptions, ItemClass } from './feed-options.ts';

/**
 * Decides which items go to a feed (Scrapy's `scrapy.extensions.feedexport.ItemFilter`): give a
 * subclass as a feed's `item_filter` and override `accepts()`. It is built once per feed file with
 * the feed's options. The base class accepts the items of the feed's `item_classes` (every item
 * when there are none); a subclass that overrides `accepts()` decides alone.
 * @example
 * class InStockOnly extends ItemFilter {
 *   override accepts(item: unknown): boolean { return (item as { stock: number }).stock > 0; }
 * }
 * FEEDS: { 'in-stock.jsonl': { format: 'jsonlines', item_filter: InStockOnly } }
 */
export class ItemFilter {
  /** The feed's `item_classes` (empty: every class). */
  readonly itemClasses: readonly ItemClass[];

  constructor(feedOptions: Partial<FeedOptions> = {}) {
    this.itemClasses = feedOptions.item_classes ?? [];
  }

  /** True when the item should be exported to this feed. */
  accepts(item: unknown): boolean {
    return this.itemClasses.length === 0 || this.itemClasses.some((c) => item instanceof c);
  }
}

/** An `item_filter` value: a predicate, an {@link ItemFilter}-like class, or an object with `accepts`. */
export type ItemFilterSpec =
  | ((item: unknown) => boolean)
  | (new (feedOptions: FeedOptions) => { accepts(item: unknown): boolean })
  | { accepts(item: unknown): boolean };

/**
 * The predicate of a feed: `item_classes` and then a function `item_filter`, or an `item_filter`
 * class/object's `accepts` alone (as Scrapy, where the filter class applies `item_classes` itself).
 * @throws {TypeError} when `item_filter` is none of the accepted kinds.
 */
export function itemFilterOf(options: FeedOptions): ((item: unknown) => boolean) | undefined {
  const spec = options.item_filter as unknown;
  const classes = options.item_classes ?? [];
  const byClass = classes.length > 0 ? (item: unknown) => classes.some((c) => item instanceof c) : undefined;
  if (spec == null) return byClass;
  if (typeof spec === 'function') {
    const proto = (spec as { prototype?: { accepts?: unknown } }).prototype;
    if (proto && typeof proto.accepts === 'function') {
      const filter = new (spec as new (o: FeedOptions) => { accepts(item: unknown): boolean })(options);
      return (item) => filter.accepts(item);
    }
    const predicate = spec as (item: unknown) => boolean;
    return byClass ? (item) => byClass(item) && predicate(item) : predicate;
  }
  if (typeof (spec as { accepts?: unknown }).accepts === 'function') {
    const filter = spec as { accepts(item: unknown): boolean };
    return (item) => filter.accepts(item);
  }
  throw new TypeError('[skitter] FeedExporter: item_filter must be a function (item) => boolean, an ItemFilter subclass or an object with accepts(item).');
}
