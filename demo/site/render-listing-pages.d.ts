/**
 * The store's home page and category listing pages.
 * @module
 */
import type { CatalogueData, Category, Product } from './catalogue-data.ts';
/** The off-site link on the home page; crawlers must drop it (offsite middleware), never fetch it. */
/**
 * The off-site link. `localhost` is another host than the site's `127.0.0.1` (so OffsiteMiddleware
 * filters it), yet it never leaves the machine: a spider that follows it gets connection refused
 * from port 9 on the loopback interface, with no DNS lookup.
 */
export declare const OFFSITE_URL = "http://localhost:9/partner-shop";
/** Path of a category's listing page `page` (1-based); page 1 has no query. */
export declare function categoryPath(category: Category, page?: number): string;
/** Path of a product page. */
export declare function productPath(product: Product): string;
/** `£12.34`: the `.price` text. */
export declare function formatPrice(price: number): string;
/** The home page: every category, a few featured products and the special pages. */
export declare function renderHomePage(data: CatalogueData): string;
/** One listing page of `category` (`page` is 1-based and within `category.pageCount`). */
export declare function renderCategoryPage(data: CatalogueData, category: Category, page: number, origin: string): string;
//# sourceMappingURL=render-listing-pages.d.ts.map