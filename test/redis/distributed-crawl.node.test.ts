/**
 * Distributed crawls on Redis (issue 13), end to end: real `skitter runspider` worker processes, a
 * real redis-server and a real HTTP site on 127.0.0.1.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type CliProcess } from '../cli/run-cli.ts';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.ts';
import { SITE_SPIDER, startTestSite, type TestSite } from './site.ts';
import { hitCounts, pagesOf, range, startWorker, stat, until, type WorkerEnv } from './workers.ts';

let redis: RedisServer;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  redis = await startRedisServer();
  tmp = tempDir();
  writeFileSync(join(tmp.dir, 'site.ts'), SITE_SPIDER);
});

afterAll(async () => {
  await redis?.stop();
  tmp?.remove();
});

const env = (): WorkerEnv => ({ dir: tmp.dir, redisUrl: redis.url });
const worker = (site: TestSite, crawl: string, agent: string, extra: string[] = []): CliProcess => startWorker(env(), site, crawl, agent, extra);

describe('distributed crawl on Redis', () => {
  it('three workers crawl a 2,000-page site: every page once in the union of their feeds, each URL fetched once', async () => {
    const site = await startTestSite(2000);
    try {
      const workers = ['w1', 'w2', 'w3'].map((agent) => worker(site, 'union', agent));
      const results = await Promise.all(workers.map((w) => w.done));
      for (const r of results) {
        expect(r.code, r.stderr.slice(-3000)).toBe(0);
        expect(r.stderr).toContain('Spider closed (finished)');
      }
      const perWorker = ['w1', 'w2', 'w3'].map((agent) => pagesOf(env(), 'union', agent));
      const union = perWorker.flat().sort((a, b) => a - b);
      expect(union).toEqual(range(0, 2000));
      // One worker ran start(); the others found the crawl seeded (or waited for it). A takeover
      // after a slow seeder's claim expired may add a second seeder on a loaded machine.
      const seeders = results.filter((r) => r.stderr.includes('this worker seeds the crawl')).length;
      expect(seeders).toBeGreaterThanOrEqual(1);
      expect(seeders).toBeLessThanOrEqual(2);
      // The work was shared, not done by the seeder alone.
      expect(perWorker.filter((pages) => pages.length > 0).length).toBeGreaterThanOrEqual(2);
      const counts = hitCounts(site);
      expect(counts.size).toBe(2000);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      // Every page (page 0 too) links to page 0: the shared dupefilter dropped those 2,000 links in
      // Redis. On a loaded machine a waiting worker may take over seeding from a slow seeder (after
      // 10 s): its copy of the start request is then dropped by the same dupefilter, so at most one
      // more per other worker.
      const filtered = results.reduce((sum, r) => sum + stat(r.stderr, 'dupefilter/filtered'), 0);
      expect(filtered).toBeGreaterThanOrEqual(2000);
      expect(filtered).toBeLessThanOrEqual(2002);
      // A finished crawl without SCHEDULER_PERSIST leaves nothing behind in Redis.
      expect(await redis.client.keys('union:*')).toEqual([]);
    } finally {
      await site.close();
    }
  }, 300_000);

  it('a worker killed with SIGKILL mid-crawl loses nothing: its leases return, it restarts, the union has every page once', async () => {
    const site = await startTestSite(300);
    try {
      // 8 s: short enough to wait for, long enough that a live worker on a loaded machine never loses one.
      const extra = ['-s', 'REDIS_LEASE_TIMEOUT=8', '-s', 'SCHEDULER_PERSIST=true'];
      const a = worker(site, 'kill', 'wa', extra);
      const b = worker(site, 'kill', 'wb', extra);
      const victim = worker(site, 'kill', 'victim', extra);
      await until(() => site.hits.filter((h) => h.agent === 'victim').length >= 30, 'the victim to crawl 30 pages');
      // Hold the victim's responses: once its held requests stop changing, everything else it
      // had is processed and it sits holding leases. Then kill it.
      site.hold('victim');
      let last = -1;
      let stableSince = Date.now();
      await until(() => {
        if (site.held !== last) {
          last = site.held;
          stableSince = Date.now();
        }
        return site.held > 0 && Date.now() - stableSince > 1500;
      }, 'the victim to wait on held responses');
      const heldPaths = site.hits.filter((h) => h.agent === 'victim').slice(-site.held).map((h) => h.path);
      victim.child.kill('SIGKILL');
      const killed = await victim.done;
      expect(killed.signal).toBe('SIGKILL');
      site.release();
      const restarted = worker(site, 'kill', 'restarted', extra);
      const results = await Promise.all([a.done, b.done, restarted.done]);
      for (const r of results) {
        expect(r.code, r.stderr.slice(-3000)).toBe(0);
        expect(r.stderr).toContain('Spider closed (finished)');
      }
      const union = ['wa', 'wb', 'victim', 'restarted'].flatMap((agent) => pagesOf(env(), 'kill', agent)).sort((x, y) => x - y);
      expect(union).toEqual(range(0, 300));
      // The victim's leases expired and went back to the queue; its held pages were fetched again.
      expect(results.reduce((sum, r) => sum + stat(r.stderr, 'redis/leases/reclaimed'), 0)).toBeGreaterThan(0);
      const counts = hitCounts(site);
      expect(counts.size).toBe(300);
      for (const [path, n] of counts) {
        if (n > 1) expect(heldPaths, path).toContain(path);
        expect(n).toBeLessThanOrEqual(2);
      }
      for (const path of heldPaths) expect(counts.get(path)).toBe(2);
    } finally {
      await redis.client.del('kill:requests', 'kill:dupefilter', 'kill:seq', 'kill:leases', 'kill:lease-info');
      await site.close();
    }
  }, 150_000);
});
