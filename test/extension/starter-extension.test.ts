/**
 * The starter extension (`examples/extension/`) as its user sees it: built with its own vite
 * config, loaded unpacked into headless Chromium, driven through its popup. Crawls of the demo
 * site on 127.0.0.1 with exact items, downloads checked row by row, stop / pause / reopen
 * mid-crawl, a service worker stopped mid-crawl and resumed on the next wake, pages rendered in
 * background tabs, and the browser's login session.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_PRODUCT_IDS, CLIENT_RENDERED_IDS, DELAYED_RENDER_IDS, DEMO_LOGIN,
} from '../../demo/site/catalogue.ts';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import {
  count, downloadText, launchStarter, openPopup, parseJsonLines, startCrawl, text, waitForStatus, type StarterExtension,
} from './starter-fixture.ts';

/** 60 products in 3 categories, 10 per listing page (so listings paginate). */
const CATALOGUE = { products: 60, categories: 3, perPage: 10 };
/** Per test: a loaded 2-core machine runs Chromium, the demo site and other suites at once. */
const TEST_TIMEOUT_MS = 90_000;

let starter: StarterExtension;
let site: DemoSite;

beforeAll(async () => {
  [starter, site] = await Promise.all([launchStarter(), startDemoSite(CATALOGUE)]);
}, 90_000);

afterAll(async () => {
  await starter?.close();
  await site?.close();
});

interface ShopItem {
  url: string;
  title: string;
  price: number;
  availability: string;
  rating: number;
}

function expectedShopItems(): ShopItem[] {
  return site.catalogue.products.map((p) => ({
    url: `${site.url}/product/${p.slug}`, title: p.title, price: p.price, availability: p.availability, rating: p.rating,
  }));
}

/** home + every category listing page + every product page. */
function expectedShopPages(): number {
  return 1 + site.catalogue.categories.reduce((sum, category) => sum + category.pageCount, 0) + site.catalogue.products.length;
}

/** A counter once it stopped changing for 1.5 s. */
async function settledCount(page: Page, testId: string): Promise<number> {
  let previous = -1;
  for (;;) {
    const current = await count(page, testId);
    if (current === previous) return current;
    previous = current;
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
}

/**
 * What Chrome does to an idle or overrunning worker: stops it (losing its globals, the crawl);
 * resolves once it stopped, or with `untilRunningAgain` once something woke it again.
 */
async function stopServiceWorker(untilRunningAgain = false): Promise<void> {
  const page = await starter.context.newPage();
  const cdp = await starter.context.newCDPSession(page);
  const reached = (status: string): Promise<void> => new Promise((resolve) => {
    const onUpdate = ({ versions }: { versions: { scriptURL: string; runningStatus: string }[] }): void => {
      if (!versions.some((v) => v.scriptURL.includes(starter.extensionId) && v.runningStatus === status)) return;
      cdp.off('ServiceWorker.workerVersionUpdated', onUpdate);
      resolve();
    };
    cdp.on('ServiceWorker.workerVersionUpdated', onUpdate);
  });
  const stopped = reached('stopped');
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  // The only page open is this blank one: nothing but the service's alarm can wake the worker.
  if (untilRunningAgain) await reached('running');
  await cdp.detach();
  await page.close();
}

/** Whether the service's wake alarm (`skitter-crawl-wake`) is armed, read in an extension page. */
async function wakeAlarm(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { alarms: { get(name: string): Promise<unknown> } } };
    return (await chrome.alarms.get('skitter-crawl-wake')) !== undefined;
  });
}

/** Init script for the popup: every text its status badge shows, in order, into `statusesSeen`. */
function recordStatuses(): void {
  const seen: string[] = [];
  (globalThis as unknown as { statusesSeen: string[] }).statusesSeen = seen;
  document.addEventListener('DOMContentLoaded', () => {
    const badge = document.querySelector('[data-testid="status"]')!;
    const note = (): void => {
      const status = (badge.textContent ?? '').trim();
      if (seen.at(-1) !== status) seen.push(status);
    };
    note();
    new MutationObserver(note).observe(badge, { childList: true, characterData: true, subtree: true });
  });
}

const byUrl = (a: { url: string }, b: { url: string }): number => a.url.localeCompare(b.url);

/** The popup's JSON Lines download as items, checked against the catalogue: no duplicates, all known. */
async function downloadedShopItems(page: Page): Promise<ShopItem[]> {
  const { fileName, text: body } = await downloadText(page, 'download-jsonl');
  expect(fileName).toMatch(/^demo-shop-.+\.jsonl$/);
  const items = parseJsonLines(body) as ShopItem[];
  const expected = new Map(expectedShopItems().map((item) => [item.url, item]));
  for (const item of items) expect(item).toEqual(expected.get(item.url));
  expect(new Set(items.map((item) => item.url)).size).toBe(items.length);
  return items;
}

describe('the starter extension popup', { timeout: TEST_TIMEOUT_MS }, () => {
  it('crawls the demo shop to the exact item count, then downloads every item as JSON Lines, CSV and JSON', async () => {
    const popup = await openPopup(starter);
    expect(await text(popup, 'status')).toBe('idle');
    await startCrawl(popup, 'demo-shop', `${site.url}/`);
    await waitForStatus(popup, 'finished');
    expect(await count(popup, 'stats-items')).toBe(site.catalogue.products.length);
    expect(await count(popup, 'stats-pages')).toBe(expectedShopPages());
    expect(await count(popup, 'stats-errors')).toBe(0);
    expect(await popup.getByTestId('items-preview').locator('li').count()).toBe(5);

    const expected = expectedShopItems().sort(byUrl);
    expect((await downloadedShopItems(popup)).sort(byUrl)).toEqual(expected);

    const csv = await downloadText(popup, 'download-csv');
    expect(csv.fileName).toMatch(/\.csv$/);
    const rows = parseCsv(csv.text, { columns: true }) as ({ url: string } & Record<string, string>)[];
    expect(Object.keys(rows[0]!)).toEqual(['url', 'title', 'price', 'availability', 'rating']);
    expect(rows.sort(byUrl)).toEqual(expected.map((item) => ({
      url: item.url, title: item.title, price: String(item.price), availability: item.availability, rating: String(item.rating),
    })));

    const json = await downloadText(popup, 'download-json');
    expect((JSON.parse(json.text) as ShopItem[]).sort(byUrl)).toEqual(expected);
    await popup.close();
  });

  it('stops mid-crawl: finished (shutdown), and the feed holds exactly the items counted', async () => {
    const popup = await openPopup(starter);
    await startCrawl(popup, 'demo-shop', `${site.url}/`, 'delay=0.15');
    await expect.poll(() => count(popup, 'stats-items'), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    await popup.getByTestId('stop').click();
    await waitForStatus(popup, 'finished');
    expect(await text(popup, 'run-title')).toContain('(shutdown)');
    const counted = await count(popup, 'stats-items');
    expect(counted).toBeGreaterThanOrEqual(3);
    expect(counted).toBeLessThan(site.catalogue.products.length);
    expect(await downloadedShopItems(popup)).toHaveLength(counted);
    await popup.close();
  });

  it('pauses (the job saved: it outlives the service worker) and resumes; closing and reopening the popup mid-crawl shows the same crawl', async () => {
    let popup = await openPopup(starter);
    const runId = await startCrawl(popup, 'demo-shop', `${site.url}/`, 'delay=0.1');
    await expect.poll(() => count(popup, 'stats-items'), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    await popup.getByTestId('pause').click();
    await waitForStatus(popup, 'paused');
    // As in Scrapy, requests already handed to the downloader still finish; then nothing moves.
    const pausedPages = await settledCount(popup, 'stats-pages');
    const pausedItems = await count(popup, 'stats-items');
    expect(pausedItems).toBeLessThan(site.catalogue.products.length);
    await popup.close();
    // A paused run is a saved job, not a crawl in memory: it stays paused in the next worker.
    await stopServiceWorker();

    popup = await openPopup(starter);
    await waitForStatus(popup, 'paused');
    expect(await count(popup, 'stats-items')).toBe(pausedItems);
    expect(await count(popup, 'stats-pages')).toBe(pausedPages);
    expect(await popup.getByTestId('runs').locator('tr').first().getAttribute('data-run-id')).toBe(runId);
    await popup.getByTestId('resume').click();
    await waitForStatus(popup, 'running');
    await expect.poll(() => count(popup, 'stats-items'), { timeout: 10_000 }).toBeGreaterThan(pausedItems);
    await popup.close();

    popup = await openPopup(starter);
    expect(await text(popup, 'status')).toMatch(/^(running|finished)$/);
    await waitForStatus(popup, 'finished');
    expect(await count(popup, 'stats-items')).toBe(site.catalogue.products.length);
    expect((await downloadedShopItems(popup)).sort(byUrl)).toEqual(expectedShopItems().sort(byUrl));
    await popup.close();
  });

  // Up to 30 s of it is the wait for the alarm.
  it('carries on by itself each time Chrome stopped the service worker mid-crawl (three times, once woken by its alarm): still running, then every item exactly once', { timeout: 120_000 }, async () => {
    let popup = await openPopup(starter);
    const runId = await startCrawl(popup, 'demo-shop', `${site.url}/`, 'delay=0.15');
    // While the run crawls, an alarm is armed to wake a stopped worker.
    await expect.poll(() => wakeAlarm(popup), { timeout: 10_000 }).toBe(true);
    const messages = [
      'Chrome stopped the service worker once during this crawl; it carried on from its saved job.',
      'Chrome stopped the service worker 2 times during this crawl; it carried on from its saved job.',
      'Chrome stopped the service worker 3 times during this crawl; it carried on from its saved job.',
    ];
    // The second stop is woken by the service's alarm (within 30 s), with no extension page open.
    for (const [stop, threshold] of [3, 20, 38].entries()) {
      await expect.poll(() => count(popup, 'stats-items'), { timeout: 20_000 }).toBeGreaterThanOrEqual(threshold);
      await popup.close();
      await stopServiceWorker(stop === 1);
      // Opening the popup wakes a new worker (if the alarm has not), which resumes the run's job at once.
      popup = await starter.context.newPage();
      await popup.addInitScript(recordStatuses);
      await popup.goto(`chrome-extension://${starter.extensionId}/popup.html`);
      await expect.poll(() => text(popup, 'message'), { timeout: 15_000 }).toBe(messages[stop]);
      expect(await text(popup, 'status')).toBe('running');
      expect(await count(popup, 'stats-items')).toBeLessThan(site.catalogue.products.length);
    }
    await waitForStatus(popup, 'finished');
    // The badge went straight on: never `interrupted`, never back to idle.
    expect(await popup.evaluate(() => (globalThis as unknown as { statusesSeen: string[] }).statusesSeen)).toEqual(['idle', 'running', 'finished']);
    expect(await text(popup, 'message')).toBe(messages[2]);
    expect(await text(popup, 'run-title')).toContain('(finished)');
    expect(await count(popup, 'stats-items')).toBe(site.catalogue.products.length);
    expect((await downloadedShopItems(popup)).sort(byUrl)).toEqual(expectedShopItems().sort(byUrl));
    const run = await popup.evaluate(async (key) => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } };
      return (await chrome.storage.local.get(key))[key] as { interruptions?: number; stats: Record<string, unknown> };
    }, `skitter:run:${runId}`);
    expect(run.interruptions).toBe(3);
    expect(await wakeAlarm(popup)).toBe(false);
    await popup.close();
  });

  it('lists past runs with their stats, and deletes one', async () => {
    const popup = await openPopup(starter);
    const rows = popup.getByTestId('runs').locator('tr');
    // The popup fills the list from chrome.storage after it opens: wait for it.
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(4);
    const before = await rows.count();
    const last = rows.last();
    expect(await last.locator('td').nth(2).textContent()).toBe('finished');
    expect(await last.locator('td').nth(4).textContent()).toBe(String(site.catalogue.products.length));
    const deletedId = await last.getAttribute('data-run-id');
    await last.getByTestId('run-delete').click();
    await expect.poll(() => rows.count()).toBe(before - 1);
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-run-id')));
    expect(ids).not.toContain(deletedId);
    await popup.close();
  });
});

/** The pages of the context that are not the extension's (tabs the crawl might have left open). */
function siteTabs(): string[] {
  return starter.context.pages().map((page) => page.url()).filter((url) => url.startsWith(site.url));
}

interface ListItem {
  id: number;
  title: string;
  price: number;
  url: string;
  page: string;
  status: number;
  rendered: boolean;
}

function expectedListItems(ids: readonly number[], page: string, rendered: boolean): ListItem[] {
  return ids.map((id) => {
    const product = site.catalogue.products[id - 1]!;
    return { id, title: product.title, price: product.price, url: `${site.url}/product/${product.slug}`, page: `${site.url}${page}`, status: 200, rendered };
  });
}

describe('pages rendered in background tabs', { timeout: TEST_TIMEOUT_MS }, () => {
  it('gives the JavaScript-rendered products only through the rendered-tab handler, and closes its tabs', async () => {
    const popup = await openPopup(starter);
    await startCrawl(popup, 'product-list', `${site.url}/js/products`);
    await waitForStatus(popup, 'finished');
    expect(await count(popup, 'stats-errors')).toBe(0);
    expect(await count(popup, 'stats-items')).toBe(CLIENT_RENDERED_IDS.length + DELAYED_RENDER_IDS.length);
    const { text: body } = await downloadText(popup, 'download-jsonl');
    const byId = (a: ListItem, b: ListItem): number => a.id - b.id;
    expect((parseJsonLines(body) as ListItem[]).sort(byId)).toEqual([
      ...expectedListItems(CLIENT_RENDERED_IDS, '/js/products', true),
      ...expectedListItems(DELAYED_RENDER_IDS, '/js/delayed', true),
    ]);
    expect(siteTabs()).toEqual([]);

    // Waiting for the network to go quiet instead of a selector: the list's own fetch is awaited.
    await startCrawl(popup, 'product-list', `${site.url}/js/products`, 'wait_for=\nnetwork_quiet=yes');
    await waitForStatus(popup, 'finished');
    expect(await count(popup, 'stats-errors')).toBe(0);
    const quiet = parseJsonLines((await downloadText(popup, 'download-jsonl')).text) as ListItem[];
    expect(quiet.filter((item) => item.page === `${site.url}/js/products`).sort(byId)).toEqual(expectedListItems(CLIENT_RENDERED_IDS, '/js/products', true));
    expect(siteTabs()).toEqual([]);

    await startCrawl(popup, 'product-list', `${site.url}/js/products`, 'render=no');
    await waitForStatus(popup, 'finished');
    expect(await count(popup, 'stats-pages')).toBe(2);
    expect(await count(popup, 'stats-items')).toBe(0);
    expect(siteTabs()).toEqual([]);
    await popup.close();
  });

  it('mixes rendered listings and fetched product pages in one crawl, never more than RENDER_MAX_TABS (2) tabs at once', async () => {
    const popup = await openPopup(starter);
    let open = 0;
    let most = 0;
    const rendered: string[] = [];
    // Every page opened during the crawl is a rendering tab (the test opens none); its URL is
    // read when it closes (a new tab may still show about:blank when it is announced).
    const onPage = (page: Page): void => {
      most = Math.max(most, ++open);
      page.once('close', () => {
        open--;
        rendered.push(page.url());
      });
    };
    starter.context.on('page', onPage);
    try {
      await startCrawl(popup, 'demo-shop', `${site.url}/`, 'render=yes');
      await waitForStatus(popup, 'finished');
    } finally {
      starter.context.off('page', onPage);
    }
    expect(await count(popup, 'stats-items')).toBe(site.catalogue.products.length);
    expect(await count(popup, 'stats-pages')).toBe(expectedShopPages());
    const listings = site.catalogue.expectedCategoryPageUrls(site.url).sort();
    await expect.poll(() => rendered.length).toBe(listings.length);
    expect(rendered.sort()).toEqual(listings);
    expect(most).toBe(2);
    expect(siteTabs()).toEqual([]);
    await popup.close();
  });
});

describe("the browser's session", { timeout: TEST_TIMEOUT_MS }, () => {
  it('crawls the products behind the login only once the user logged in in a tab', async () => {
    const popup = await openPopup(starter);
    await startCrawl(popup, 'product-list', `${site.url}/account`, 'render=no');
    await waitForStatus(popup, 'finished');
    expect(await count(popup, 'stats-items')).toBe(0);

    const tab = await starter.context.newPage();
    await tab.goto(`${site.url}/login`);
    await tab.locator('input[name=username]').fill(DEMO_LOGIN.username);
    await tab.locator('input[name=password]').fill(DEMO_LOGIN.password);
    await Promise.all([tab.waitForURL(`${site.url}/account`), tab.locator('button[type=submit]').click()]);
    await tab.close();

    await startCrawl(popup, 'product-list', `${site.url}/account`, 'render=no');
    await waitForStatus(popup, 'finished');
    expect(await count(popup, 'stats-items')).toBe(ACCOUNT_PRODUCT_IDS.length);
    const { text: body } = await downloadText(popup, 'download-jsonl');
    expect(parseJsonLines(body)).toEqual(expectedListItems(ACCOUNT_PRODUCT_IDS, '/account', false));
    await popup.close();
  });
});
