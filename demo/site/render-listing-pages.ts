/**
 * The store's home page and category listing pages.
 * @module
 */
import type { CatalogueData, Category, Product } from './catalogue-data.ts';
import { escapeHtml, layout, SITE_NAME } from './html.ts';
import { createRandom, mixSeed } from './random.ts';

/** The off-site link on the home page; crawlers must drop it (offsite middleware), never fetch it. */
/**
 * The off-site link. `localhost` is another host than the site's `127.0.0.1` (so OffsiteMiddleware
 * filters it), yet it never leaves the machine: a spider that follows it gets connection refused
 * from port 9 on the loopback interface, with no DNS lookup.
 */
export const OFFSITE_URL = 'http://localhost:9/partner-shop';

/** Path of a category's listing page `page` (1-based); page 1 has no query. */
export function categoryPath(category: Category, page = 1): string {
  return page === 1 ? `/category/${category.slug}` : `/category/${category.slug}?page=${page}`;
}

/** Path of a product page. */
export function productPath(product: Product): string {
  return `/product/${product.slug}`;
}

/** `£12.34`: the `.price` text. */
export function formatPrice(price: number): string {
  return `£${price.toFixed(2)}`;
}

function categoryLinks(data: CatalogueData, current?: Category): string {
  let html = '<ul>\n';
  for (const category of data.categories) {
    const label = escapeHtml(category.name);
    html += category === current
      ? `<li class="active"><span>${label}</span></li>\n`
      : `<li><a href="${categoryPath(category)}">${label}</a> <span class="count">(${category.productIds.length})</span></li>\n`;
  }
  return `${html}</ul>\n`;
}

/** The home page: every category, a few featured products and the special pages. */
export function renderHomePage(data: CatalogueData): string {
  const random = createRandom(mixSeed(data.options.seed, 0x40e));
  let featured = '';
  const picked = new Set<number>();
  for (let i = 0; i < Math.min(6, data.products.length); i++) {
    let id = random.int(1, data.products.length);
    while (picked.has(id)) id = (id % data.products.length) + 1;
    picked.add(id);
    const product = data.products[id - 1] as Product;
    featured += `<li><a href="${productPath(product)}">${escapeHtml(product.title)}</a> <span class="price">${formatPrice(product.price)}</span></li>\n`;
  }
  return layout('Home', `<h1>${SITE_NAME}</h1>\n`
    + `<p class="intro">${data.products.length} products in ${data.categories.length} categories, with free delivery on orders over £50.</p>\n`
    + `<section class="categories"><h2>Shop by category</h2>\n${categoryLinks(data)}</section>\n`
    + `<section class="featured"><h2>Featured products</h2>\n<ul>\n${featured}</ul></section>\n`
    + '<section class="more"><h2>More</h2>\n<ul>\n'
    + '<li><a href="/about">About us</a></li>\n'
    + '<li><a href="/flaky">Today\'s deals</a></li>\n'
    + '<li><a href="/legacy">Legacy catalogue (1998)</a></li>\n'
    + '<li><a href="/old-home">Old home page</a></li>\n'
    + '<li><a href="/missing">Discontinued products</a></li>\n'
    + `<li><a href="${OFFSITE_URL}">Our partner shop</a></li>\n`
    + '</ul></section>\n');
}

function productCard(product: Product, origin: string): string {
  const path = productPath(product);
  const title = escapeHtml(product.title);
  // Three spellings of one URL (relative, root-relative with a fragment, absolute): the
  // crawler's link extraction and duplicate filter must collapse them into one request.
  return `<li class="product-card" data-product-id="${product.id}">\n`
    + `<h2><a href="..${path}">${title}</a></h2>\n`
    + `<p class="price">${formatPrice(product.price)}</p>\n`
    + `<p class="availability">${product.availability}</p>\n`
    + `<p><a href="${path}#reviews">Rated ${product.rating} out of 5</a> | <a class="view" href="${origin}${path}">View details</a></p>\n`
    + '</li>\n';
}

/** One listing page of `category` (`page` is 1-based and within `category.pageCount`). */
export function renderCategoryPage(data: CatalogueData, category: Category, page: number, origin: string): string {
  const { perPage } = data.options;
  const ids = category.productIds.slice((page - 1) * perPage, page * perPage);
  const first = ids.length === 0 ? 0 : (page - 1) * perPage + 1;
  let cards = '';
  for (const id of ids) cards += productCard(data.products[id - 1] as Product, origin);
  let pagination = '<nav class="pagination"><ul class="pager">\n';
  if (page > 1) {
    const previous = page === 2 ? categoryPath(category) : `?page=${page - 1}`;
    pagination += `<li class="previous"><a rel="prev" href="${previous}">previous</a></li>\n`;
  }
  pagination += `<li class="current">Page ${page} of ${category.pageCount}</li>\n`;
  if (page < category.pageCount) pagination += `<li class="next"><a rel="next" href="?page=${page + 1}">next</a></li>\n`;
  pagination += '</ul></nav>\n';
  const name = escapeHtml(category.name);
  return layout(page === 1 ? category.name : `${category.name}, page ${page}`,
    `<nav class="breadcrumb"><a href="/">Home</a> › <span>${name}</span></nav>\n`
    + `<h1>${name}</h1>\n`
    + `<p class="result-count">Showing ${first}-${first === 0 ? 0 : first + ids.length - 1} of ${category.productIds.length} products</p>\n`
    + `<aside class="sidebar"><h2>Categories</h2>\n${categoryLinks(data, category)}</aside>\n`
    + `<ol class="product-list">\n${cards}</ol>\n${pagination}`);
}
