/**
 * The Redis scenario of `npm run bench`: 1 and 2 skitter worker processes share one frontier in a
 * real redis-server and crawl the catalogue together. Reports pages/s (all workers together, over
 * the longest worker's crawl), Redis commands per page (the server's own count) and each worker's
 * peak RSS. The union of the workers' items is validated like any other run.
 * @module
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildArgs, ChildResult } from './children/measure.ts';
import { startBenchServer } from './site-server.ts';
import { validateItems } from './validate.ts';
import { startRedisServer } from '../test/helpers/redis-server.ts';

/** One row: a number of workers and what they did. */
export interface RedisRow {
  workers: number;
  pages: number;
  wallS: number;
  pagesPerS: number;
  commandsPerPage: number;
  /** Script calls (EVALSHA/EVAL) per page: the round trips that carry the frontier's work. */
  scriptsPerPage: number;
  peakRssMb: number[];
  /** CPU (user + sys) of all workers together per page, ms. */
  cpuMsPerPage: number;
  ok: boolean;
  problems: string[];
  error?: string;
}

type RunChild = (command: string[], args: ChildArgs, timeoutMs: number) => Promise<ChildResult | { error: string }>;

/** The server's command count (commands run inside scripts included) and its script calls (round trips). */
async function commandsProcessed(client: { info(section: string): Promise<string> }): Promise<{ commands: number; scripts: number }> {
  const m = /total_commands_processed:(\d+)/.exec(await client.info('stats'));
  const stats = await client.info('commandstats');
  const calls = (name: string): number => Number(new RegExp(`cmdstat_${name}:calls=(\\d+)`).exec(stats)?.[1] ?? 0);
  return { commands: m ? Number(m[1]) : 0, scripts: calls('evalsha') + calls('eval') };
}

/** Runs the scenario for each worker count; concurrency per worker, cluster-wide per domain = concurrency x workers. */
export async function redisScenario(options: { products: number; pageBytes: number; serverKind: 'nginx' | 'node'; concurrency: number; work: string; command: string[]; runChild: RunChild; log(m: string): void; jobdir?: boolean }): Promise<RedisRow[]> {
  const { log } = options;
  const rows: RedisRow[] = [];
  const server = await startBenchServer(options.products, options.pageBytes, options.serverKind);
  try {
    for (const workers of [1, 2]) {
      const redis = await startRedisServer();
      try {
        const before = await commandsProcessed(redis.client);
        const files = Array.from({ length: workers }, (_, i) => join(options.work, `redis-items-${workers}-${i}.jsonl`));
        const results = await Promise.all(files.map((itemsFile) => options.runChild(options.command, {
          origin: server.origin, concurrency: options.concurrency, itemsFile, redisUrl: redis.url,
          clusterDomainConcurrency: options.concurrency * workers,
          // --redis-jobdir: each worker has its JOBDIR, so its feed is exactly-once (its journal).
          ...(options.jobdir ? { jobdir: `${itemsFile}.jobdir` } : {}),
        }, 900_000)));
        // The workers' own INFO calls are not counted: the count is read before they start and after they exit.
        const after = await commandsProcessed(redis.client);
        const commands = after.commands - before.commands - 2;
        const scripts = after.scripts - before.scripts;
        const failed = results.find((r): r is { error: string } => 'error' in r);
        if (failed) {
          rows.push({ workers, pages: 0, wallS: 0, pagesPerS: 0, commandsPerPage: 0, scriptsPerPage: 0, peakRssMb: [], cpuMsPerPage: 0, ok: false, problems: [], error: failed.error });
          log(`redis ${workers} worker(s): FAILED ${failed.error}`);
          continue;
        }
        const ok = results as ChildResult[];
        const union = join(options.work, `redis-items-${workers}.jsonl`);
        writeFileSync(union, files.map((f) => readFileSync(f, 'utf8')).join(''));
        const check = validateItems(union, server.catalogue, server.origin);
        const pages = ok.reduce((sum, r) => sum + r.pages, 0);
        const wallS = Math.max(...ok.map((r) => r.wallMs)) / 1000;
        const row: RedisRow = { workers, pages, wallS, pagesPerS: pages / wallS, commandsPerPage: commands / pages, scriptsPerPage: scripts / pages, peakRssMb: ok.map((r) => Math.round(r.maxRssMb)), cpuMsPerPage: ok.reduce((sum, r) => sum + r.cpuUserS + r.cpuSysS, 0) * 1000 / pages, ...check };
        rows.push(row);
        log(`redis ${workers} worker(s): ${pages} pages in ${wallS.toFixed(1)} s (${row.pagesPerS.toFixed(0)} pages/s), ${row.commandsPerPage.toFixed(1)} Redis commands/page (${row.scriptsPerPage.toFixed(2)} script calls/page), ${row.cpuMsPerPage.toFixed(2)} CPU ms/page, peak RSS ${row.peakRssMb.join(' / ')} MB${check.ok ? '' : `, WRONG: ${check.problems.join('; ')}`}`);
        for (const f of [...files, union]) rmSync(f, { force: true });
        for (const f of files) rmSync(`${f}.jobdir`, { recursive: true, force: true });
        for (const f of files) rmSync(`${f}.feed.jsonl`, { force: true });
      } finally {
        await redis.stop();
      }
    }
  } finally {
    await server.stop();
  }
  return rows;
}

/** The scenario's section of bench/results.md. */
export function renderRedisRows(rows: RedisRow[], products: number, concurrency: number, jobdir = false): string {
  const lines = [
    '## Distributed on Redis (skitter/redis)' + (jobdir ? ', exactly-once feeds (JOBDIR per worker)' : ''),
    '',
    `Workers are separate processes sharing one frontier in a local redis-server; ${products.toLocaleString('en')} products, `
      + `CONCURRENT_REQUESTS ${concurrency} per worker, per-domain concurrency ${concurrency} x workers for the cluster. `
      + 'Pages/s counts all workers over the longest crawl; commands are the server\'s `total_commands_processed` (the '
      + 'commands run inside the Lua scripts included: one SADD per link found, most of them duplicates); script calls are the round trips; '
      + 'CPU is all workers\' user + sys time.'
      + (jobdir ? ' Each worker has a JOBDIR and a JSON Lines feed: exactly-once feeds through its journal.' : ''),
    '',
    '| Workers | Pages | Wall (s) | Pages/s | Redis commands / page | Script calls / page | CPU ms / page | Peak RSS per worker (MB) | Items valid |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    if (r.error) lines.push(`| ${r.workers} | failed: ${r.error} | | | | | | | |`);
    else lines.push(`| ${r.workers} | ${r.pages} | ${r.wallS.toFixed(1)} | ${r.pagesPerS.toFixed(0)} | ${r.commandsPerPage.toFixed(1)} | ${r.scriptsPerPage.toFixed(2)} | ${r.cpuMsPerPage.toFixed(2)} | ${r.peakRssMb.join(' / ')} | ${r.ok ? 'yes' : `no: ${r.problems.join('; ')}`} |`);
  }
  return lines.join('\n') + '\n';
}
