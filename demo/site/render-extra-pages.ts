/**
 * The demo site's non-catalogue pages: about, the robots-disallowed staff page, the flaky deals
 * page, the windows-1252 legacy page, error pages, robots.txt and the sitemaps.
 * @module
 */
import type { CatalogueData, Category } from './catalogue-data.ts';
import { encodeCp1252 } from './cp1252.ts';
import { isoDay } from './dates.ts';
import { layout, SITE_NAME } from './html.ts';
import { mixSeed } from './random.ts';
import { categoryPath, productPath } from './render-listing-pages.ts';

/** The text of `/legacy`'s `.legacy-text`, sent as windows-1252 bytes. */
export const LEGACY_TEXT = 'Café crème, naïve façade – 25 €';

/** The `<h1>` of `/private/secret` (robots.txt disallows `/private/`). */
export const PRIVATE_TITLE = 'Staff area';

/** The about page; it links to the robots-disallowed `/private/secret`. */
export function renderAboutPage(): string {
  return layout('About us', '<h1>About us</h1>\n'
    + `<p>${SITE_NAME} is a generated shop: every page is computed from a seed, so crawls of it are repeatable.</p>\n`
    + '<p>Staff can sign in to the <a href="/private/secret">staff area</a>.</p>\n'
    + '<p><a href="/">Back to the shop</a></p>\n');
}

/** The page robots.txt forbids. */
export function renderPrivatePage(): string {
  return layout(PRIVATE_TITLE, `<h1>${PRIVATE_TITLE}</h1>\n<p>Crawlers that obey robots.txt never see this page.</p>\n`);
}

/** `/flaky` once it has recovered. */
export function renderDealsPage(data: CatalogueData): string {
  const first = data.categories[0] as Category;
  return layout('Today\'s deals', '<h1>Today\'s deals</h1>\n'
    + `<p class="deals">Ten percent off everything in <a href="${categoryPath(first)}">${first.name}</a> today.</p>\n`);
}

/** `/legacy`: windows-1252 bytes, declared only by `<meta charset>`. */
export function renderLegacyPage(): Uint8Array {
  return encodeCp1252('<!DOCTYPE html>\n<html>\n<head>\n<meta charset="windows-1252">\n<title>Legacy catalogue</title>\n</head>\n<body>\n'
    + `<h1>Legacy catalogue</h1>\n<p class="legacy-text">${LEGACY_TEXT}</p>\n<p><a href="/">Home</a></p>\n</body>\n</html>\n`);
}

/** Body of 404 responses. */
export function renderNotFoundPage(): string {
  return layout('Page not found', '<h1>Page not found</h1>\n<p>This page does not exist. <a href="/">Back to the shop</a>.</p>\n');
}

/** Body of `/flaky`'s first answer (500). */
export function renderServerErrorPage(): string {
  return layout('Server error', '<h1>Something went wrong</h1>\n<p>Please try again in a moment.</p>\n');
}

/** robots.txt: disallows `/private/` for every agent and names the sitemap index. */
export function renderRobots(origin: string): string {
  return `User-agent: *\nDisallow: /private/\n\nSitemap: ${origin}/sitemap.xml\n`;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** Paths of the sitemaps listed in the index. */
export const SITEMAP_PATHS: readonly string[] = ['/sitemap-products.xml', '/sitemap-categories.xml'];

/** `/sitemap.xml`: a sitemap index of {@link SITEMAP_PATHS}. */
export function renderSitemapIndex(origin: string): string {
  let xml = `${XML_HEAD}<sitemapindex xmlns="${SITEMAP_NS}">\n`;
  for (const path of SITEMAP_PATHS) xml += `<sitemap><loc>${origin}${path}</loc><lastmod>${isoDay(200)}</lastmod></sitemap>\n`;
  return `${xml}</sitemapindex>\n`;
}

/** `/sitemap-products.xml`: every product page, with a seeded `lastmod`. */
export function renderProductSitemap(data: CatalogueData, origin: string): string {
  const parts = [`${XML_HEAD}<urlset xmlns="${SITEMAP_NS}">\n`];
  for (const product of data.products) {
    const day = mixSeed(data.options.seed, product.id, 3) % 366;
    parts.push(`<url><loc>${origin}${productPath(product)}</loc><lastmod>${isoDay(day)}</lastmod><priority>0.8</priority></url>\n`);
  }
  parts.push('</urlset>\n');
  return parts.join('');
}

/** `/sitemap-categories.xml`: the home page and every category's first listing page. */
export function renderCategorySitemap(data: CatalogueData, origin: string): string {
  let xml = `${XML_HEAD}<urlset xmlns="${SITEMAP_NS}">\n<url><loc>${origin}/</loc><changefreq>daily</changefreq></url>\n`;
  for (const category of data.categories) xml += `<url><loc>${origin}${categoryPath(category)}</loc><changefreq>daily</changefreq></url>\n`;
  return `${xml}</urlset>\n`;
}
