/**
 * A JOBDIR crawl in a real MV3 extension service worker (headless Chromium), with the worker
 * stopped three times mid-crawl through the DevTools protocol (`ServiceWorker.stopAllWorkers`),
 * as Chrome stops idle workers. Each wake (a message from an extension page) resumes the job from
 * IndexedDB through `resumeJobOnWake`; the final item set must be exact, without duplicates.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Worker } from 'playwright';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, requireChromium } from '../browser/chromium.ts';
import { startTreeSite, type TreeSite } from './fixtures/tree-site.ts';

const PAGES = 300;
const extensionConfig = fileURLToPath(new URL('./fixtures/extension/vite.config.ts', import.meta.url));

type JobWorker = Worker;

describe('JOBDIR in an MV3 service worker', () => {
  let workDir: string;
  let context: BrowserContext;
  let site: TreeSite;
  let extensionId: string;

  beforeAll(async () => {
    const executablePath = requireChromium();
    workDir = await mkdtemp(join(tmpdir(), 'skitter-job-mv3-'));
    const extensionDir = join(workDir, 'extension');
    await build({ configFile: extensionConfig, logLevel: 'warn', build: { outDir: extensionDir } });
    site = await startTreeSite(PAGES, 15);
    context = await chromium.launchPersistentContext(join(workDir, 'profile'), {
      executablePath,
      headless: true,
      args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...CHROMIUM_ARGS],
    });
    const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker');
    extensionId = new URL(worker.url()).host;
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await site?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  const currentWorker = (): JobWorker | undefined => context.serviceWorkers().find((w) => w.url().includes(extensionId));
  const journalSize = (w: JobWorker): Promise<number> => w.evaluate(async () => (await (globalThis as unknown as { journal(): Promise<unknown[]> }).journal()).length);

  /** Stops every service worker, as Chrome does to an idle one. */
  async function stopWorker(): Promise<void> {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    await page.close();
  }

  /** Wakes the stopped worker with a message from an extension page; returns it once it answers. */
  async function wakeWorker(): Promise<JobWorker> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/wake.html`);
    await page.close();
    for (;;) {
      const worker = currentWorker();
      const ready = worker ? await worker.evaluate(() => typeof (globalThis as { job?: unknown }).job === 'object').catch(() => false) : false;
      if (ready) return worker!;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('stopped three times mid-crawl, resumed on each wake: every page exactly once', { timeout: 240_000 }, async () => {
    let worker = currentWorker()!;
    await worker.evaluate((url) => (globalThis as unknown as { startJob(u: string): Promise<void> }).startJob(url), site.url);
    let stops = 0;
    let stoppedMidCrawl = 0;
    for (const threshold of [20, 90, 170]) {
      while ((await journalSize(worker)) < threshold) await new Promise((resolve) => setTimeout(resolve, 100));
      if ((await worker.evaluate(() => (globalThis as unknown as { job: { running?: unknown } }).job.running !== undefined))) stoppedMidCrawl++;
      await stopWorker();
      stops++;
      worker = await wakeWorker();
    }
    expect(stops).toBe(3);
    for (;;) {
      const status = await worker.evaluate(() => (globalThis as unknown as { job: { status(): Promise<string> } }).job.status());
      if (status === 'finished') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { journal, feed, resumes } = await worker.evaluate(async () => {
      const g = globalThis as unknown as { journal(): Promise<Array<{ page: number }>>; resumes(): number };
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('tree-feeds');
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
      return { journal: (await g.journal()).map((x) => x.page), feed: text, resumes: g.resumes() };
    });
    const all = Array.from({ length: PAGES }, (_, i) => i);
    expect([...journal].sort((a, b) => a - b)).toEqual(all);
    const fed = feed.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { page: number }).page).sort((a, b) => a - b);
    expect(fed).toEqual(all);
    // Each worker's globals die with it: the last one resumed the job once, by itself.
    expect(resumes).toBe(1);
    expect(stoppedMidCrawl).toBe(3);
  });
});
