/**
 * Which URLs of the page's origin are the demo shop's. The shop lives at the origin's root (its
 * pages link with root-relative paths such as `/product/slug`), beside the playground's own files,
 * so the Service Worker answers only these paths, and only for `fetch()` requests (never for the
 * page's navigations or scripts).
 * @module
 */

/** The shop's fixed pages (see `demo/site/catalogue.ts`); anything else it serves is under {@link SHOP_PREFIXES}. */
const SHOP_PAGES: ReadonlySet<string> = new Set([
  '/', '/about', '/flaky', '/legacy', '/old-home', '/missing', '/robots.txt',
  '/sitemap.xml', '/sitemap-products.xml', '/sitemap-products.xml.gz', '/sitemap-categories.xml',
]);

const SHOP_PREFIXES: readonly string[] = ['/product/', '/category/', '/private/'];

/** Whether `pathname` is a page of the demo shop. */
export function isShopPath(pathname: string): boolean {
  return SHOP_PAGES.has(pathname) || SHOP_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}
