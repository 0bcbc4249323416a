/**
 * The browser benchmark's harness (`npm run bench -- --browser-only`), on a 50-product demo site:
 * the crawl child started as the benchmark starts it, in a dedicated Web Worker of real headless
 * Chromium (the page and MV3 rows share its child and checks; the MV3 service worker is covered by
 * test/extension), must hand back exactly one correct item per product
 * (the check that marks a benchmark row FAILED), and the site must see no CORS preflights.
 * Speeds are measured by `npm run bench`, never here.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import { buildBrowserBench, type BrowserBenchBuild } from '../../bench/browser/build.ts';
import type { BrowserChildArgs } from '../../bench/children/browser-crawl.ts';
import type { ChildResult } from '../../bench/children/measure.ts';
import { validateItems } from '../../bench/validate.ts';

let work: string;
let built: BrowserBenchBuild;
let site: DemoSite;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'skitter-browser-bench-'));
  [built, site] = await Promise.all([buildBrowserBench(join(work, 'build'), { extension: false }), startDemoSite({ products: 50 })]);
}, 60_000);

afterAll(async () => {
  await site?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

function runChild(args: BrowserChildArgs): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bench/children/browser-crawl.ts', JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (line) resolve(JSON.parse(line.slice(7)) as ChildResult);
      else reject(new Error(`browser child exited with ${code}: ${err.slice(-2000)}`));
    });
  });
}

it('crawls the site in a dedicated Web Worker: one correct item per product, no preflights', async () => {
  const mode = 'worker';
  const itemsFile = join(work, `items-${mode}.jsonl`);
  const pagesPerCrawl = site.catalogue.expectedReachablePageUrls(site.url).length;
  const before = site.requestCount;
  const result = await runChild({ origin: site.url, concurrency: 16, itemsFile, mode, webDir: built.webDir, extensionDir: built.extensionDir });
  expect(validateItems(itemsFile, site.catalogue, site.url)).toEqual({ ok: true, problems: [] });
  expect(result.items).toBe(50);
  expect(result.extra?.finish_reason).toBe('finished');
  // The reachable pages as the Node child parses them, plus /old-home: a browser's fetch follows
  // the 301 itself (a page cannot see redirects), so the dupefilter never sees the second `/`.
  expect(result.pages).toBe(pagesPerCrawl + 3);
  // The the site saw one request per download, no OPTIONS: CORS preflights would double them.
  expect(site.requestCount - before).toBe(Number(result.extra?.['downloader/request_count']) + 1);
  expect(result.cpuUserS + result.cpuSysS).toBeGreaterThan(0);
}, 60_000);
