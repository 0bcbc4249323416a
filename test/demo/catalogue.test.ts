import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createCatalogue, LEGACY_TEXT, type Catalogue, type SiteResponse } from '../../demo/site/catalogue.ts';
import { extractHrefs } from '../fixtures/link-walk.ts';

const ORIGIN = 'http://127.0.0.1:9';
const text = (response: SiteResponse): string => (typeof response.body === 'string' ? response.body : new TextDecoder().decode(response.body));
const utf8Bytes = (response: SiteResponse): number => new TextEncoder().encode(text(response)).length;
const productPath = (catalogue: Catalogue, id: number): string => `/product/${catalogue.products[id - 1]?.slug}`;

function samplePaths(catalogue: Catalogue): string[] {
  return [
    '/', '/about', '/legacy', '/robots.txt', '/sitemap.xml', '/sitemap-products.xml', '/sitemap-products.xml.gz',
    '/sitemap-categories.xml', '/category/kitchen', '/category/kitchen?page=2', productPath(catalogue, 1), productPath(catalogue, 777),
  ];
}

describe('demo catalogue', () => {
  const catalogue = createCatalogue();

  it('has the documented default counts', () => {
    expect(catalogue.options).toEqual({ products: 1000, categories: 10, perPage: 20, pageBytes: 6000, seed: 1 });
    expect(catalogue.products).toHaveLength(1000);
    expect(catalogue.categories.map((c) => c.slug)).toEqual(['kitchen', 'garden', 'lighting', 'books', 'toys', 'outdoor', 'music', 'stationery', 'bathroom', 'tools']);
    expect(catalogue.categories.map((c) => c.productIds.length)).toEqual([135, 128, 166, 91, 61, 59, 90, 58, 103, 109]);
    expect(catalogue.expectedCategoryPageUrls(ORIGIN)).toHaveLength(55);
    expect(catalogue.expectedReachableProductUrls(ORIGIN)).toHaveLength(1000);
    expect(catalogue.expectedReachablePageUrls(ORIGIN)).toHaveLength(1059);
    expect(catalogue.expectedReachablePageUrls(ORIGIN, { obeyRobots: false })).toHaveLength(1060);
    expect(new Set(catalogue.products.map((p) => p.slug)).size).toBe(1000);
  });

  it('renders byte-identical pages for the same options and different ones for another seed', () => {
    const twin = createCatalogue();
    const other = createCatalogue({ seed: 2 });
    for (const path of samplePaths(catalogue)) {
      expect(twin.render(path, undefined, { origin: ORIGIN }), path).toEqual(catalogue.render(path, undefined, { origin: ORIGIN }));
    }
    expect(twin.products).toEqual(catalogue.products);
    expect(other.products[0]).not.toEqual(catalogue.products[0]);
    expect(text(other.render(productPath(other, 5)))).not.toBe(text(catalogue.render(productPath(catalogue, 5))));
  });

  it('shows every product field exactly as the data says', () => {
    for (const product of catalogue.products) {
      const html = text(catalogue.render(`/product/${product.slug}`));
      expect(html).toContain(`<h1>${product.title}</h1>`);
      expect(html).toContain(`<p class="price">£${product.price.toFixed(2)}</p>`);
      expect(html).toContain(`<p class="availability">${product.availability}</p>`);
      expect(html).toContain(`<p class="rating" data-rating="${product.rating}">`);
      expect(html).toContain(`<p class="description">${product.description}</p>`);
      expect(html).toContain(`<a class="back" href="/category/${product.category}">Back to ${product.categoryName}</a>`);
      expect(Number(product.price.toFixed(2))).toBe(product.price);
      expect(product.rating >= 1 && product.rating <= 5).toBe(true);
      const related = html.slice(html.indexOf('<section class="related">'), html.indexOf('</section>', html.indexOf('<section class="related">')));
      const relatedSlugs = extractHrefs(related).map((href) => href.replace(/^(\.\.)?\/product\//, ''));
      expect(relatedSlugs.length).toBeGreaterThanOrEqual(3);
      expect(relatedSlugs.length).toBeLessThanOrEqual(5);
      for (const slug of relatedSlugs) expect(catalogue.product(slug)?.slug).toBe(slug);
    }
    expect(catalogue.products.filter((p) => p.availability === 'Out of stock').length).toBe(219);
  });

  it('pads product pages to pageBytes', () => {
    const sizes = [1, 2, 500, 1000].map((id) => utf8Bytes(catalogue.render(productPath(catalogue, id))));
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(6000);
    for (const size of sizes) expect(size).toBeLessThan(7200);
    const big = createCatalogue({ products: 50, pageBytes: 30_000 });
    for (let id = 1; id <= 50; id++) {
      const size = utf8Bytes(big.render(productPath(big, id)));
      expect(size).toBeGreaterThanOrEqual(30_000);
      expect(size).toBeLessThan(31_200);
    }
    const bare = createCatalogue({ products: 3, pageBytes: 0 });
    expect(text(bare.render(productPath(bare, 1)))).not.toContain('<li class="review">');
  });

  it('lists every product once across each category\'s pages, with pagination links', () => {
    const listed: number[] = [];
    for (const category of catalogue.categories) {
      for (let page = 1; page <= category.pageCount; page++) {
        const html = text(catalogue.render(`/category/${category.slug}`, page === 1 ? undefined : `page=${page}`, { origin: ORIGIN }));
        const ids = [...html.matchAll(/data-product-id="(\d+)"/g)].map((m) => Number(m[1]));
        expect(ids.length).toBe(page < category.pageCount ? 20 : category.productIds.length - 20 * (page - 1));
        listed.push(...ids);
        expect(html.includes('rel="next" href="?page=')).toBe(page < category.pageCount);
        expect(html.includes('rel="prev"')).toBe(page > 1);
        if (page === 2) expect(html).toContain(`<a rel="prev" href="/category/${category.slug}">`);
        const firstSlug = catalogue.products[(ids[0] as number) - 1]?.slug;
        expect(html).toContain(`href="../product/${firstSlug}"`);
        expect(html).toContain(`href="${ORIGIN}/product/${firstSlug}"`);
        expect(html).toContain(`href="/product/${firstSlug}#reviews"`);
      }
    }
    expect(listed.sort((a, b) => a - b)).toEqual(catalogue.products.map((p) => p.id));
  });

  it('accepts the query inside the path or apart, and 404s unknown pages', () => {
    expect(catalogue.render('/category/garden?page=3')).toEqual(catalogue.render('/category/garden', 'page=3'));
    expect(catalogue.render('/category/garden', new URLSearchParams({ page: '3' }))).toEqual(catalogue.render('/category/garden?page=3'));
    expect(catalogue.render('/category/garden?page=1')).toEqual(catalogue.render('/category/garden'));
    for (const path of ['/missing', '/category/garden?page=8', '/category/garden?page=0', '/category/garden?page=x', '/category/nope', '/product/nope', '/about/']) {
      const response = catalogue.render(path);
      expect(response.status, path).toBe(404);
      expect(text(response)).toContain('<h1>Page not found</h1>');
    }
  });

  it('serves robots.txt, the sitemap index and urlsets, and a gzipped product urlset', () => {
    const render = (path: string): string => text(catalogue.render(path, undefined, { origin: ORIGIN }));
    expect(render('/robots.txt')).toBe(`User-agent: *\nDisallow: /private/\n\nSitemap: ${ORIGIN}/sitemap.xml\n`);
    const locs = (xml: string): string[] => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] as string);
    expect(render('/sitemap.xml')).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(locs(render('/sitemap.xml'))).toEqual([`${ORIGIN}/sitemap-products.xml`, `${ORIGIN}/sitemap-categories.xml`]);
    expect(locs(render('/sitemap-products.xml'))).toEqual(catalogue.expectedReachableProductUrls(ORIGIN));
    expect(locs(render('/sitemap-categories.xml'))).toEqual([`${ORIGIN}/`, ...catalogue.categories.map((c) => `${ORIGIN}/category/${c.slug}`)]);
    const gz = catalogue.render('/sitemap-products.xml.gz', undefined, { origin: ORIGIN });
    expect(gz.headers['content-type']).toBe('application/gzip');
    expect(gunzipSync(gz.body as Uint8Array).toString('utf8')).toBe(render('/sitemap-products.xml'));
  });

  it('encodes /legacy in windows-1252, declared only by its meta tag', () => {
    const response = catalogue.render('/legacy');
    expect(response.headers['content-type']).toBe('text/html');
    const bytes = response.body as Uint8Array;
    expect(new TextDecoder('windows-1252').decode(bytes)).toContain(`<p class="legacy-text">${LEGACY_TEXT}</p>`);
    expect(new TextDecoder('windows-1252').decode(bytes)).toContain('<meta charset="windows-1252">');
    expect(bytes).toContain(0x80);
    expect(bytes).toContain(0x96);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(TypeError);
  });

  it('answers /flaky with 500 then 200, /old-home with a 301, and preflights with 204', () => {
    expect(catalogue.render('/flaky').status).toBe(500);
    expect(catalogue.render('/flaky', undefined, { attempt: 1 }).status).toBe(500);
    expect(catalogue.render('/flaky', undefined, { attempt: 2 }).status).toBe(200);
    expect(catalogue.render('/old-home')).toMatchObject({ status: 301, body: '', headers: { location: '/' } });
    const preflight = catalogue.render('/anything', undefined, { method: 'OPTIONS' });
    expect(preflight).toEqual({
      status: 204,
      body: '',
      headers: {
        'access-control-allow-origin': '*', 'access-control-expose-headers': '*', 'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
        'access-control-allow-headers': '*', 'access-control-max-age': '86400',
      },
    });
    for (const path of samplePaths(catalogue).concat(['/missing', '/old-home', '/flaky'])) {
      expect(catalogue.render(path).headers, path).toMatchObject({ 'access-control-allow-origin': '*', 'access-control-expose-headers': '*' });
    }
  });

  it('handles tiny and large catalogues and rejects bad options', () => {
    const empty = createCatalogue({ products: 0, categories: 2 });
    expect(empty.expectedCategoryPageUrls(ORIGIN)).toEqual([`${ORIGIN}/category/kitchen`, `${ORIGIN}/category/garden`]);
    expect(empty.render('/category/kitchen').status).toBe(200);
    expect(createCatalogue({ categories: 30, products: 40 }).categories[25]?.slug).toBe('garden-2');
    const large = createCatalogue({ products: 20_000, categories: 25 });
    expect(large.products).toHaveLength(20_000);
    expect(large.categories.every((c) => c.productIds.length > 0)).toBe(true);
    expect(large.render(productPath(large, 19_999)).status).toBe(200);
    expect(() => createCatalogue({ products: -1 })).toThrow('[skitter] demo catalogue: products must be an integer >= 0, got -1');
    expect(() => createCatalogue({ perPage: 0 })).toThrow(RangeError);
    expect(() => createCatalogue({ categories: 1.5 })).toThrow(RangeError);
  });
});
