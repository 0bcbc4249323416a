/**
 * HTML/XML selectors with parsel's (Scrapy's) behaviour: CSS with `::text` / `::attr()`, XPath 1.0,
 * `get()` / `getall()` / `re()`, lazy single parse per page.
 * @module
 */
export { Selector } from './selector.ts';
export type { SelectorInit, SelectorRoot } from './selector.ts';
export { SelectorList } from './selector-list.ts';
export type { SelectorType } from './parsed-markup.ts';
export type { XPathVariables } from './xpath-query.ts';
