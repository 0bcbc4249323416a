/**
 * The demo catalogue's data: options, products and categories, generated from a seed. Products are
 * small records generated up front (20,000 take a few milliseconds); the heavy page text is
 * generated per request by the renderers from each product's own seeded stream.
 * @module
 */
import { createRandom, mixSeed } from './random.ts';
import { ADJECTIVES, CATEGORY_NAMES, COLOURS, FEATURES, MATERIALS, NOUNS, PURPOSES } from './words.ts';

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
export const DEFAULT_CATALOGUE_OPTIONS: ResolvedCatalogueOptions = Object.freeze({
  products: 1000,
  categories: 10,
  perPage: 20,
  pageBytes: 6000,
  seed: 1,
});

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
export function slugify(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function checkInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`[skitter] demo catalogue: ${name} must be an integer >= ${min}, got ${value}`);
  }
}

/**
 * Applies defaults and validates options.
 * @throws {RangeError} when a count is not an integer in range (products >= 0, categories >= 1,
 * perPage >= 1, pageBytes >= 0).
 */
export function resolveCatalogueOptions(options: CatalogueOptions = {}): ResolvedCatalogueOptions {
  const resolved: ResolvedCatalogueOptions = { ...DEFAULT_CATALOGUE_OPTIONS };
  for (const key of Object.keys(resolved) as (keyof ResolvedCatalogueOptions)[]) {
    const value = options[key];
    if (value !== undefined) resolved[key] = value;
  }
  checkInteger('products', resolved.products, 0);
  checkInteger('categories', resolved.categories, 1);
  checkInteger('perPage', resolved.perPage, 1);
  checkInteger('pageBytes', resolved.pageBytes, 0);
  if (!Number.isFinite(resolved.seed)) throw new RangeError(`[skitter] demo catalogue: seed must be a finite number, got ${resolved.seed}`);
  return resolved;
}

function categoryName(index: number): string {
  const base = CATEGORY_NAMES[index % CATEGORY_NAMES.length] as string;
  const round = Math.floor(index / CATEGORY_NAMES.length);
  return round === 0 ? base : `${base} ${round + 1}`;
}

/** Picks each product's category: the first few round-robin (no empty category), then weighted. */
function assignCategories(seed: number, productCount: number, categoryCount: number): number[] {
  const random = createRandom(mixSeed(seed, 0x0ca7));
  const cumulative: number[] = [];
  let total = 0;
  for (let c = 0; c < categoryCount; c++) cumulative.push((total += 0.4 + random.next() * 1.2));
  const assigned: number[] = [];
  for (let i = 0; i < productCount; i++) {
    if (i < categoryCount) {
      assigned.push(i);
      continue;
    }
    const target = random.next() * total;
    let low = 0;
    let high = categoryCount - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] as number) > target) high = mid;
      else low = mid + 1;
    }
    assigned.push(low);
  }
  return assigned;
}

/**
 * Generates the catalogue's products and categories.
 * @throws {RangeError} on invalid options (see {@link resolveCatalogueOptions}).
 */
export function generateCatalogueData(options: CatalogueOptions = {}): CatalogueData {
  const resolved = resolveCatalogueOptions(options);
  const { seed, perPage } = resolved;
  const names = Array.from({ length: resolved.categories }, (_, i) => categoryName(i));
  const slugs = names.map(slugify);
  const members: number[][] = names.map(() => []);
  const assigned = assignCategories(seed, resolved.products, resolved.categories);
  const products: Product[] = [];
  for (let i = 0; i < resolved.products; i++) {
    const id = i + 1;
    const random = createRandom(mixSeed(seed, id, 1));
    const title = `${random.pick(ADJECTIVES)} ${random.pick(MATERIALS)} ${random.pick(NOUNS)}`;
    const category = assigned[i] as number;
    const colour = random.pick(COLOURS).toLowerCase();
    products.push(Object.freeze({
      id,
      slug: `${slugify(title)}-${id}`,
      title,
      price: random.int(199, 49_999) / 100,
      availability: random.chance(0.8) ? 'In stock' : 'Out of stock',
      rating: random.int(1, 5),
      description: `${title} in ${colour}, ${random.pick(PURPOSES)}. It features ${random.pick(FEATURES)}.`,
      category: slugs[category] as string,
      categoryName: names[category] as string,
    }));
    (members[category] as number[]).push(id);
  }
  const categories = names.map((name, c) => Object.freeze({
    slug: slugs[c] as string,
    name,
    productIds: Object.freeze(members[c] as number[]),
    pageCount: Math.max(1, Math.ceil((members[c] as number[]).length / perPage)),
  }));
  return { options: Object.freeze(resolved), products: Object.freeze(products), categories: Object.freeze(categories) };
}
