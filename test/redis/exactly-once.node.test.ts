/**
 * Exactly-once feeds across Redis workers (issue 13, point 5): each worker has a JOBDIR (its
 * journal); one is SIGKILLed while it has processed pages whose acknowledgements are on the way to
 * Redis, in both windows that used to make duplicates, and started again with the same JOBDIR:
 * the union of the feeds has every page exactly once. Real CLI workers, a real redis-server
 * and a real site on 127.0.0.1.
 *
 * The windows are made deterministic with Redis itself: `CLIENT PAUSE WRITE` holds every
 * acknowledgement script, so the victim's processed pages pile up as pending journal entries.
 * - Kill 1: the victim is frozen (SIGSTOP), Redis resumes and runs its queued acknowledgements,
 *   then the victim is killed: Redis recorded the acks, the victim never wrote the items.
 * - Kill 2: the victim is killed while Redis is still paused: its acknowledgements never ran.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type CliProcess } from '../cli/run-cli.ts';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.ts';
import { SITE_SPIDER, startTestSite, type TestSite } from './site.ts';
import { pagesOf, range, startWorker, stat, until, type WorkerEnv } from './workers.ts';

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

const PAGES = 400;
const env = (): WorkerEnv => ({ dir: tmp.dir, redisUrl: redis.url });

/**
 * A worker with its own JOBDIR (its identity) and feed, `once-<feed>.jsonl`; `agent` (its
 * User-Agent) tells the site which run sent a request.
 */
function worker(site: TestSite, feed: string, agent = feed): CliProcess {
  return startWorker(env(), site, 'once', feed, ['-s', `JOBDIR=jobs/${feed}`, '-s', 'CONCURRENT_REQUESTS=8', '-s', 'CONCURRENT_REQUESTS_PER_DOMAIN=100', '-s', 'REDIS_LEASE_TIMEOUT=30', '-s', `USER_AGENT=${agent}`]);
}

/** Resolves once the site has seen no new request from `agent` for `quietMs`. */
async function quiet(site: TestSite, agent: string, quietMs = 1000): Promise<void> {
  let last = -1;
  let since = Date.now();
  await until(() => {
    const n = site.hits.filter((h) => h.agent === agent).length;
    if (n !== last) {
      last = n;
      since = Date.now();
    }
    return Date.now() - since > quietMs;
  }, `${agent} to stop sending requests`);
}

/** Last SCARD seen per key (polled in the background of `until`). */
const recorded = new Map<string, number>();
function poll(key: string): void {
  void redis.client.scard(key).then((n) => recorded.set(key, n));
}

/** The victim's acked set in Redis (its worker id is in its log). */
function ackedKey(w: CliProcess): string {
  const id = /worker id ([0-9a-f-]{36})/.exec(w.stderr)?.[1];
  if (!id) throw new Error(`no worker id in the log:\n${w.stderr.slice(-2000)}`);
  return `once:acked:${id}`;
}

describe('exactly-once feeds across Redis workers (JOBDIR)', () => {
  it('a worker SIGKILLed with acknowledgements in flight, twice, and restarted: the union has every page exactly once', async () => {
    // Slow responses keep every worker busy with requests in flight when the kills come.
    const site = await startTestSite(PAGES, 40);
    try {
      const a = worker(site, 'wa');
      const b = worker(site, 'wb');
      let victim = worker(site, 'victim');
      await until(() => site.hits.filter((h) => h.agent === 'victim').length >= 40, 'the victim to crawl 40 pages');
      // The other two ('wa', 'wb': agents with a 'w', unlike the victim's) wait on held responses
      // until the end: the crawl cannot finish without the victim's restarts, whatever the
      // machine's speed.
      site.hold('w');

      // Kill 1: acknowledged in Redis, not yet written by the victim.
      await redis.client.call('CLIENT', 'PAUSE', '30000', 'WRITE');
      await quiet(site, 'victim');
      victim.child.kill('SIGSTOP');
      await redis.client.call('CLIENT', 'UNPAUSE');
      // Redis runs the victim's held acknowledgements; it never reads the replies.
      const acked = ackedKey(victim);
      await until(() => {
        poll(acked);
        return (recorded.get(acked) ?? 0) > 0;
      }, 'Redis to record the victim\'s acknowledgements');
      victim.child.kill('SIGKILL');
      expect((await victim.done).signal).toBe('SIGKILL');

      victim = worker(site, 'victim', 'victim-2');
      await until(() => /settled its last run/.test(victim.stderr), 'the restarted victim to settle');
      // Those pages' items were written from the journal by the restarted victim.
      expect(Number(/settled its last run: (\d+) acknowledged/.exec(victim.stderr)?.[1])).toBeGreaterThan(0);
      await until(() => site.hits.filter((h) => h.agent === 'victim-2').length >= 20, 'the restarted victim to crawl 20 pages');

      // Kill 2: processed pages pending, their acknowledgements held by Redis, never run.
      await redis.client.call('CLIENT', 'PAUSE', '30000', 'WRITE');
      await quiet(site, 'victim-2');
      victim.child.kill('SIGKILL');
      expect((await victim.done).signal).toBe('SIGKILL');
      await redis.client.call('CLIENT', 'UNPAUSE');

      site.release();
      victim = worker(site, 'victim', 'victim-3');
      const results = await Promise.all([a.done, b.done, victim.done]);
      for (const r of results) {
        expect(r.code, r.stderr.slice(-3000)).toBe(0);
        expect(r.stderr).toContain('Spider closed (finished)');
      }
      // The second settlement dropped pending entries (their requests were redone) and returned
      // the dead run's leases at once.
      expect(stat(results[2]!.stderr, 'redis/journal/settled_dropped')).toBeGreaterThan(0);
      expect(stat(results[2]!.stderr, 'redis/leases/returned_on_restart')).toBeGreaterThan(0);

      const feeds = ['wa', 'wb', 'victim'].map((f) => pagesOf(env(), 'once', f));
      const union = feeds.flat().sort((x, y) => x - y);
      expect(union.length).toBe(PAGES);
      expect(union).toEqual(range(0, PAGES));
      expect(feeds[2]!.length).toBeGreaterThan(0);
      // Nothing left behind: every acked set was emptied, and the finished crawl deleted its keys.
      expect(await redis.client.keys('once:*')).toEqual([]);

      // Started again after the crawl finished, the worker crawls nothing and its feed stays as it was.
      const again = await worker(site, 'victim', 'victim-4').done;
      expect(again.code, again.stderr.slice(-3000)).toBe(0);
      expect(again.stderr).toContain('this worker already finished its crawl; nothing to crawl');
      expect(site.hits.filter((h) => h.agent === 'victim-4')).toEqual([]);
      expect(pagesOf(env(), 'once', 'victim')).toEqual(feeds[2]);
      expect(await redis.client.keys('once:*')).toEqual([]);
    } finally {
      await site.close();
    }
  }, 240_000);
});
