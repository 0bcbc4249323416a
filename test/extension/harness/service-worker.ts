/**
 * The MV3 test harness: an extension service worker running skitter spiders: a crawl starts when `crawlRequest` is
 * written to `chrome.storage.local` (or on a `{ type: 'crawl', ... }` runtime message from a popup
 * or content script); its items go to IndexedDB through the `idb:` feed storage and its state and
 * final stats to `chrome.storage.local.crawlStatus`.
 *
 * The spiders are the conformance suite's, unchanged: the test that loads this extension checks
 * that the items equal those of the same spiders in Node, a page and a Web Worker.
 * @module
 */
import { Crawler, Mv3LoopAdapter, Spider, type SettingsInput, type SpiderClass } from 'skitter/mv3';
import * as conformanceSpiders from '../../conformance/spiders.ts';

/** Where the items of the latest crawl are kept (database `skitter-example`, store `feeds`, key `items`). */
const ITEMS_FEED_URI = 'idb://skitter-example/items';

/** What starts a crawl. Plain data: it comes through chrome.storage or a runtime message. */
export interface CrawlRequest {
  /** Identifies this crawl in `crawlStatus`. */
  id: string;
  /** The spider's `name`. */
  spider: string;
  settings?: SettingsInput;
  args?: Record<string, unknown>;
  /**
   * How often (ms) the worker calls an extension API to stay alive while this crawl runs.
   * @default 25_000 (the process-wide MV3 adapter's; Chrome stops a worker idle for 30 s)
   */
  keepAliveIntervalMs?: number;
}

/** What `chrome.storage.local.crawlStatus` holds. */
export interface CrawlStatus {
  id: string;
  state: 'running' | 'done' | 'failed';
  /** The loop adapter the crawl ran on (`mv3`). */
  adapter?: string;
  stats?: Record<string, unknown>;
  error?: string;
}

function isSpiderClass(value: unknown): value is SpiderClass {
  return typeof value === 'function' && value.prototype instanceof Spider;
}

const SPIDERS = new Map<string, SpiderClass>();
for (const value of Object.values(conformanceSpiders) as unknown[]) {
  if (isSpiderClass(value)) SPIDERS.set(new value().name, value);
}

async function setStatus(status: CrawlStatus): Promise<void> {
  await chrome.storage.local.set({ crawlStatus: status });
}

/** Runs one crawl to completion; failures are reported in `crawlStatus`, never thrown. */
async function runCrawl(request: CrawlRequest): Promise<CrawlStatus> {
  await setStatus({ id: request.id, state: 'running' });
  let status: CrawlStatus;
  try {
    const spider = SPIDERS.get(request.spider);
    if (!spider) throw new Error(`no spider named ${JSON.stringify(request.spider)}; known: ${[...SPIDERS.keys()].join(', ')}`);
    const crawler = new Crawler(spider, {
      ...request.settings,
      FEEDS: { [ITEMS_FEED_URI]: { format: 'jsonlines', overwrite: true } },
    }, request.keepAliveIntervalMs === undefined ? {} : { adapter: new Mv3LoopAdapter({ keepAliveIntervalMs: request.keepAliveIntervalMs }) });
    await crawler.crawl(request.args ?? {});
    status = { id: request.id, state: 'done', adapter: crawler.adapter.name, stats: JSON.parse(JSON.stringify(crawler.stats.getStats())) };
  } catch (error) {
    status = { id: request.id, state: 'failed', error: String((error as Error)?.stack ?? error) };
  }
  await setStatus(status);
  return status;
}

// One crawl at a time: requests arriving meanwhile wait their turn.
let queue: Promise<unknown> = Promise.resolve();
function enqueue(request: CrawlRequest): Promise<CrawlStatus> {
  const run = queue.then(() => runCrawl(request));
  queue = run;
  return run;
}

chrome.storage.onChanged.addListener((changes, areaName) => {
  const request = changes.crawlRequest?.newValue as CrawlRequest | undefined;
  if (areaName === 'local' && request) void enqueue(request);
});

chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  const request = message as { type?: string } & CrawlRequest;
  if (request.type !== 'crawl') return false;
  void enqueue(request).then(sendResponse);
  return true;
});
