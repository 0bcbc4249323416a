/**
 * A product page: the scraped fields (`h1`, `.price`, `.availability`, `.rating`,
 * `.description`), a specifications table, 3-5 related products, and filler (detail
 * paragraphs, reviews, "customers also viewed" links) up to the catalogue's `pageBytes`.
 * @module
 */
import type { CatalogueData, Category, Product } from './catalogue-data.ts';
/** The page of `product`; its size is at least `pageBytes` minus a few hundred bytes. */
export declare function renderProductPage(data: CatalogueData, product: Product, category: Category): string;
//# sourceMappingURL=render-product-page.d.ts.map