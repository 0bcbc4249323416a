/**
 * The demo site every runtime crawls: small (60 products) with 4 products per listing page, so
 * categories have 1 to 3 pages. Each runtime gets a fresh site (its `/flaky` fails exactly once).
 * Kept free of imports: the Node-side global setup and the Playwright tests read it too.
 */
export const CONFORMANCE_CATALOGUE = { products: 60, perPage: 4 } as const;
