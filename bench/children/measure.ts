/**
 * What every Node benchmark child reports on its last stdout line, `RESULT {json}`: its own
 * CPU time and peak RSS (so the numbers are the child's alone), its crawl's wall time, and the
 * memory samples taken while it ran.
 * @module
 */
import { writeFileSync } from 'node:fs';

/** One memory sample: ms since the crawl started, pages so far, resident set and V8 heap used in MB. */
export interface Sample { ms: number; pages: number; rssMb: number; heapMb: number }

/** The JSON a child prints. */
export interface ChildResult {
  pages: number;
  items: number;
  wallMs: number;
  cpuUserS: number;
  cpuSysS: number;
  maxRssMb: number;
  samples: Sample[];
  extra?: Record<string, unknown>;
}

/** The arguments a child gets as JSON in argv[2]. */
export interface ChildArgs {
  origin: string;
  concurrency: number;
  /** Where to write the scraped items (JSON lines); omitted = do not write. */
  itemsFile?: string;
  /** Bare fetch: the URLs to fetch. Read from this file, one per line. */
  urlsFile?: string;
  /** The 1M scenario: how many start requests to yield. */
  startRequests?: number;
  /** Stop after this many pages (CLOSESPIDER_PAGECOUNT-like); 0 = no cap. */
  pageCap?: number;
  logLevel?: string;
  /** Close the crawl gracefully after this many seconds (skitter child only). */
  timeLimitS?: number;
  /** The Redis scenario (skitter child only): share the frontier on this Redis server. */
  redisUrl?: string;
  /** With `redisUrl`: the per-domain concurrency for the whole cluster. */
  clusterDomainConcurrency?: number;
  /** Run as a crash-safe job in this JOBDIR (skitter child only); its size is reported as `extra.jobStateBytes`. */
  jobdir?: string;
}

export function readArgs(): ChildArgs {
  return JSON.parse(process.argv[2] ?? '{}') as ChildArgs;
}

/** Samples RSS every `everyMs` while the crawl runs; `pages()` tells the progress. */
export function startSampler(pages: () => number, everyMs = 1000): { stop(): Sample[]; readonly t0: number } {
  const t0 = performance.now();
  const samples: Sample[] = [];
  const take = (): void => {
    const m = process.memoryUsage();
    samples.push({ ms: Math.round(performance.now() - t0), pages: pages(), rssMb: Math.round(m.rss / 1048576), heapMb: Math.round(m.heapUsed / 1048576) });
  };
  const timer = setInterval(take, everyMs);
  timer.unref();
  return {
    t0,
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

export function writeItems(file: string | undefined, items: unknown[]): void {
  if (!file) return;
  writeFileSync(file, items.map((item) => JSON.stringify(item)).join('\n') + (items.length ? '\n' : ''));
}

/** Prints the RESULT line with this process's CPU and peak RSS. */
export function report(result: Omit<ChildResult, 'cpuUserS' | 'cpuSysS' | 'maxRssMb'>): void {
  const usage = process.resourceUsage();
  const full: ChildResult = {
    ...result,
    cpuUserS: usage.userCPUTime / 1e6,
    cpuSysS: usage.systemCPUTime / 1e6,
    maxRssMb: usage.maxRSS / 1024,
  };
  process.stdout.write(`RESULT ${JSON.stringify(full)}\n`);
}
