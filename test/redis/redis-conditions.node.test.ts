/**
 * Distributed crawls on Redis (issue 13) under particular conditions: politeness across workers,
 * start URLs pushed to a Redis list while workers idle, Redis restarted mid-crawl, Redis
 * unreachable at start, a request that cannot be serialised. Real CLI workers, a real
 * redis-server (append-only, so a restart keeps the frontier) and a real site on 127.0.0.1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, runCli, tempDir } from '../cli/run-cli.ts';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.ts';
import { SITE_SPIDER, startTestSite, type TestSite } from './site.ts';
import { hitCounts, pagesOf, range, startWorker, stat, until, type WorkerEnv } from './workers.ts';

/** A RedisSpider: start URLs come from the list `<name>:start_urls`; it does not follow links. */
const LIST_SPIDER = `
import type { TextResponse } from 'skitter';
import { RedisSpider } from 'skitter/redis';

export default class ListSpider extends RedisSpider {
  name = 'list';
  site = '';

  *parse(response: TextResponse) {
    yield { page: Number(response.url.split('/p/')[1]) };
  }
}
`;

/** A spider whose callback is an arrow function: its requests cannot travel as JSON. */
const ARROW_SPIDER = `
import { Request, Spider, type TextResponse } from 'skitter';

export default class ArrowSpider extends Spider {
  name = 'arrow';
  site = '';

  async *start() {
    yield new Request(\`\${this.site}/p/0\`);
  }

  *parse(response: TextResponse) {
    yield { page: 0 };
    yield new Request(\`\${this.site}/p/1\`, { callback: (r: TextResponse) => ({ page: r.url }) });
  }
}
`;

let redis: RedisServer;
let tmp: ReturnType<typeof tempDir>;
let site: TestSite;
const env = (): WorkerEnv => ({ dir: tmp.dir, redisUrl: redis.url });

beforeAll(async () => {
  redis = await startRedisServer({ appendOnly: true });
  site = await startTestSite(400);
  tmp = tempDir();
  writeFileSync(join(tmp.dir, 'site.ts'), SITE_SPIDER);
  writeFileSync(join(tmp.dir, 'list.ts'), LIST_SPIDER);
  writeFileSync(join(tmp.dir, 'arrow.ts'), ARROW_SPIDER);
});

afterAll(async () => {
  await redis?.stop();
  await site?.close();
  tmp?.remove();
});

describe('distributed crawl on Redis: conditions', () => {
  it('DOWNLOAD_DELAY holds across three workers: requests to the one slot are spaced by the delay', async () => {
    const from = site.hits.length;
    const extra = ['-s', 'DOWNLOAD_DELAY=0.2', '-s', 'RANDOMIZE_DOWNLOAD_DELAY=false', '-s', 'CONCURRENT_REQUESTS=1', '-s', 'DEPTH_LIMIT=2'];
    const workers = ['d1', 'd2', 'd3'].map((agent) => startWorker(env(), site, 'delay', agent, extra));
    const results = await Promise.all(workers.map((w) => w.done));
    for (const r of results) expect(r.code, r.stderr.slice(-3000)).toBe(0);
    // Depth 0..2 of the tree: pages 0..12.
    expect(['d1', 'd2', 'd3'].flatMap((a) => pagesOf(env(), 'delay', a)).sort((x, y) => x - y)).toEqual(range(0, 13));
    const hits = site.hits.slice(from);
    expect(hits.length).toBe(13);
    // More than one worker fetched: the spacing is the cluster's, not one process's.
    expect(new Set(hits.map((h) => h.agent)).size).toBeGreaterThanOrEqual(2);
    const gaps = hits.slice(1).map((h, i) => h.atMs - hits[i]!.atMs);
    // Redis spaces the grants by 0.2 s; the site sees the sends, which a loaded machine can delay
    // by a scheduling hiccup (a late send shortens one gap and lengthens the next). Three workers
    // each spacing only their own requests would average ~0.07 s and fail both bounds.
    expect(hits.at(-1)!.atMs - hits[0]!.atMs).toBeGreaterThanOrEqual(12 * 200 * 0.8);
    const sorted = gaps.slice().sort((x, y) => x - y);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeGreaterThanOrEqual(150);
  }, 60_000);

  it('a RedisSpider idles while its start list is empty, then crawls URLs pushed to it, each once', async () => {
    const from = site.hits.length;
    const extra = ['-s', 'MAX_IDLE_TIME_BEFORE_CLOSE=3'];
    const workers = ['l1', 'l2'].map((agent) => startWorker(env(), site, 'list', agent, extra, 'list.ts'));
    await Promise.all(workers.map((w) => w.waitForStderr('RedisScheduler: sharing the frontier')));
    await new Promise((r) => setTimeout(r, 500));
    expect(site.hits.length).toBe(from);
    const urls = range(100, 130).map((i) => `${site.url}/p/${i}`);
    await redis.client.rpush('list:start_urls', ...urls);
    const results = await Promise.all(workers.map((w) => w.done));
    for (const r of results) {
      expect(r.code, r.stderr.slice(-3000)).toBe(0);
      expect(r.stderr).toContain('Spider closed (finished)');
    }
    expect(['l1', 'l2'].flatMap((a) => pagesOf(env(), 'list', a)).sort((x, y) => x - y)).toEqual(range(100, 130));
    expect(results.reduce((sum, r) => sum + stat(r.stderr, 'redis/start_urls'), 0)).toBe(30);
    expect(await redis.client.llen('list:start_urls')).toBe(0);
  }, 60_000);

  it('Redis restarted mid-crawl: workers pause, resume, and the crawl completes with every page once', async () => {
    const slow = await startTestSite(200, 20);
    try {
      const extra = ['-s', 'REDIS_LEASE_TIMEOUT=10', '-s', 'CONCURRENT_REQUESTS_PER_DOMAIN=4'];
      const workers = ['r1', 'r2'].map((agent) => startWorker(env(), slow, 'restart', agent, extra));
      await until(() => slow.hits.length >= 50, '50 pages crawled');
      await redis.restart(1_000);
      const results = await Promise.all(workers.map((w) => w.done));
      for (const r of results) {
        expect(r.code, r.stderr.slice(-3000)).toBe(0);
        expect(r.stderr).toContain('Spider closed (finished)');
      }
      expect(results.some((r) => r.stderr.includes('went away') && r.stderr.includes('is back; resuming'))).toBe(true);
      expect(['r1', 'r2'].flatMap((a) => pagesOf(env(), 'restart', a)).sort((x, y) => x - y)).toEqual(range(0, 200));
      expect([...hitCounts(slow).values()].every((n) => n === 1)).toBe(true);
    } finally {
      await slow.close();
    }
  }, 90_000);

  it('Redis unreachable at start is one clear error with the password redacted', async () => {
    const port = await closedPort();
    const r = await runCli(['runspider', 'site.ts', '-a', `site=${site.url}`, '-s', 'SCHEDULER=redis', '-s', `REDIS_URL=redis://:hunter2@127.0.0.1:${port}/0`, '--nolog'], tmp.dir);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`skitter: error: RedisScheduler: cannot reach Redis at redis://:***@127.0.0.1:${port}/0 (connect ECONNREFUSED 127.0.0.1:${port}); start redis-server there or set REDIS_URL to a reachable server.`);
  }, 30_000);

  it('a request that cannot be serialised is an error naming it; the crawl goes on', async () => {
    const from = site.hits.length;
    const r = await runCli(['runspider', 'arrow.ts', '-a', `site=${site.url}`, '-s', 'SCHEDULER=redis', '-s', `REDIS_URL=${redis.url}`, '-O', 'arrow.jsonl', '-L', 'INFO'], tmp.dir);
    expect(r.code, r.stderr.slice(-3000)).toBe(0);
    expect(r.stderr).toContain(`cannot serialise <GET ${site.url}/p/1> for the shared frontier: its callback (callback) is not a method of the spider`);
    expect(r.stderr).toContain('Spider closed (finished)');
    // The item before the bad request was exported; the bad request was never fetched.
    expect(readFileSync(join(tmp.dir, 'arrow.jsonl'), 'utf8')).toBe('{"page":0}\n');
    expect(site.hits.slice(from).map((h) => h.path)).toEqual(['/p/0']);
  }, 30_000);

  it('an unknown short name on the command line is a usage error listing the known ones', async () => {
    const r = await runCli(['runspider', 'site.ts', '-s', 'SCHEDULER=redsi', '--nolog'], tmp.dir);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('skitter: error: unknown SCHEDULER "redsi"; the command line knows "redis" (set a component in code otherwise)');
  }, 30_000);
});
