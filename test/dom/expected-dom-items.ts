import { createCatalogue, formatPrice, type CatalogueOptions } from '../../demo/site/catalogue.ts';

/**
 * What {@link DomProductsSpider} must scrape from a demo site: the first `count` products of the
 * first category linked from the home page (the categories' order), sorted by id; `native` says
 * whether the browser's own DOMParser made the documents.
 */
export function expectedDomItems(options: CatalogueOptions, count: number, native: boolean): unknown[] {
  const catalogue = createCatalogue(options);
  const first = catalogue.categories[0]!;
  return first.productIds.slice(0, Math.min(count, catalogue.options.perPage)).map((id) => {
    const p = catalogue.products[id - 1]!;
    return { id: p.id, title: p.title, price: formatPrice(p.price), rating: p.rating, sameDom: true, native };
  });
}
