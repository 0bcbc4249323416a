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
import { pickStats, runScenario, type ScenarioResult } from '../conformance/run-scenario.ts';
import { CONFORMANCE_CATALOGUE, SCENARIOS, sortItems, type Scenario } from '../conformance/scenarios.ts';

const extensionConfig = fileURLToPath(new URL('./harness/vite.config.ts', import.meta.url));

let workDir: string;
let context: BrowserContext;
let serviceWorker: Worker;
let mv3Site: DemoSite;
let nodeSite: DemoSite;
const mv3Results = new Map<string, ScenarioResult>();

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
async function crawlInServiceWorker(scenario: Scenario): Promise<{ state: string; stats?: Record<string, unknown>; error?: string }> {
  const request = { id: `crawl-${++crawlCount}`, spider: new scenario.spider().name, settings: scenario.settings, args: scenario.args(mv3Site.url) };
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
  const errorCount = Number(status.stats!['log_count/ERROR'] ?? 0);
  const result: ScenarioResult = {
    name: scenario.name,
    items: sortItems(items),
    stats: pickStats(status.stats!, Object.keys(expectedResult(scenario).stats)),
    errors: errorCount === 0 ? [] : [`${errorCount} ERROR records logged in the service worker`],
  };
  mv3Results.set(scenario.name, result);
  return result;
}

describe('the MV3 test harness extension', () => {
  it('builds to a manifest and one ES module without Node built-ins', async () => {
    const extensionDir = join(workDir, 'extension');
    const manifest = JSON.parse(await readFile(join(extensionDir, 'manifest.json'), 'utf8'));
    expect(manifest.background).toEqual({ service_worker: 'service-worker.js', type: 'module' });
    const code = await readFile(join(extensionDir, 'service-worker.js'), 'utf8');
    expect(code).not.toMatch(/from\s*["']node:|import\(\s*["']node:|require\(/);
    expect(serviceWorker.url()).toMatch(/^chrome-extension:\/\/[a-p]{32}\/service-worker\.js$/);
  });
});

defineConformanceSuite('conformance in the MV3 service worker', runInExtension);

describe('the same spider file in Node and in the MV3 service worker', () => {
  it('gives identical items and stats for every scenario', async () => {
    expect([...mv3Results.keys()]).toEqual(SCENARIOS.map((s) => s.name));
    for (const scenario of SCENARIOS) {
      const node = await runScenario(scenario, nodeSite.url, Object.keys(expectedResult(scenario).stats));
      expect(mv3Results.get(scenario.name), scenario.name).toEqual(node);
    }
  });
});

declare const chrome: {
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } };
};
