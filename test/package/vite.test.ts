/**
 * The packed package in a Vite app that installed its tarball, with no Vite config at all: the
 * page runs the README spider in the page and, through `runInWorker`, in a Web Worker the app
 * starts itself (`serveCrawls` registry), on the dev server and from a production build, in real
 * Chromium against the demo shop. Exact item counts; the production build keeps skitter's
 * component names in logs and its page bundle stays under 180 kB gzip with no Node-only dependency.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import { CHROMIUM_ARGS, requireChromium } from '../browser/chromium.ts';
import { closedPort } from '../cli/run-cli.ts';
import { run, start, stop, type Running } from './consumer-process.ts';

const { consumer } = inject('skitterPackage');
const PRODUCTS = 80;
let site: DemoSite;
let browser: Browser;
/** Vite servers started, stopped at the end even when a test timed out. */
const servers = new Set<Running>();

interface PageResults {
  page?: { items: number; reason: string; enabled: string };
  worker?: { items: number; urls: number; reason: string };
  error?: string;
}

/** Opens the app at `origin` and waits for its results. */
async function crawlFromApp(origin: string): Promise<PageResults> {
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}/?site=${encodeURIComponent(site.url)}`);
    await page.waitForFunction(() => 'results' in window, undefined, { timeout: 240_000 });
    return await page.evaluate(() => (window as unknown as { results: PageResults }).results);
  } finally {
    await page.close();
  }
}

/** Starts `npx vite <args>` on a free port of 127.0.0.1 and resolves with its origin once it listens. */
async function startVite(args: string[]): Promise<{ origin: string; server: Running }> {
  const port = await closedPort();
  const server = start('npx', ['vite', ...args, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], consumer);
  servers.add(server);
  await server.waitFor(new RegExp(`http://127\\.0\\.0\\.1:${port}/`));
  return { origin: `http://127.0.0.1:${port}`, server };
}

const expected = (enabledNames: string) => ({
  page: { items: PRODUCTS, reason: 'finished', enabled: expect.stringContaining(enabledNames) },
  worker: { items: PRODUCTS, urls: PRODUCTS, reason: 'finished' },
});

beforeAll(async () => {
  site = await startDemoSite({ products: PRODUCTS });
  browser = await chromium.launch({ executablePath: requireChromium(), args: [...CHROMIUM_ARGS], headless: true });
});

afterAll(async () => {
  await Promise.all([...servers].map((server) => stop(server)));
  await browser?.close();
  await site?.close();
});

describe('a Vite app using the installed package', () => {
  it('runs the spider in the page and in a Web Worker on the dev server', async () => {
    const { origin, server } = await startVite([]);
    try {
      expect(await crawlFromApp(origin)).toEqual(expected("'RetryMiddleware'"));
    } finally {
      await stop(server);
    }
  });

  it('runs them from a production build that keeps real names and stays small', async () => {
    const build = await run('npx', ['vite', 'build'], consumer);
    expect(build.code, build.stderr).toBe(0);
    const assets = join(consumer, 'dist', 'assets');
    const page = readdirSync(assets).find((name) => /^index-.*\.js$/.test(name))!;
    const code = readFileSync(join(assets, page));
    const gzipBytes = gzipSync(code).length;
    console.info(`Vite production page bundle (skitter + the spider): ${(code.length / 1024).toFixed(0)} kB, ${(gzipBytes / 1024).toFixed(0)} kB gzip`);
    expect(gzipBytes).toBeLessThan(180 * 1024);
    // No Node-only dependency in what the page loads.
    expect(code.toString()).not.toMatch(/tough-cookie|tldts|undici|publicsuffix/i);

    const { origin, server } = await startVite(['preview']);
    try {
      // Minified, the middlewares still log under their class names.
      expect(await crawlFromApp(origin)).toEqual(expected("'OffsiteMiddleware',\n 'HttpAuthMiddleware'"));
    } finally {
      await stop(server);
    }
  });
});
