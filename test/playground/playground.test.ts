/**
 * The in-page playground (issue 11), built with its own vite config, served by the real
 * `skitter playground --port 0`, and driven in headless Chromium: runs with exact counts, Stop,
 * downloads, the examples menu, errors, the selector tester and responsiveness while crawling.
 * Screenshots of each state go to test-results/playground/ (git-ignored).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogue, formatPrice } from '../../demo/site/catalogue.ts';
import { CHROMIUM_ARGS, requireChromium } from '../browser/chromium.ts';
import { parseJsonLines, startCli, type CliProcess } from '../cli/run-cli.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = `${root}test-results/playground/`;
/** The examples run on a smaller shop (`?products=200`), so the whole file stays quick. */
const SMALL_SHOP = 100;
/**
 * Per crawl test. The full shop takes a few seconds on an idle machine; the bound is for a loaded
 * 2-core CI machine, where everything (page, crawl worker, Service Worker) shares the cores.
 */
const CRAWL_TIMEOUT_MS = 120_000;
/** expect.poll's bound: pages of a loaded machine may take seconds to draw. */
const POLL = { timeout: 30_000 };

let cli: CliProcess;
let origin: string;
let browser: Browser;
let noCors: Server;
let noCorsUrl: string;
const pageErrors: string[] = [];

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}${name}.png` });
}

/** A page of the playground (its own context: its own Service Worker and storage). */
async function openPlayground(query = ''): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${origin}/${query}`);
  await page.getByTestId('run').and(page.locator(':not([disabled])')).waitFor({ timeout: 45_000 });
  return { context, page };
}

/** Clicks Run and waits for the crawl to end. */
async function runToEnd(page: Page): Promise<void> {
  await page.getByTestId('run').click();
  await page.waitForFunction(() => document.body.dataset.crawl === 'ended', null, { timeout: CRAWL_TIMEOUT_MS });
}

async function finalStats(page: Page): Promise<Record<string, unknown>> {
  return JSON.parse(await page.getByTestId('stats-dump').textContent() ?? '{}') as Record<string, unknown>;
}

async function downloadJsonLines(page: Page): Promise<Array<Record<string, unknown>>> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-jsonl').click()]);
  expect(download.suggestedFilename()).toBe('items.jsonl');
  return parseJsonLines(await readFile(await download.path(), 'utf8')) as Array<Record<string, unknown>>;
}

/** Replaces the editor's text as a visitor would: select all, then type (inserted in one go). */
async function setCode(page: Page, code: string): Promise<void> {
  await page.locator('[data-testid="editor"] .cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(code);
}

beforeAll(async () => {
  const executablePath = requireChromium();
  await mkdir(ARTIFACTS, { recursive: true });
  // Always built from the sources: a stale folder would test old code (and a clean clone has none).
  await build({ configFile: `${root}demo/playground/vite.config.ts`, logLevel: 'error' });
  cli = startCli(['playground', '--port', '0'], root);
  origin = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const url = /skitter playground: (http:\/\/127\.0\.0\.1:\d+)\//.exec(cli.stdout)?.[1];
      if (url) {
        clearInterval(timer);
        resolve(url);
      }
    }, 20);
    void cli.done.then((result) => reject(new Error(`skitter playground exited: ${result.stderr}`)));
  });
  // A site on another origin that sends no CORS headers.
  noCors = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<h1>no CORS here</h1>'));
  await new Promise<void>((resolve) => noCors.listen(0, '127.0.0.1', resolve));
  noCorsUrl = `http://127.0.0.1:${(noCors.address() as AddressInfo).port}/`;
  browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  expect(pageErrors).toEqual([]);
  cli?.child.kill('SIGTERM');
  const result = await cli?.done;
  expect(result?.code).toBe(0);
  await new Promise((resolve) => noCors?.close(resolve));
});

describe('the default spider on the full demo shop', () => {
  let context: BrowserContext;
  let page: Page;
  const catalogue = createCatalogue();

  beforeAll(async () => {
    ({ context, page } = await openPlayground());
  }, 60_000);
  afterAll(() => context?.close());

  it('scrapes exactly the 1,000 products, answering clicks while crawling; the JSON Lines download parses back', async () => {
    await screenshot(page, '1-ready');
    // Input delay plus the handler, measured from the click's own timestamp to the next frame.
    await page.evaluate(() => {
      const w = window as unknown as { clickLatencies: number[]; longTasks: number[] };
      w.clickLatencies = [];
      w.longTasks = [];
      new PerformanceObserver((list) => w.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
      document.addEventListener('click', (event) => {
        requestAnimationFrame(() => w.clickLatencies.push(performance.now() - event.timeStamp));
      }, true);
    });
    await page.getByTestId('run').click();
    await page.getByTestId('stats-items').filter({ hasNotText: /^0$/ }).waitFor();
    const tabs = ['log', 'requests', 'items', 'log', 'items'];
    for (const tab of tabs) {
      await page.getByTestId(`tab-${tab}`).click();
      await page.waitForTimeout(150);
    }
    await screenshot(page, '2-crawling');
    await page.waitForFunction(() => document.body.dataset.crawl === 'ended', null, { timeout: CRAWL_TIMEOUT_MS });
    const { clickLatencies, longTasks } = await page.evaluate(() => {
      const w = window as unknown as { clickLatencies: number[]; longTasks: number[] };
      return { clickLatencies: w.clickLatencies, longTasks: w.longTasks };
    });
    console.log(`playground: click-to-frame latencies while crawling ${clickLatencies.map((ms) => ms.toFixed(0)).join(', ')} ms; main-thread tasks over 50 ms: ${longTasks.length} (longest ${Math.max(0, ...longTasks).toFixed(0)} ms)`);
    expect(clickLatencies).toHaveLength(tabs.length + 1);
    // A page whose main thread the crawl kept busy would answer no click in time. On a loaded CI
    // machine the OS deschedules the page now and then, so one click answered within 100 ms shows
    // the crawl leaves the thread free, and the median must stay usable.
    const sorted = [...clickLatencies].sort((a, b) => a - b);
    expect(sorted[0]).toBeLessThan(100);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(500);

    await expect.poll(() => page.getByTestId('stats-items').textContent(), POLL).toBe('1000');
    expect(await page.getByTestId('items-table').getAttribute('data-rows')).toBe('1000');
    // Virtualised: only the rows in view are in the page, and scrolling to the end shows the last one.
    const rendered = page.locator('[data-testid="items-table"] .table-body .table-row');
    expect(await rendered.count()).toBeLessThan(100);
    await page.locator('[data-testid="items-table"] .table-body').evaluate((body) => body.scrollTo(0, body.scrollHeight));
    await expect.poll(() => rendered.last().getAttribute('data-index'), POLL).toBe('999');
    const stats = await finalStats(page);
    expect(stats).toMatchObject({ finish_reason: 'finished', item_scraped_count: 1000 });
    expect(stats['log_count/ERROR']).toBeUndefined();
    expect(await page.getByTestId('stats-pages').textContent()).toBe(String(stats.response_received_count));
    expect(await page.getByTestId('requests-table').getAttribute('data-rows')).toBe(String(stats.downloader_request_count ?? stats['downloader/request_count']));
    await screenshot(page, '3-finished');

    const items = await downloadJsonLines(page);
    const byUrl = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.url).localeCompare(String(b.url));
    expect(items.sort(byUrl)).toEqual(catalogue.products.map((p) => ({
      url: `${origin}/product/${p.slug}`, title: p.title, price: p.price, availability: p.availability, rating: p.rating,
    })).sort(byUrl));
  }, CRAWL_TIMEOUT_MS);

  it('shows a request with its headers and body in the inspector', async () => {
    await page.getByTestId('tab-requests').click();
    await page.locator('[data-testid="requests-table"] .table-body .table-row').first().click();
    const inspector = page.getByTestId('request-inspector');
    await expect.poll(() => inspector.textContent(), POLL).toContain(`GET ${origin}/ -> 200`);
    expect(await inspector.textContent()).toContain('content-type: text/html; charset=utf-8');
    // The body, rendered in the sandboxed frame.
    expect(await page.frameLocator('[data-testid="request-inspector"] iframe.rendered').locator('h1').textContent()).toBe('Skitter Demo Store');
    await screenshot(page, '4-request-inspector');
  });

  it('Stop mid-crawl keeps a partial, consistent result', async () => {
    await page.getByTestId('tab-items').click();
    await page.getByTestId('run').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="stats-items"]')?.textContent) >= 100, null, { timeout: 60_000 });
    await page.getByTestId('stop').click();
    await page.waitForFunction(() => document.body.dataset.crawl === 'ended', null, { timeout: CRAWL_TIMEOUT_MS });
    await screenshot(page, '5-stopped');
    const stats = await finalStats(page);
    expect(stats.finish_reason).toBe('shutdown');
    const count = Number(await page.getByTestId('stats-items').textContent());
    expect(count).toBeGreaterThanOrEqual(100);
    expect(count).toBeLessThan(1000);
    expect(stats.item_scraped_count).toBe(count);
    expect(await page.getByTestId('items-table').getAttribute('data-rows')).toBe(String(count));
    const items = await downloadJsonLines(page);
    expect(items).toHaveLength(count);
    const known = new Set(catalogue.products.map((p) => `${origin}/product/${p.slug}`));
    expect(new Set(items.map((item) => item.url)).size).toBe(count);
    for (const item of items) expect(known.has(String(item.url))).toBe(true);
  }, CRAWL_TIMEOUT_MS);
});

describe(`the examples menu, errors and the selector tester (shop of ${SMALL_SHOP} products)`, () => {
  let context: BrowserContext;
  let page: Page;
  const catalogue = createCatalogue({ products: SMALL_SHOP });

  beforeAll(async () => {
    ({ context, page } = await openPlayground(`?products=${SMALL_SHOP}`));
  }, 60_000);
  afterAll(() => context?.close());

  const inStock = catalogue.products.filter((p) => p.availability === 'In stock').length;
  const EXPECTED = [
    ['demo-spider', 'DemoSpider', SMALL_SHOP],
    ['crawl-spider', 'ShopCrawlSpider', SMALL_SHOP],
    ['sitemap-spider', 'ShopSitemapSpider', inStock],
  ] as const;

  for (const [id, className, count] of EXPECTED) {
    it(`runs examples/${id}.ts: ${count} items`, async () => {
      await page.getByTestId('examples').selectOption(id);
      await expect.poll(() => page.locator('[data-testid="editor"] .cm-content').textContent(), POLL).toContain(`class ${className}`);
      await runToEnd(page);
      await screenshot(page, `6-example-${id}`);
      expect(await page.getByTestId('stats-items').textContent()).toBe(String(count));
      expect(await page.getByTestId('items-table').getAttribute('data-rows')).toBe(String(count));
      expect(await finalStats(page)).toMatchObject({ finish_reason: 'finished', item_scraped_count: count });
    }, CRAWL_TIMEOUT_MS);
  }

  it('a syntax error is shown at its line, and Run does not crawl', async () => {
    const source = await readFile(`${root}examples/sitemap-spider.ts`, 'utf8');
    const lastLine = source.split('\n').length;
    await page.locator('[data-testid="editor"] .cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('let broken = ;');
    const error = page.getByTestId('error');
    // The linter may run mid-typing (an error at "let broken"): wait for the one of the whole line.
    await expect.poll(() => error.textContent(), POLL).toMatch(new RegExp(`^Syntax error at line ${lastLine}, column 14: Unexpected token$`));
    expect(await error.isVisible()).toBe(true);
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.body.dataset.crawl === 'ended');
    expect(await page.getByTestId('stats-items').textContent()).toBe('0');
    expect(await page.locator('.cm-lintRange-error').count()).toBe(1);
    await screenshot(page, '7-syntax-error');
  });

  it("a callback's exception is logged with the spider's own line; a site without CORS is explained", async () => {
    await setCode(page, [
      "import { Request, Spider } from 'skitter';",
      '',
      'export default class Broken extends Spider {',
      "  override name = 'broken';",
      `  override startUrls = ['${origin}/', '${noCorsUrl}'];`,
      '  override parse() {',
      "    throw new Error('no parse today');",
      '  }',
      '}',
      '',
    ].join('\n'));
    await runToEnd(page);
    await page.getByTestId('tab-log').click();
    await page.getByTestId('log-level').selectOption('WARNING');
    const log = page.getByTestId('log');
    await expect.poll(() => log.textContent(), POLL).toContain('spider.ts line 7');
    const text = await log.textContent();
    expect(text).toContain('Error: no parse today');
    expect(text).toContain(`CORS: Could not read ${noCorsUrl.slice(0, -1)} from this page.`);
    await log.getByText('spider.ts line 7').click();
    await screenshot(page, '8-callback-error');
  }, CRAWL_TIMEOUT_MS);

  it('keeps the spider in the page storage across reloads, and a Share link opens it elsewhere', async () => {
    const editorText = (p: Page) => p.locator('[data-testid="editor"] .cm-content').textContent();
    await page.reload();
    await expect.poll(() => editorText(page), POLL).toContain("throw new Error('no parse today');");
    await page.getByTestId('share').click();
    await expect.poll(() => page.url(), POLL).toMatch(/#code=[\w-]+$/);
    // Another browser profile: no storage, only the link.
    const other = await browser.newContext();
    try {
      const visitor = await other.newPage();
      await visitor.goto(page.url());
      await expect.poll(() => editorText(visitor), POLL).toContain("throw new Error('no parse today');");
    } finally {
      await other.close();
    }
  });

  it('the selector tester gives CSS and XPath matches on a product page, ::text and re() included', async () => {
    const product = catalogue.products[0]!;
    await page.getByTestId('tab-selectors').click();
    await page.getByTestId('selector-url').fill(`${origin}/product/${product.slug}`);
    await page.getByTestId('selector-load').click();
    await expect.poll(() => page.getByTestId('selector-status').textContent(), POLL).toContain(`${origin}/product/${product.slug}`);

    const results = page.getByTestId('selector-results');
    const matches = async (): Promise<string[]> => results.locator('code.match').allTextContents();
    await page.getByTestId('selector-input').fill('table.specs th::text');
    await expect.poll(matches, POLL).toEqual(['SKU', 'Material', 'Colour', 'Weight', 'Dimensions', 'Warranty']);
    expect(await page.getByTestId('selector-source').getAttribute('data-highlights')).toBe('6');

    await page.getByTestId('selector-type').selectOption('XPath');
    await page.getByTestId('selector-input').fill('//article[@class="product"]/p[@class="price"]/text()');
    await page.getByTestId('selector-re').fill('[\\d.]+');
    await expect.poll(matches, POLL).toEqual([formatPrice(product.price)]);
    await expect.poll(() => results.textContent(), POLL).toContain(`.re("[\\\\d.]+"): ${JSON.stringify([product.price.toFixed(2)])}`);
    await screenshot(page, '9-selector-tester');
  });
});
