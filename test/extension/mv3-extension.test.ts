/**
 * The MV3 test harness extension (`harness/`), loaded into real headless Chromium: built with vite, started as an
 * unpacked extension, and driven in its service worker. Every conformance scenario runs there and
 * must give the exact expected items and stats, identical to the same spider file in Node.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Worker } from 'playwright';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import { CHROMIUM_ARGS, requireChromium } from '../browser/chromium.ts';
import { defineConformanceSuite, expectedResult } from '../conformance/define-suite.ts';
import { crawlScenario, pickStats, type ScenarioResult } from '../conformance/run-scenario.ts';
import { CONFORMANCE_CATALOGUE, SCENARIOS, scenarioNamed, sortItems, type Scenario } from '../conformance/scenarios.ts';

const extensionConfig = fileURLToPath(new URL('./harness/vite.config.ts', import.meta.url));

let workDir: string;
let context: BrowserContext;
let serviceWorker: Worker;
let mv3Site: DemoSite;
let nodeSite: DemoSite;
const mv3Results = new Map<string, ScenarioResult>();
/** Every stat of each scenario's crawl in the service worker. */
const mv3Stats = new Map<string, Record<string, unknown>>();

/**
 * Stats that legitimately differ between Node and the MV3 service worker, and why. Every other
 * stat must be equal.
 * - times: when and how long the crawl ran;
 * - memusage/*: Node measures its RSS, a service worker cannot (no MemoryUsage extension);
 * - feedexport/*: named after the storage (an in-memory item feed in Node, IndexedDB in MV3);
 * - downloader/request_bytes, downloader/response_bytes: Chrome's fetch adds and hides headers.
 */
const PER_PLATFORM_STATS = new Set([
  'start_time', 'finish_time', 'elapsed_time_seconds', 'items_per_minute', 'responses_per_minute',
  'memusage/startup', 'memusage/max',
]);
const comparable = (stats: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(stats).filter(([key]) => !PER_PLATFORM_STATS.has(key) && !key.startsWith('feedexport/')));

beforeAll(async () => {
  const executablePath = requireChromium();
  workDir = await mkdtemp(join(tmpdir(), 'skitter-mv3-'));
  const extensionDir = join(workDir, 'extension');
  await build({ configFile: extensionConfig, logLevel: 'warn', build: { outDir: extensionDir } });
  [mv3Site, nodeSite] = await Promise.all([startDemoSite(CONFORMANCE_CATALOGUE), startDemoSite(CONFORMANCE_CATALOGUE)]);
  context = await chromium.launchPersistentContext(join(workDir, 'profile'), {
    executablePath,
    headless: true,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...CHROMIUM_ARGS],
  });
  serviceWorker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker');
}, 60_000);

afterAll(async () => {
  await context?.close();
  await Promise.all([mv3Site?.close(), nodeSite?.close()]);
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

let crawlCount = 0;

/** Starts a crawl through chrome.storage, as a popup would, and waits for its final status. */
async function crawlInServiceWorker(scenario: Scenario, extra: { keepAliveIntervalMs?: number } = {}): Promise<{ state: string; adapter?: string; stats?: Record<string, unknown>; error?: string }> {
  const request = { id: `crawl-${++crawlCount}`, spider: new scenario.spider().name, settings: scenario.settings, args: scenario.args(mv3Site.url), ...extra };
  return serviceWorker.evaluate(async (crawlRequest) => {
    await chrome.storage.local.set({ crawlRequest });
    for (;;) {
      const { crawlStatus } = await chrome.storage.local.get('crawlStatus') as { crawlStatus?: { id: string; state: string } };
      if (crawlStatus?.id === crawlRequest.id && crawlStatus.state !== 'running') return crawlStatus;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }, request);
}

/** The jsonlines feed the service worker wrote to IndexedDB (idb-keyval layout: `items` meta, `items#N` chunks). */
function readItemsFeed(): Promise<string> {
  return serviceWorker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('skitter-example');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const get = (key: string): Promise<unknown> => new Promise((resolve, reject) => {
      const read = db.transaction('feeds').objectStore('feeds').get(key);
      read.onsuccess = () => resolve(read.result);
      read.onerror = () => reject(read.error);
    });
    const meta = await get('items') as { chunks: number };
    let text = '';
    for (let i = 0; i < meta.chunks; i++) text += await get(`items#${i}`) as string;
    db.close();
    return text;
  });
}

async function runInExtension(scenario: Scenario): Promise<ScenarioResult> {
  const status = await crawlInServiceWorker(scenario);
  if (status.state !== 'done') throw new Error(`the crawl failed in the service worker: ${status.error}`);
  const text = await readItemsFeed();
  const items = text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as unknown);
  const errors: string[] = [];
  if (status.adapter !== 'mv3') errors.push(`the crawl ran on the ${status.adapter} loop adapter, not mv3`);
  for (const level of ['ERROR', 'CRITICAL']) {
    const count = Number(status.stats![`log_count/${level}`] ?? 0);
    if (count > 0) errors.push(`${count} ${level} records logged in the service worker`);
  }
  const result: ScenarioResult = {
    name: scenario.name,
    items: sortItems(items),
    stats: pickStats(status.stats!, Object.keys(expectedResult(scenario).stats)),
    errors,
  };
  mv3Results.set(scenario.name, result);
  mv3Stats.set(scenario.name, status.stats!);
  return result;
}

describe('the MV3 test harness extension', () => {
  it('builds to a manifest and one ES module without Node built-ins', async () => {
    const extensionDir = join(workDir, 'extension');
    const manifest = JSON.parse(await readFile(join(extensionDir, 'manifest.json'), 'utf8'));
    expect(manifest.background).toEqual({ service_worker: 'service-worker.js', type: 'module' });
    const code = await readFile(join(extensionDir, 'service-worker.js'), 'utf8');
    expect(code).not.toMatch(/from\s*["']node:|import\(\s*["']node:|(?<!__)require\(/);
    // The one require the bundler leaves is linkedom's CSSOM asking for the optional `cssstyle`
    // package inside a try/catch (response.dom's parser): it throws there and is caught.
    expect(new Set(code.match(/__require\([^)]*\)/g) ?? [])).toEqual(new Set(['__require("cssstyle")']));
    expect(serviceWorker.url()).toMatch(/^chrome-extension:\/\/[a-p]{32}\/service-worker\.js$/);
  });
});

defineConformanceSuite('conformance in the MV3 service worker', runInExtension);

describe('the same spider file in Node and in the MV3 service worker', () => {
  it('gives identical items and stats (all but the per-platform ones) for every scenario', async () => {
    expect([...mv3Results.keys()]).toEqual(SCENARIOS.map((s) => s.name));
    for (const scenario of SCENARIOS) {
      const node = await crawlScenario(scenario, nodeSite.url);
      expect(node.errors, scenario.name).toEqual([]);
      expect(mv3Results.get(scenario.name)!.items, scenario.name).toEqual(node.items);
      expect(comparable(mv3Stats.get(scenario.name)!), scenario.name).toEqual(comparable(node.stats));
    }
  });
});

describe('the MV3 adapter in the service worker', () => {
  it('pings an extension API every keep-alive interval while a crawl outlasts it, and stops after', async () => {
    // Count the adapter's calls to chrome.runtime.getPlatformInfo (Chrome's keep-alive pattern).
    await serviceWorker.evaluate(() => {
      const runtime = chrome.runtime as { getPlatformInfo: () => Promise<unknown> };
      const original = runtime.getPlatformInfo.bind(runtime);
      const pings: number[] = [];
      (globalThis as { keepAlivePings?: number[] }).keepAlivePings = pings;
      runtime.getPlatformInfo = () => {
        pings.push(performance.now());
        return original();
      };
    });
    const scenario = scenarioNamed('async item pipeline awaiting a timer');
    // 11 requests, one at a time, 150 ms apart: the crawl lasts well over the 200 ms ping interval.
    const slow = { ...scenario, settings: { ...scenario.settings, DOWNLOAD_DELAY: 0.15, RANDOMIZE_DOWNLOAD_DELAY: false, CONCURRENT_REQUESTS: 1 } };
    const status = await crawlInServiceWorker(slow, { keepAliveIntervalMs: 200 });
    expect(status.state).toBe('done');
    expect(status.adapter).toBe('mv3');
    const elapsedMs = Number(status.stats!['elapsed_time_seconds']) * 1000;
    expect(elapsedMs).toBeGreaterThan(1_000);
    const pingsAtEnd = await serviceWorker.evaluate(() => (globalThis as { keepAlivePings?: number[] }).keepAlivePings!.slice());
    // One ping when the crawl takes its hold, then one per interval: at least one per 200 ms of a
    // crawl of over a second, and never more than one per interval (timers never fire early).
    expect(pingsAtEnd.length).toBeGreaterThanOrEqual(5);
    expect(pingsAtEnd.length).toBeLessThanOrEqual(Math.floor(elapsedMs / 200) + 2);
    const gaps = pingsAtEnd.slice(1).map((t, i) => t - pingsAtEnd[i]!);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(195);
    // The hold is released with the crawl: no ping after it ended.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const pingsLater = await serviceWorker.evaluate(() => (globalThis as { keepAlivePings?: number[] }).keepAlivePings!.length);
    expect(pingsLater).toBe(pingsAtEnd.length);
  });
});

declare const chrome: {
  runtime: unknown;
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } };
};
