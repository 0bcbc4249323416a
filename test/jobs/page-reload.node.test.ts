/**
 * A JOBDIR crawl in a real Chromium page, interrupted by three reloads: each load resumes the job
 * from IndexedDB (JOBDIR is the database name); the final item set must be exact, no duplicates.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, requireChromium } from '../browser/chromium.ts';
import { startTreeSite, type TreeSite } from './fixtures/tree-site.ts';

const PAGES = 300;
const root = fileURLToPath(new URL('../../', import.meta.url));

describe('JOBDIR in a browser page', () => {
  let workDir: string;
  let browser: Browser;
  let site: TreeSite;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'skitter-job-page-'));
    await build({
      configFile: false,
      logLevel: 'warn',
      resolve: {
        alias: [
          { find: /^skitter\/web$/, replacement: join(root, 'src/web.ts') },
          { find: /^linkedom$/, replacement: 'linkedom/worker' },
          { find: /^@acemir\/cssom$/, replacement: join(root, 'node_modules/@acemir/cssom/lib/index.js') },
        ],
      },
      build: {
        outDir: workDir,
        emptyOutDir: false,
        target: 'es2023',
        minify: false,
        lib: { entry: fileURLToPath(new URL('./fixtures/page/page.ts', import.meta.url)), formats: ['es'], fileName: () => 'page.js' },
        rollupOptions: { output: { codeSplitting: false } },
      },
    });
    const script = await readFile(join(workDir, 'page.js'), 'utf8');
    site = await startTreeSite(PAGES, 15, {
      '/app/': { type: 'text/html; charset=utf-8', body: '<!doctype html><meta charset="utf-8"><title>job</title><script type="module" src="/app/page.js"></script>' },
      '/app/page.js': { type: 'text/javascript; charset=utf-8', body: script },
    });
    browser = await chromium.launch({ executablePath: requireChromium(), headless: true, args: [...CHROMIUM_ARGS] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  const journalSize = (page: Page): Promise<number> => page.evaluate(() => (globalThis as unknown as { journal(): Promise<number> }).journal());

  it('reloaded three times mid-crawl: each load resumes, every page exactly once', { timeout: 180_000 }, async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/app/`);
    let resumedLoads = 0;
    for (const threshold of [20, 100, 180]) {
      await page.waitForFunction(() => 'journal' in globalThis);
      while ((await journalSize(page)) < threshold) await new Promise((resolve) => setTimeout(resolve, 100));
      await page.reload();
      await page.waitForFunction(() => 'resumed' in globalThis);
      if (await page.evaluate(() => (globalThis as unknown as { resumed: Promise<boolean> }).resumed)) resumedLoads++;
    }
    expect(resumedLoads).toBe(3);
    const reason = await page.evaluate(() => (globalThis as unknown as { crawlDone: Promise<string> }).crawlDone);
    expect(reason).toBe('finished');
    const { journal, feed } = await page.evaluate(() => (globalThis as unknown as { results(): Promise<{ journal: number[]; feed: string }> }).results());
    const all = Array.from({ length: PAGES }, (_, i) => i);
    expect([...journal].sort((a, b) => a - b)).toEqual(all);
    expect(feed.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { page: number }).page).sort((a, b) => a - b)).toEqual(all);
    // A finished job loaded again crawls nothing.
    const served = site.served();
    await page.reload();
    await page.waitForFunction(() => 'crawlDone' in globalThis);
    expect(await page.evaluate(() => (globalThis as unknown as { crawlDone: Promise<string> }).crawlDone)).toBe('finished');
    expect(site.served()).toBe(served);
  });

  it('garbage in IndexedDB is a JobStateError naming the database and how to start fresh', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/app/`);
    await page.waitForFunction(() => 'openJob' in globalThis);
    const errors = await page.evaluate(async () => {
      const openJob = (globalThis as unknown as { openJob(name: string): Promise<string> }).openJob;
      const create = (name: string, setup: (db: IDBDatabase) => void, fill: (db: IDBDatabase) => Promise<void>): Promise<void> => new Promise((resolve, reject) => {
        const open = indexedDB.open(name, 1);
        open.onupgradeneeded = () => setup(open.result);
        open.onsuccess = () => void fill(open.result).then(() => {
          open.result.close();
          resolve();
        }, reject);
        open.onerror = () => reject(open.error);
      });
      const put = (db: IDBDatabase, store: string, value: unknown, key?: IDBValidKey): Promise<void> => new Promise((resolve, reject) => {
        const tx = db.transaction(store, 'readwrite');
        tx.objectStore(store).put(value, key);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      const layout = (db: IDBDatabase): void => {
        db.createObjectStore('meta');
        db.createObjectStore('requests', { keyPath: 'id' });
        db.createObjectStore('fingerprints');
        db.createObjectStore('items', { autoIncrement: true });
      };
      await create('garbage-meta', layout, (db) => put(db, 'meta', 'garbage', 'format'));
      await create('garbage-request', layout, async (db) => {
        await put(db, 'meta', 1, 'format');
        await put(db, 'meta', 'tree', 'spider');
        await put(db, 'requests', { id: 1, priority: 0, isStart: false, data: '{not json' });
      });
      await create('foreign', (db) => db.createObjectStore('other'), async () => {});
      return [await openJob('garbage-meta'), await openJob('garbage-request'), await openJob('foreign')];
    });
    expect(errors[0]).toBe('JobStateError: [skitter] JOBDIR: the job state in IndexedDB database "garbage-meta" cannot be read (meta "format" is "garbage"); it is corrupt or was written by something else. Delete that database (indexedDB.deleteDatabase) or use another JOBDIR to start the crawl fresh.');
    expect(errors[1]).toMatch(/^JobStateError: \[skitter\] JOBDIR: a stored request in IndexedDB database "garbage-request" cannot be restored: .*JSON.* Delete the job \(IndexedDB database "garbage-request"\) to start fresh\.$/);
    expect(errors[2]).toMatch(/^JobStateError: .*IndexedDB database "foreign" cannot be read \(object stores missing: meta, requests, fingerprints, items\)/);
  });
});
