/**
 * The packed package in Node, installed from its tarball in a project that never saw skitter:
 * a script importing `skitter` crawls the demo shop on Node 22 and Node 24, and every CLI command
 * runs from the consumer through `npx skitter` (Node 22, the consumer's `node` package) or the
 * installed bin on Node 24, including a user's TypeScript spider.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import { closedPort } from '../cli/run-cli.ts';
import { run, start, stop } from './consumer-process.ts';

const { consumer, node22, tarballBytes, installedBytes } = inject('skitterPackage');
const PRODUCTS = 120;
const NODE24 = process.execPath;
const BIN = join(consumer, 'node_modules', '.bin', 'skitter');
let site: DemoSite;

/** `npx skitter ...args` in the consumer: Node 22, the consumer's own `node` package. */
const npxSkitter = (...args: string[]) => run('npx', ['skitter', ...args], consumer);
/** The installed bin on Node 24. */
const skitter24 = (...args: string[]) => run(NODE24, [BIN, ...args], consumer);
const lines = (text: string) => text.split(/\r?\n/).filter((line) => line !== '');

beforeAll(async () => {
  site = await startDemoSite({ products: PRODUCTS });
});

afterAll(async () => {
  await site?.close();
});

describe('the installed package', () => {
  it('is a small tarball', () => {
    console.info(`skitter tarball ${(tarballBytes / 1024).toFixed(0)} kB; installed with its dependencies ${(installedBytes / 1024 / 1024).toFixed(1)} MB`);
    // About 0.5 MB of code and declarations, plus the built playground (~1.2 MB compressed).
    expect(tarballBytes).toBeLessThan(3 * 1024 * 1024);
    // ~55 MB today, most of it jimp (images, pure JavaScript), ioredis and nodemailer.
    expect(installedBytes).toBeLessThan(64 * 1024 * 1024);
  });

  it.each([['22', node22], ['24', NODE24]])('imports skitter and crawls the demo shop from a TypeScript script on Node %s', async (major, node) => {
    const result = await run(node, ['crawl.ts', site.url], consumer);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ node: expect.stringMatching(new RegExp(`^v${major}\\.`)), items: PRODUCTS, urls: PRODUCTS, reason: 'finished' });
  });
});

describe.concurrent('npx skitter in the consumer project', () => {
  it('version', async () => {
    const result = await npxSkitter('version');
    expect(result).toEqual({ code: 0, stdout: 'skitter 0.1.0\n', stderr: '' });
  });

  it('demo crawls the embedded shop from the installed package and prints its URL', async () => {
    const result = await npxSkitter('demo', '--products', '60', '-L', 'WARNING', '-O', 'demo.jsonl');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^skitter: demo shop at http:\/\/127\.0\.0\.1:\d+\/ \(60 products\)$/m);
    expect(result.stdout).toMatch(/^Scraped 60 items from \d+ pages in [\d.]+ s\n$/);
    const items = lines(readFileSync(join(consumer, 'demo.jsonl'), 'utf8')).map((line) => JSON.parse(line) as { url: string });
    expect(new Set(items.map((item) => item.url)).size).toBe(60);
  });

  it.each([['22', npxSkitter], ['24', skitter24]])('runspider runs a TypeScript spider on Node %s and writes -o -:jsonlines to stdout', async (_major, skitter) => {
    const result = await skitter('runspider', 'spiders/products.ts', '-a', `site=${site.url}`, '-o', '-:jsonlines', '--nolog');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const items = lines(result.stdout).map((line) => JSON.parse(line) as { title: string; url: string });
    expect(new Set(items.map((item) => item.url)).size).toBe(PRODUCTS);
    expect(items).toHaveLength(PRODUCTS);
  });

  it('list finds the spiders of ./spiders', async () => {
    expect(await npxSkitter('list')).toEqual({ code: 0, stdout: 'products\n', stderr: '' });
  });

  it('crawl runs a spider by name into a CSV feed', async () => {
    const result = await npxSkitter('crawl', 'products', '-a', `site=${site.url}`, '-O', 'products.csv', '--nolog');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const csv = lines(readFileSync(join(consumer, 'products.csv'), 'utf8'));
    expect(csv[0]).toBe('title,url');
    expect(csv).toHaveLength(PRODUCTS + 1);
  });

  it('fetch prints a page', async () => {
    const result = await npxSkitter('fetch', '--nolog', `${site.url}/robots.txt`);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(await (await fetch(`${site.url}/robots.txt`)).text());
  });

  it('demo --serve only serves the shop at the printed URL until interrupted', async () => {
    const port = await closedPort();
    const serving = start(NODE24, [BIN, 'demo', '--serve', '--port', String(port), '--products', '30'], consumer);
    const [, url] = await serving.waitFor(/^Demo shop: (\S+) \(30 products; Ctrl-C stops it\)$/m);
    expect(url).toBe(`http://127.0.0.1:${port}/`);
    const home = await fetch(url!);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<title>Home | Skitter Demo Store</title>');
    expect((await stop(serving, 'SIGINT')).code).toBe(0);
  });
});
