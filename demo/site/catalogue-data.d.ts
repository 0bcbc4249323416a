/** Options of {@link generateCatalogueData} and `createCatalogue`. */
export interface CatalogueOptions {
    /** Number of products. @default 1000 */
    products?: number;
    /** Number of categories (each gets at least one product when there are enough). @default 10 */
    categories?: number;
    /** Products per category listing page. @default 20 */
    perPage?: number;
    /**
     * Target size of a product page in bytes (UTF-8); pages are padded with description paragraphs,
     * a specifications table and reviews until they reach it (they may exceed it by ~1 KB, and
     * never get smaller than the page without padding). @default 6000
     */
    pageBytes?: number;
    /** Seed of every generated value: the same options always give byte-identical pages. @default 1 */
    seed?: number;
}
/** {@link CatalogueOptions} with every default applied. */
export type ResolvedCatalogueOptions = Required<CatalogueOptions>;
/** The defaults of {@link CatalogueOptions}. */
export declare const DEFAULT_CATALOGUE_OPTIONS: ResolvedCatalogueOptions;
/** Stock states shown in `.availability`. */
export type Availability = 'In stock' | 'Out of stock';
/** One product, exactly as its page shows it. */
export interface Product {
    /** 1-based id, also the product's position in `Catalogue.products` plus one. */
    readonly id: number;
    /** URL slug: `/product/<slug>`. */
    readonly slug: string;
    /** The page's `<h1>`. */
    readonly title: string;
    /** Price in pounds with two decimals; shown as `£12.34` in `.price`. */
    readonly price: number;
    readonly availability: Availability;
    /** Integer 1-5; `.rating[data-rating]`. */
    readonly rating: number;
    /** The text of `.description`. */
    readonly description: string;
    /** Slug of the product's category. */
    readonly category: string;
    /** Display name of the product's category (the breadcrumb's text). */
    readonly categoryName: string;
}
/** One category and its listing pages (`/category/<slug>`, then `?page=2` ...). */
export interface Category {
    readonly slug: string;
    readonly name: string;
    /** Ids of its products, ascending: the listing order. */
    readonly productIds: readonly number[];
    /** Number of listing pages: at least 1, even when empty. */
    readonly pageCount: number;
}
/** What {@link generateCatalogueData} returns. */
export interface CatalogueData {
    readonly options: ResolvedCatalogueOptions;
    readonly products: readonly Product[];
    readonly categories: readonly Category[];
}
/** Lower-case, dash-separated ASCII form of a name. */
export declare function slugify(text: string): string;
/**
 * Applies defaults and validates options.
 * @throws {RangeError} when a count is not an integer in range (products >= 0, categories >= 1,
 * perPage >= 1, pageBytes >= 0).
 */
export declare function resolveCatalogueOptions(options?: CatalogueOptions): ResolvedCatalogueOptions;
/**
 * Generates the catalogue's products and categories.
 * @throws {RangeError} on invalid options (see {@link resolveCatalogueOptions}).
 */
export declare function generateCatalogueData(options?: CatalogueOptions): CatalogueData;
//# sourceMappingURL=catalogue-data.d.ts.map