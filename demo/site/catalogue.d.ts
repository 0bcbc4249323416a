/**
 * The embedded demo site: a deterministic, generated product catalogue served by `skitter demo`,
 * the tests and the benchmark. Runtime-neutral (no Node APIs): `render` is a pure function from a
 * request path to a response, so the same site can be served by `node:http` (see `server.ts`) or
 * from inside a browser or service worker.
 *
 * Pages: `/` (categories, featured products, `/about`, `/flaky`, `/legacy`, `/old-home`,
 * `/missing` and an off-site link), `/category/<slug>[?page=N]`, `/product/<slug>`, `/about`
 * (links to the robots-disallowed `/private/secret`), `/flaky` (500 on its first request, then
 * 200), `/legacy` (windows-1252), `/old-home` (301 to `/`), `/robots.txt`, `/sitemap.xml`
 * (index) -> `/sitemap-products.xml` + `/sitemap-categories.xml`, `/sitemap-products.xml.gz`
 * (same urlset, gzipped, not listed in the index). Anything else is a 404.
 * @example
 * const catalogue = createCatalogue({ products: 200 });
 * const { status, body } = catalogue.render('/category/kitchen?page=2');
 * @module
 */
import { type CatalogueOptions, type Category, type Product, type ResolvedCatalogueOptions } from './catalogue-data.ts';
import { type SiteResponse } from './site-response.ts';
export type { Availability, CatalogueOptions, Category, Product, ResolvedCatalogueOptions } from './catalogue-data.ts';
export { DEFAULT_CATALOGUE_OPTIONS } from './catalogue-data.ts';
export { LEGACY_TEXT, PRIVATE_TITLE, SITEMAP_PATHS } from './render-extra-pages.ts';
export { formatPrice, OFFSITE_URL } from './render-listing-pages.ts';
export type { SiteResponse } from './site-response.ts';
/** Per-request facts `render` cannot know by itself. */
export interface RenderContext {
    /** Origin (`http://host:port`) used in absolute links, robots.txt and sitemaps. @default 'http://127.0.0.1' */
    origin?: string;
    /** HTTP method; `OPTIONS` gets a CORS preflight answer, every other method a page. @default 'GET' */
    method?: string;
    /**
     * 1-based number of this request among the host's requests for the same path; `/flaky`
     * answers 500 when it is 1 and 200 afterwards. @default 1
     */
    attempt?: number;
}
/** Options of {@link Catalogue.expectedReachablePageUrls}. */
export interface ReachableOptions {
    /** Leave out pages robots.txt disallows (`/private/secret`). @default true */
    obeyRobots?: boolean;
}
/** A generated catalogue: its data, the URLs a full crawl must reach, and its pages. */
export interface Catalogue {
    readonly options: ResolvedCatalogueOptions;
    /** Every product; `products[id - 1]` is product `id`. */
    readonly products: readonly Product[];
    readonly categories: readonly Category[];
    /** The product with this slug. */
    product(slug: string): Product | undefined;
    /** The category with this slug. */
    category(slug: string): Category | undefined;
    /** Absolute URL of a product page. */
    productUrl(origin: string, product: Product): string;
    /** Every product page URL, in id order (all are reachable from `/`). */
    expectedReachableProductUrls(origin: string): string[];
    /** Every category listing page URL (page 1 without a query, then `?page=N`), category by category. */
    expectedCategoryPageUrls(origin: string): string[];
    /**
     * Every distinct URL a link-following crawl from `/` gets a 200 HTML page for: `/`, `/about`,
     * `/flaky` (after one retry), `/legacy`, the category listings and the products, plus
     * `/private/secret` when robots.txt is ignored. Not included: `/old-home` (redirects to `/`),
     * `/missing` (404), the off-site link. URLs are as linked, without fragments.
     */
    expectedReachablePageUrls(origin: string, options?: ReachableOptions): string[];
    /**
     * The response for a path (a query may be given inside `path` or as `query`). Pure: the same
     * arguments always give the same bytes. Unknown paths give a 404 page, never `undefined`.
     */
    render(path: string, query?: string | URLSearchParams, context?: RenderContext): SiteResponse;
}
/**
 * Creates a demo catalogue.
 * @throws {RangeError} on invalid options (non-integer or out-of-range counts).
 */
export declare function createCatalogue(options?: CatalogueOptions): Catalogue;
//# sourceMappingURL=catalogue.d.ts.map