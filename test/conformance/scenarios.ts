/**
 * The conformance scenarios: the same spiders with the same exact expected items and stats, run in
 * every runtime (Node, a Chromium page, a dedicated Web Worker, `runInWorker`, the MV3 service
 * worker). Runtime-neutral: expectations come from the demo catalogue's data, never from a server.
 * @module
 */
import type { SettingsInput, SpiderClass } from 'skitter';
import { type Catalogue, type Category, createCatalogue, formatPrice } from '../../demo/site/catalogue.ts';
import {
  AsyncStartSpider, CallbackShapesSpider, DepthSpider, DupeSpider, FlakySpider, InlineRequestsSpider, PipelineSpider,
  TaggedSpider, type ListingItem, type ProductItem,
} from './spiders.ts';
import { CONFORMANCE_CATALOGUE } from './catalogue-options.ts';

export { CONFORMANCE_CATALOGUE };

/** What a scenario must produce, exactly. */
export interface ScenarioExpectation {
  /** Every item, sorted with {@link sortItems}. */
  items: unknown[];
  /** Exact values of these stats keys (a key missing from the crawl's stats reads as undefined). */
  stats: Record<string, unknown>;
}

/** One conformance scenario. */
export interface Scenario {
  name: string;
  /** The spider, importable by name from `./spiders.ts` (runInWorker and the MV3 example load it so). */
  spider: SpiderClass;
  /** Its export name in `./spiders.ts`. */
  exportName: string;
  /** Project settings (structured-cloneable: they may cross a thread boundary). */
  settings: SettingsInput;
  /** Spider arguments for the demo site at `origin`. */
  args(origin: string): Record<string, unknown>;
  /** The expected result, from the catalogue's data. */
  expected(catalogue: Catalogue): ScenarioExpectation;
}

/** Settings every scenario runs with. */
export const BASE_SETTINGS: SettingsInput = { LOG_LEVEL: 'WARNING', CONCURRENT_REQUESTS: 8 };

const originArgs = (origin: string): Record<string, unknown> => ({ origin });

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v));
}

/** Sorts items by their canonical JSON (keys sorted), the order every comparison uses. */
export function sortItems(items: readonly unknown[]): unknown[] {
  return items.map((item) => [canonicalJson(item), item] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, item]) => item);
}

function listingPath(category: Category, page: number): string {
  return `/category/${category.slug}${page > 1 ? `?page=${page}` : ''}`;
}

function listing(catalogue: Catalogue, category: Category, page: number): ListingItem {
  const perPage = catalogue.options.perPage;
  return {
    kind: 'listing',
    path: listingPath(category, page),
    page: `Page ${page} of ${category.pageCount}`,
    products: category.productIds.slice((page - 1) * perPage, page * perPage).length,
  };
}

function allListings(catalogue: Catalogue): ListingItem[] {
  return catalogue.categories.flatMap((category) =>
    Array.from({ length: category.pageCount }, (_, i) => listing(catalogue, category, i + 1)));
}

function firstListings(catalogue: Catalogue): ListingItem[] {
  return catalogue.categories.map((category) => listing(catalogue, category, 1));
}

function product(catalogue: Catalogue, id: number, via: string): ProductItem {
  const p = catalogue.products[id - 1]!;
  return { kind: 'product', id, title: p.title, price: formatPrice(p.price), path: `/product/${p.slug}`, via };
}

function expectation(items: unknown[], stats: Record<string, unknown>): ScenarioExpectation {
  return { items: sortItems(items), stats: { finish_reason: 'finished', item_scraped_count: items.length, ...stats } };
}

const PRODUCT_VIA = ['plain', 'async', 'async-generator'];

/** Every scenario, in the order the suites run them. */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'callbacks of every shape',
    spider: CallbackShapesSpider,
    exportName: 'CallbackShapesSpider',
    settings: BASE_SETTINGS,
    args: originArgs,
    expected: (catalogue) => {
      const listings = allListings(catalogue);
      const products = catalogue.products.map((p) => product(catalogue, p.id, PRODUCT_VIA[p.id % 3]!));
      return expectation([...listings, ...products], { response_received_count: 1 + listings.length + products.length });
    },
  },
  {
    name: 'async start() yielding items and requests',
    spider: AsyncStartSpider,
    exportName: 'AsyncStartSpider',
    settings: BASE_SETTINGS,
    args: originArgs,
    expected: (catalogue) => expectation([
      { kind: 'start', step: 1 },
      { kind: 'start', step: 2 },
      listing(catalogue, catalogue.category('books')!, 1),
      listing(catalogue, catalogue.category('tools')!, 2),
    ], { response_received_count: 2 }),
  },
  {
    name: 'universal spider middleware tagging items',
    spider: TaggedSpider,
    exportName: 'TaggedSpider',
    settings: BASE_SETTINGS,
    args: originArgs,
    expected: (catalogue) => {
      const listings = allListings(catalogue).map((item) => ({ ...item, middleware: 'async' }));
      const home = { kind: 'home', categories: catalogue.categories.length, middleware: 'sync' };
      return expectation([home, ...listings], { response_received_count: 1 + listings.length });
    },
  },
  {
    name: 'async item pipeline awaiting a timer',
    spider: PipelineSpider,
    exportName: 'PipelineSpider',
    settings: BASE_SETTINGS,
    args: originArgs,
    expected: (catalogue) => {
      const items = firstListings(catalogue).map((item) => ({ ...item, stamped: true }));
      return expectation(items, { response_received_count: 1 + items.length });
    },
  },
  {
    name: 'inline requests with engine.download and Promise.all',
    spider: InlineRequestsSpider,
    exportName: 'InlineRequestsSpider',
    settings: BASE_SETTINGS,
    args: originArgs,
    expected: (catalogue) => expectation([{
      kind: 'inline',
      home: 'Skitter Demo Store',
      about: 'About us',
      listings: catalogue.categories.slice(0, 2).map((category) => listing(catalogue, category, 1)),
    }], { response_received_count: 4, 'scheduler/enqueued': 1 }),
  },
  {
    name: 'retry of a 500 (/flaky)',
    spider: FlakySpider,
    exportName: 'FlakySpider',
    settings: BASE_SETTINGS,
    args: originArgs,
    expected: () => expectation([{ kind: 'deals', status: 200, title: 'Today\'s deals', path: '/flaky' }], {
      response_received_count: 1,
      'retry/count': 1,
      'retry/reason_count/500 Internal Server Error': 1,
    }),
  },
  {
    name: 'duplicate requests filtered, dontFilter ones fetched',
    spider: DupeSpider,
    exportName: 'DupeSpider',
    settings: BASE_SETTINGS,
    args: originArgs,
    expected: (catalogue) => {
      const about = { kind: 'about', title: 'About us' };
      const items = [...firstListings(catalogue), about, about];
      return expectation(items, { response_received_count: 1 + items.length, 'dupefilter/filtered': catalogue.categories.length });
    },
  },
  {
    name: 'DEPTH_LIMIT 1',
    spider: DepthSpider,
    exportName: 'DepthSpider',
    settings: BASE_SETTINGS,
    args: originArgs,
    expected: (catalogue) => {
      const items = firstListings(catalogue);
      return expectation(items, { response_received_count: 1 + items.length, request_depth_max: 1 });
    },
  },
];

/** The catalogue the conformance demo sites serve. */
export function conformanceCatalogue(): Catalogue {
  return createCatalogue(CONFORMANCE_CATALOGUE);
}

/** The scenario named `name`. @throws {Error} for an unknown name. */
export function scenarioNamed(name: string): Scenario {
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (!scenario) throw new Error(`unknown conformance scenario ${JSON.stringify(name)}`);
  return scenario;
}
