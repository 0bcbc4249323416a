import type { Selector } from './selector.ts';
import type { XPathVariables } from './xpath-query.ts';

/**
 * An array of {@link Selector}s with parsel's list methods: queries run on every member and the
 * results are flattened; `get()` reads the first member.
 *
 * It is a real `Array`: indexing, `length`, spread, `for…of` work, and `filter` / `slice` / `map`
 * return `SelectorList` instances through the default `Symbol.species` (so
 * `list.filter(...).getall()` works; `list.map((s) => s.get())` is an array of strings).
 *
 * @example
 * ```ts
 * const titles = selector.css('div.product').css('h2::text').getall();
 * const next = selector.css('a.next::attr(href)').get(); // string | null
 * ```
 * @see parsel's `SelectorList`
 */
export class SelectorList extends Array<Selector> {
  /** Runs a CSS query on every member and flattens the results. @see {@link Selector.css} */
  css(query: string): SelectorList {
    const out = new SelectorList();
    for (const selector of this) for (const result of selector.css(query)) out.push(result);
    return out;
  }

  /** Runs an XPath query on every member and flattens the results. @see {@link Selector.xpath} */
  xpath(query: string, namespaces?: Record<string, string>, variables?: XPathVariables): SelectorList {
    const out = new SelectorList();
    for (const selector of this) for (const result of selector.xpath(query, namespaces, variables)) out.push(result);
    return out;
  }

  /**
   * The first member's {@link Selector.get} result, or `fallback` (default `null`) when the list is empty.
   * @see parsel's `SelectorList.get(default=None)`
   */
  get(): string | null;
  get(fallback: string): string;
  get(fallback?: string): string | null {
    const first = this[0];
    return first === undefined ? (fallback ?? null) : first.get();
  }

  /** `get()` of every member. @see parsel's `SelectorList.getall()` */
  getall(): string[] {
    const out: string[] = [];
    for (const selector of this) out.push(selector.get());
    return out;
  }

  /** {@link Selector.re} of every member, flattened. @see parsel's `SelectorList.re()` */
  re(regex: RegExp | string, replaceEntities = true): string[] {
    const out: string[] = [];
    for (const selector of this) for (const value of selector.re(regex, replaceEntities)) out.push(value);
    return out;
  }

  /**
   * The first regex result over the members, or `fallback` (default `null`).
   * @see parsel's `SelectorList.re_first(regex, default=None)`
   */
  reFirst(regex: RegExp | string): string | null;
  reFirst(regex: RegExp | string, fallback: string, replaceEntities?: boolean): string;
  reFirst(regex: RegExp | string, fallback?: string | null, replaceEntities?: boolean): string | null;
  reFirst(regex: RegExp | string, fallback: string | null = null, replaceEntities = true): string | null {
    for (const selector of this) {
      const values = selector.re(regex, replaceEntities);
      if (values.length > 0) return values[0]!;
    }
    return fallback;
  }

  /** `Array.prototype.filter`, typed as returning a `SelectorList` (which it does through `Symbol.species`). */
  override filter(predicate: (value: Selector, index: number, array: Selector[]) => unknown, thisArg?: unknown): SelectorList {
    return super.filter(predicate, thisArg) as SelectorList;
  }

  /** `Array.prototype.slice`, typed as returning a `SelectorList` (parsel's list slicing). */
  override slice(start?: number, end?: number): SelectorList {
    return super.slice(start, end) as SelectorList;
  }

  /** Attributes of the first member's element, `{}` when there is none. @see parsel's `SelectorList.attrib` */
  get attrib(): Record<string, string> {
    return this[0]?.attrib ?? {};
  }
}
