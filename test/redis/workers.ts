/**
 * Helpers of the distributed-crawl tests: start a worker (the real CLI), read its feed, wait for
 * a condition, read a stat from its final stats dump.
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonLines, startCli, type CliProcess } from '../cli/run-cli.ts';
import type { TestSite } from './site.ts';

/** Where workers run and which Redis they share. */
export interface WorkerEnv {
  dir: string;
  redisUrl: string;
}

/**
 * Starts one worker of crawl `crawl`: `skitter runspider <spiderFile>` with the Redis scheduler
 * and dupefilter given by their short names, its User-Agent set to `agent` (the site tells the
 * workers apart by it) and its feed in `<crawl>-<agent>.jsonl`.
 */
export function startWorker(env: WorkerEnv, site: TestSite, crawl: string, agent: string, extra: string[] = [], spiderFile = 'site.ts'): CliProcess {
  return startCli([
    'runspider', spiderFile, '-a', `site=${site.url}`, '-a', `name=${crawl}`,
    '-s', 'SCHEDULER=redis', '-s', 'DUPEFILTER_CLASS=redis', '-s', `REDIS_URL=${env.redisUrl}`,
    '-s', `USER_AGENT=${agent}`, '-s', 'CONCURRENT_REQUESTS_PER_DOMAIN=16', '-s', 'LOGSTATS_INTERVAL=0',
    '-O', `${crawl}-${agent}.jsonl`, '-L', 'INFO', ...extra,
  ], env.dir);
}

/** The pages in a worker's feed. */
export function pagesOf(env: WorkerEnv, crawl: string, agent: string): number[] {
  return parseJsonLines(readFileSync(join(env.dir, `${crawl}-${agent}.jsonl`), 'utf8')).map((item) => (item as { page: number }).page);
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/** How often the site served each path. */
export function hitCounts(site: TestSite): Map<string, number> {
  const counts = new Map<string, number>();
  for (const h of site.hits) counts.set(h.path, (counts.get(h.path) ?? 0) + 1);
  return counts;
}

/** A stat from a worker's final stats dump (0 when absent). */
export function stat(stderr: string, key: string): number {
  const m = new RegExp(`'${key.replaceAll('/', '\\/')}': (\\d+)`).exec(stderr);
  return m ? Number(m[1]) : 0;
}

/** Resolves when `condition()` holds (polled every 25 ms). @throws after `timeoutMs`, naming `what`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
