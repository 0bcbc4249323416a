/**
 * The demo site's non-catalogue pages: about, the robots-disallowed staff page, the flaky deals
 * page, the windows-1252 legacy page, error pages, robots.txt and the sitemaps.
 * @module
 */
import type { CatalogueData } from './catalogue-data.ts';
/** The text of `/legacy`'s `.legacy-text`, sent as windows-1252 bytes. */
export declare const LEGACY_TEXT = "Caf\u00E9 cr\u00E8me, na\u00EFve fa\u00E7ade \u2013 25 \u20AC";
/** The `<h1>` of `/private/secret` (robots.txt disallows `/private/`). */
export declare const PRIVATE_TITLE = "Staff area";
/** The about page; it links to the robots-disallowed `/private/secret`. */
export declare function renderAboutPage(): string;
/** The page robots.txt forbids. */
export declare function renderPrivatePage(): string;
/** `/flaky` once it has recovered. */
export declare function renderDealsPage(data: CatalogueData): string;
/** `/legacy`: windows-1252 bytes, declared only by `<meta charset>`. */
export declare function renderLegacyPage(): Uint8Array;
/** Body of 404 responses. */
export declare function renderNotFoundPage(): string;
/** Body of `/flaky`'s first answer (500). */
export declare function renderServerErrorPage(): string;
/** robots.txt: disallows `/private/` for every agent and names the sitemap index. */
export declare function renderRobots(origin: string): string;
/** Paths of the sitemaps listed in the index. */
export declare const SITEMAP_PATHS: readonly string[];
/** `/sitemap.xml`: a sitemap index of {@link SITEMAP_PATHS}. */
export declare function renderSitemapIndex(origin: string): string;
/** `/sitemap-products.xml`: every product page, with a seeded `lastmod`. */
export declare function renderProductSitemap(data: CatalogueData, origin: string): string;
/** `/sitemap-categories.xml`: the home page and every category's first listing page. */
export declare function renderCategorySitemap(data: CatalogueData, origin: string): string;
//# sourceMappingURL=render-extra-pages.d.ts.map