/**
 * The benchmark's plain spider for browser runtimes, with the same callback as the Node children
 * (bench/children/catalogue-parse.ts): follow every same-host `<a href>` from `/`, one
 * `{ url, title, name, price }` item per product page with CSS selectors. Runtime-neutral: it
 * imports only skitter's core, so the page, the Web Worker and the MV3 service worker bundles run
 * it unchanged.
 * @module
 */
import { Spider, type Response } from '../../src/index.ts';
import { parseCatalogue } from '../children/catalogue-parse.ts';

/** What one browser crawl reports back to Node. */
export interface BrowserCrawlResult {
  pages: number;
  items: unknown[];
  /** performance.now() around `crawler.crawl()` in the browser, ms (start-up excluded). */
  wallMs: number;
  /** The engine's counters that tell a wrong crawl from a slow one. */
  stats: Record<string, unknown>;
}

/** The options a browser crawl gets from Node. */
export interface BrowserCrawlOptions {
  origin: string;
  concurrency: number;
}

/** A spider class bound to one origin; `counter.pages` counts callback invocations (200 responses). */
export function catalogueSpider(origin: string, counter: { pages: number }): typeof Spider {
  const prefix = `${origin}/`;
  return class CatalogueSpider extends Spider {
    override name = 'bench-catalogue';
    override startUrls = [prefix];

    override *parse(response: Response): Generator<unknown> {
      counter.pages++;
      yield* parseCatalogue(response, prefix);
    }
  };
}

/** The settings of the Node child, minus the logging Node prints to stderr. */
export function benchSettings(concurrency: number, items: unknown[]): Record<string, unknown> {
  return {
    LOG_LEVEL: 'WARNING',
    CONCURRENT_REQUESTS: concurrency,
    CONCURRENT_REQUESTS_PER_DOMAIN: concurrency,
    ITEM_PIPELINES: { collect: { use: { processItem(item: unknown) { items.push(item); return item; } }, order: 100 } },
  };
}

/**
 * The bare-fetch limit: fetches `urls` at `concurrency`, reads every body, parses nothing. `cache`
 * is fetch's `cache` mode (default: the browser's HTTP cache, as skitter's fetches use it).
 */
export async function bareFetch(urls: string[], concurrency: number, cache?: RequestCache): Promise<{ pages: number; non200: number; bytes: number; wallMs: number }> {
  let next = 0;
  let pages = 0;
  let non200 = 0;
  let bytes = 0;
  const worker = async (): Promise<void> => {
    while (next < urls.length) {
      const url = urls[next++]!;
      try {
        // redirect 'manual' as the Node row: the 301 counts as one non-200 answer, not a second fetch of /.
        const res = await fetch(url, { redirect: 'manual', ...(cache ? { cache } : {}) });
        // Read first, then add: `bytes += await ...` would add to a stale `bytes` across workers.
        const body = await res.arrayBuffer();
        bytes += body.byteLength;
        if (res.status === 200) pages++;
        else non200++;
      } catch {
        non200++;
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { pages, non200, bytes, wallMs: performance.now() - t0 };
}

/** The stats a result carries. */
export const RESULT_STATS = ['finish_reason', 'scheduler/enqueued', 'dupefilter/filtered', 'downloader/request_count', 'downloader/response_count', 'log_count/ERROR'];
