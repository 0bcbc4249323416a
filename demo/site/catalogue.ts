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
 * (same urlset, gzipped, not listed in the index), `/feeds/products.xml` and `/feeds/products.csv`
 * (product feeds for the feed spiders, not linked from pages), `/images/<slug>.png` (a PNG per
 * product, for the media pipelines); for browser-side crawls (`render-app-pages.ts`):
 * `/js/products` and `/js/delayed` (lists filled in by JavaScript), `/api/products.json`, `/login`,
 * `/logout` and `/account` (products only with the session cookie). Anything else is a 404.
 * @example
 * const catalogue = createCatalogue({ products: 200 });
 * const { status, body } = catalogue.render('/category/kitchen?page=2');
 * @module
 */
import {
  type CatalogueOptions, type Category, generateCatalogueData, type Product, type ResolvedCatalogueOptions,
} from './catalogue-data.ts';
import { gzipStored } from './gzip-stored.ts';
import { renderCsvFeed, renderXmlFeed } from './render-feeds.ts';
import { renderProductImage } from './product-image.ts';
import {
  renderAboutPage, renderCategorySitemap, renderDealsPage, renderLegacyPage, renderNotFoundPage, renderPrivatePage,
  renderProductSitemap, renderRobots, renderServerErrorPage, renderSitemapIndex,
} from './render-extra-pages.ts';
import { categoryPath, productPath, renderCategoryPage, renderHomePage } from './render-listing-pages.ts';
import { renderProductPage } from './render-product-page.ts';
import {
  renderAccount, renderClientRenderedPage, renderDelayedPage, renderLogin, renderLogout, renderProductsJson,
} from './render-app-pages.ts';
import { htmlResponse, preflightResponse, siteResponse, type SiteResponse } from './site-response.ts';

export type { Availability, CatalogueOptions, Category, Product, ResolvedCatalogueOptions } from './catalogue-data.ts';
export { DEFAULT_CATALOGUE_OPTIONS } from './catalogue-data.ts';
export { LEGACY_TEXT, PRIVATE_TITLE, SITEMAP_PATHS } from './render-extra-pages.ts';
export { formatPrice, OFFSITE_URL } from './render-listing-pages.ts';
export { CSV_FEED_COLUMNS, csvSummary, FEED_MERCHANT_NS } from './render-feeds.ts';
export { productImagePath, productImageSize } from './product-image.ts';
export {
  ACCOUNT_PRODUCT_IDS, CLIENT_RENDERED_IDS, DELAYED_RENDER_IDS, DELAYED_RENDER_MS, DEMO_LOGIN, SESSION_COOKIE,
} from './render-app-pages.ts';
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
  /** The request's Cookie header (`/account` needs the login's session cookie). */
  cookie?: string;
  /** The request body as text (the `/login` form's POST). */
  body?: string;
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

const PAGE_NUMBER = /^[1-9][0-9]{0,8}$/;

/**
 * Creates a demo catalogue.
 * @throws {RangeError} on invalid options (non-integer or out-of-range counts).
 */
export function createCatalogue(options: CatalogueOptions = {}): Catalogue {
  const data = generateCatalogueData(options);
  const productsBySlug = new Map(data.products.map((product) => [product.slug, product]));
  const categoriesBySlug = new Map(data.categories.map((category) => [category.slug, category]));

  const categoryPageUrls = (origin: string): string[] => data.categories.flatMap((category) =>
    Array.from({ length: category.pageCount }, (_, i) => origin + categoryPath(category, i + 1)));
  const productUrls = (origin: string): string[] => data.products.map((product) => origin + productPath(product));

  function renderPage(path: string, params: URLSearchParams, origin: string, attempt: number, context: RenderContext): SiteResponse {
    if (path.startsWith('/images/') && path.endsWith('.png')) {
      const product = productsBySlug.get(path.slice(8, -4));
      if (product !== undefined) return siteResponse(200, 'image/png', renderProductImage(product));
    } else if (path.startsWith('/product/')) {
      const product = productsBySlug.get(path.slice(9));
      if (product !== undefined) return htmlResponse(200, renderProductPage(data, product, categoriesBySlug.get(product.category) as Category));
    } else if (path.startsWith('/category/')) {
      const category = categoriesBySlug.get(path.slice(10));
      const pageParam = params.get('page') ?? '1';
      const page = PAGE_NUMBER.test(pageParam) ? Number(pageParam) : 0;
      if (category !== undefined && page >= 1 && page <= category.pageCount) {
        return htmlResponse(200, renderCategoryPage(data, category, page, origin));
      }
    } else {
      switch (path) {
        case '/': return htmlResponse(200, renderHomePage(data));
        case '/about': return htmlResponse(200, renderAboutPage());
        case '/private/secret': return htmlResponse(200, renderPrivatePage());
        case '/flaky': return attempt <= 1 ? htmlResponse(500, renderServerErrorPage()) : htmlResponse(200, renderDealsPage(data));
        case '/legacy': return siteResponse(200, 'text/html', renderLegacyPage());
        case '/old-home': return siteResponse(301, 'text/html; charset=utf-8', '', { location: '/' });
        case '/robots.txt': return siteResponse(200, 'text/plain; charset=utf-8', renderRobots(origin));
        case '/sitemap.xml': return siteResponse(200, 'application/xml; charset=utf-8', renderSitemapIndex(origin));
        case '/sitemap-products.xml': return siteResponse(200, 'application/xml; charset=utf-8', renderProductSitemap(data, origin));
        case '/sitemap-products.xml.gz':
          return siteResponse(200, 'application/gzip', gzipStored(new TextEncoder().encode(renderProductSitemap(data, origin))));
        case '/js/products': return htmlResponse(200, renderClientRenderedPage());
        case '/js/delayed': return htmlResponse(200, renderDelayedPage());
        case '/api/products.json': return renderProductsJson(data, params);
        case '/login': return renderLogin(context.method?.toUpperCase() ?? 'GET', context.body);
        case '/logout': return renderLogout();
        case '/account': return renderAccount(data, context.cookie);
        case '/sitemap-categories.xml': return siteResponse(200, 'application/xml; charset=utf-8', renderCategorySitemap(data, origin));
        case '/feeds/products.xml': return siteResponse(200, 'application/rss+xml; charset=utf-8', renderXmlFeed(data, origin));
        case '/feeds/products.csv': return siteResponse(200, 'text/csv; charset=utf-8', renderCsvFeed(data, origin));
      }
    }
    return htmlResponse(404, renderNotFoundPage());
  }

  return {
    options: data.options,
    products: data.products,
    categories: data.categories,
    product: (slug) => productsBySlug.get(slug),
    category: (slug) => categoriesBySlug.get(slug),
    productUrl: (origin, product) => origin + productPath(product),
    expectedReachableProductUrls: productUrls,
    expectedCategoryPageUrls: categoryPageUrls,
    expectedReachablePageUrls(origin, { obeyRobots = true } = {}) {
      const fixed = ['/', '/about', '/flaky', '/legacy', ...(obeyRobots ? [] : ['/private/secret'])];
      return [...fixed.map((path) => origin + path), ...categoryPageUrls(origin), ...productUrls(origin)];
    },
    render(path, query, context = {}) {
      if (context.method?.toUpperCase() === 'OPTIONS') return preflightResponse();
      const mark = path.indexOf('?');
      const pathname = mark < 0 ? path : path.slice(0, mark);
      const params = new URLSearchParams(query ?? (mark < 0 ? '' : path.slice(mark + 1)));
      return renderPage(pathname, params, context.origin ?? 'http://127.0.0.1', context.attempt ?? 1, context);
    },
  };
}
